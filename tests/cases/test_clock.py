"""The decision clock: calendar days, working days (Sunday–Thursday) and the association's holidays."""

from __future__ import annotations

from datetime import date

from tests.cases.support import scope
from wasl.administration.holidays import add_holiday
from wasl.cases.clock import decision_due_on, due_on, is_working_day

WEDNESDAY = date(2026, 3, 4)
THURSDAY = date(2026, 3, 5)


def no_holidays(first, last):
    return set()


def test_calendar_days_count_every_day_including_the_weekend():
    assert due_on(date(2026, 3, 1), 14, "calendar") == date(2026, 3, 15)
    assert due_on(THURSDAY, 2, "calendar") == date(2026, 3, 7)  # a Saturday: calendar counting does not care


def test_friday_and_saturday_are_the_weekend():
    assert [is_working_day(date(2026, 3, d)) for d in range(1, 8)] == [True, True, True, True, True, False, False]


def test_working_days_step_over_the_weekend():
    # Thursday + 1 working day: Friday and Saturday are skipped, Sunday counts.
    assert due_on(THURSDAY, 1, "working", no_holidays) == date(2026, 3, 8)
    # Wednesday + 5: Thu 5, Sun 8, Mon 9, Tue 10, Wed 11.
    assert due_on(WEDNESDAY, 5, "working", no_holidays) == date(2026, 3, 11)


def test_working_days_skip_a_holiday_as_well_as_the_weekend():
    holiday = date(2026, 3, 8)  # the Sunday after the weekend
    assert due_on(WEDNESDAY, 3, "working", lambda first, last: {holiday}) == date(2026, 3, 10)
    assert due_on(WEDNESDAY, 3, "working", no_holidays) == date(2026, 3, 9)


def test_a_long_run_of_holidays_widens_the_search_until_the_window_fits():
    # A whole month of holidays (Eid break and more): the clock keeps looking further ahead.
    holidays = {date(2026, 3, d) for d in range(5, 32)} | {date(2026, 4, d) for d in range(1, 16)}

    def lookup(first, last):
        return {d for d in holidays if first <= d <= last}

    assert due_on(WEDNESDAY, 2, "working", lookup) == date(2026, 4, 19)  # Thu 16 Apr, then Sun 19 Apr


def test_the_submission_day_itself_is_never_counted():
    assert due_on(WEDNESDAY, 1, "working", no_holidays) == THURSDAY
    assert due_on(WEDNESDAY, 1, "calendar") == THURSDAY


def test_the_associations_configured_holidays_are_read_from_its_own_records(factory):
    tenant, other = factory.tenant(), factory.tenant()
    with scope(other):
        add_holiday(date(2026, 3, 9), "إجازة جمعية أخرى", "Another association's holiday")
    with scope(tenant):
        add_holiday(date(2026, 3, 8), "إجازة", "Holiday")
        window = {"days": 3, "counting": "working"}
        # Thu 5 (1), weekend, Sun 8 holiday, Mon 9 (2: the other association's holiday does not count), Tue 10 (3).
        assert decision_due_on(WEDNESDAY, window) == date(2026, 3, 10)
        assert decision_due_on(WEDNESDAY, {"days": 3, "counting": "calendar"}) == date(2026, 3, 7)
