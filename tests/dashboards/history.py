"""A small, known history of cases whose every dashboard figure can be counted by hand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update

from tests.cases.support import act, advance_to, finish_step, open_case, scope
from wasl.cases.models import Case, Decision
from wasl.cases.workflow.steps.base import riyadh_today
from wasl.db import db


@dataclass
class Known:
    """Case ids by name, and the day the history was written."""

    ids: dict
    today: object


def _at(association, step: str, channel: str, outcome: str = "accepted"):
    case = open_case(association, channel=channel)
    while case.step != step:
        finish_step(association, case, outcome=outcome)
    return case


def write_history(association) -> Known:
    """Eight cases of wefaq (see the test module for the hand count)."""
    ids = {}
    ids["a"] = open_case(association, channel="website").id  # reception
    ids["b"] = _at(association, "completeness_check", "phone").id
    ids["c"] = _at(association, "committee_review", "website").id  # will be overdue
    ids["h"] = _at(association, "committee_review", "interview").id  # due this week
    ids["d"] = _at(association, "registration", "phone").id  # accepted, 4 days
    rejected = _at(association, "committee_review", "interview")
    finish_step(association, rejected, outcome="rejected")
    ids["e"] = rejected.id  # rejected, 10 days
    delivered = _at(association, "service_delivery", "website")
    act(association, delivered, "record_delivery", {"description": "سلة غذائية", "amount": "500"})
    act(association, delivered, "record_delivery", {"description": "إيجار", "amount": "250.50"})
    act(association, delivered, "close")
    ids["f"] = delivered.id  # closed, 6 days
    withdrawn = open_case(association, channel="phone")
    act(association, withdrawn, "withdraw", {"reason": "انتقل المستفيد"})
    ids["g"] = withdrawn.id
    today = riyadh_today()
    with scope(association.tenant):
        _backdate(ids, today)
    db.session.commit()
    return Known(ids, today)


def _backdate(ids: dict, today) -> None:
    ages = {"a": 3, "b": 10, "c": 20, "h": 45, "d": 70}
    for name, days in ages.items():
        db.session.execute(update(Case).where(Case.id == ids[name]).values(received_on=today - timedelta(days=days))
                           .execution_options(synchronize_session=False))
    dues = {"c": today - timedelta(days=2), "h": today + timedelta(days=3)}
    for name, due in dues.items():
        db.session.execute(update(Case).where(Case.id == ids[name]).values(decision_due_on=due)
                           .execution_options(synchronize_session=False))
    for name, days in {"d": 4, "e": 10, "f": 6}.items():
        decided_at = db.session.scalar(select(Decision.decided_at).where(Decision.case_id == ids[name]))
        db.session.execute(update(Case).where(Case.id == ids[name])
                           .values(committee_submitted_at=decided_at - timedelta(days=days))
                           .execution_options(synchronize_session=False))


__all__ = ["Known", "advance_to", "write_history"]
