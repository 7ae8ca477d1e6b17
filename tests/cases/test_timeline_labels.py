"""The timeline in Arabic: every entry labelled, the reason in words, and who did it (or that it was automatic)."""

from __future__ import annotations

import re

import pytest

from tests.cases.pages import as_member, case_at, desk, seen
from tests.cases.support import act, scope, signature
from wasl.beneficiaries.services import update_beneficiary
from wasl.cases.timeline import log
from wasl.db import db


@pytest.fixture
def wefaq_desk(factory):
    association = desk(factory)
    factory.commit()
    return association


def _timeline(page: str) -> str:
    return page[page.index('id="timeline"'):]


def test_a_voided_pledge_says_why_in_words_and_who_changed_the_data(client, wefaq_desk):
    case = case_at(wefaq_desk, "pledge")
    act(wefaq_desk, case, "sign_pledge", {"signed_name": "فاطمة علي الزهراني", "signature": signature()})
    officer = wefaq_desk.users["relations_officer"]
    with scope(wefaq_desk.tenant):
        update_beneficiary(case.beneficiary, {"mobile": "0559876543"}, officer)
    shown = seen(case)
    db.session.commit()
    timeline = _timeline(as_member(client, wefaq_desk, "relations_officer").get(f"{shown.url}?lang=ar")
                         .get_data(as_text=True))
    voided = timeline[timeline.index('data-kind="pledge_voided"'):]
    voided = voided[:voided.index("</li>")]
    assert "attested_data_changed" not in timeline
    assert "تغيّرت البيانات التي أقرّ بها المستفيد" in voided and officer.name in voided


def test_an_automatic_entry_says_so_and_counts_its_days(client, wefaq_desk):
    case = case_at(wefaq_desk, "reception")
    with scope(wefaq_desk.tenant):
        log(case, "overdue", None, decision_due_on=case.received_on.isoformat(), days_overdue=11)
    shown = seen(case)
    db.session.commit()
    timeline = _timeline(as_member(client, wefaq_desk, "relations_officer").get(f"{shown.url}?lang=ar")
                         .get_data(as_text=True))
    overdue = re.search(r'data-kind="overdue">(.*?)</li>', timeline, re.S).group(1)
    assert "النظام" in overdue and "overdue" not in overdue
    assert "11 يومًا" in overdue  # a counted noun in its plural form
