"""Board approval dates: one calendar entered, the other derived (Umm al-Qura); disagreeing pairs refused."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from wasl.policy.approval import BoardDate, BoardDateError, reconcile_printed_pair, resolve_board_date

HOPE_MESSAGE = "1445-04-06 AH is 2023-10-21, not 2024-10-21; 2024-10-21 is 1446-04-18 AH."


def refusal(**dates) -> dict:
    with pytest.raises(BoardDateError) as error:
        resolve_board_date(**dates)
    return error.value.messages


def test_hopes_printed_pair_is_refused_with_both_conversions():
    messages = refusal(date_hijri="1445-04-06", date_gregorian="2024-10-21")
    assert messages == {"date_hijri": [HOPE_MESSAGE], "date_gregorian": [HOPE_MESSAGE]}


def test_hijri_alone_derives_the_gregorian_day():
    assert resolve_board_date(date_hijri="1445-04-06") == BoardDate(date(2023, 10, 21), "1445-04-06")
    assert resolve_board_date(date_hijri="1445/4/6") == BoardDate(date(2023, 10, 21), "1445-04-06")


def test_gregorian_alone_derives_the_hijri_day():
    assert resolve_board_date(date_gregorian="2024-04-17") == BoardDate(date(2024, 4, 17), "1445-10-08")
    assert resolve_board_date(date_gregorian=date(2024, 10, 21)).hijri == "1446-04-18"


def test_wefaqs_pair_agrees():
    assert resolve_board_date("1445-10-08", "2024-04-17") == BoardDate(date(2024, 4, 17), "1445-10-08")


@pytest.mark.parametrize("dates, field, reason", [
    ({}, "date_hijri", "in Hijri or Gregorian"),
    ({"date_hijri": "06-04-1445"}, "date_hijri", "YYYY-MM-DD"),
    ({"date_hijri": "1445-04-31"}, "date_hijri", "does not exist in the Umm al-Qura calendar"),
    ({"date_hijri": "1600-01-01"}, "date_hijri", "between 1343 and 1500"),
    ({"date_gregorian": "2024-02-30"}, "date_gregorian", "does not exist"),
    ({"date_gregorian": "1900-01-01"}, "date_gregorian", "between August 1, 1924 and November 16, 2077"),
    ({"date_gregorian": "next tuesday"}, "date_gregorian", "YYYY-MM-DD"),
])
def test_unusable_dates_name_the_field(dates, field, reason):
    assert reason in refusal(**dates)[field][0]


def test_a_meeting_cannot_be_in_the_future():
    tomorrow = date.today() + timedelta(days=2)
    assert "future" in refusal(date_gregorian=tomorrow.isoformat())["date_gregorian"][0]
    assert resolve_board_date(date_gregorian=tomorrow.isoformat(), allow_future=True).gregorian == tomorrow


@pytest.mark.no_db_session
def test_messages_work_outside_any_request_or_application():
    with pytest.raises(BoardDateError) as error:
        resolve_board_date("1445-04-06", "2024-10-21")
    assert error.value.messages["date_gregorian"] == [HOPE_MESSAGE]


def test_a_printed_pair_that_disagrees_is_resolved_in_favour_of_the_hijri_date():
    block = {"meeting_number": "3", "date_hijri": "1445-04-06", "date_gregorian": "2024-10-21"}
    corrected, facts = reconcile_printed_pair(block)
    assert corrected == {"meeting_number": "3", "date_hijri": "1445-04-06", "date_gregorian": "2023-10-21",
                         "printed_gregorian": "2024-10-21"}
    assert facts == {"date_hijri": "1445-04-06", "printed_gregorian": "2024-10-21",
                     "derived_gregorian": "2023-10-21", "reason": HOPE_MESSAGE}


@pytest.mark.parametrize("block", [
    {"meeting_number": "03", "date_hijri": "1445-10-08", "date_gregorian": "2024-04-17"},
    {"meeting_number": "03", "date_hijri": "1445-10-08"},
    {"meeting_number": "03", "date_hijri": "not a date", "date_gregorian": "2024-04-17"},
    None,
])
def test_agreeing_single_or_malformed_blocks_are_left_for_the_schema(block):
    assert reconcile_printed_pair(block) == (block, None)
