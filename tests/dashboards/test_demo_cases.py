"""The demo's cases: every step and status, decisions, deliveries and overdue cases, with their timeline."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select

from tests.cases.pages import as_member
from tests.cases.support import scope
from wasl.cases.models import Case, CaseEvent, CaseStatus, Decision, Pledge, ServiceDelivery
from wasl.cases.workflow.steps.base import riyadh_today
from wasl.db import db
from wasl.demo_cases import seed_demo_cases


def test_demo_cases_cover_the_procedure_and_are_added_once(client, wefaq):
    assert seed_demo_cases(wefaq.tenant, count=160) == 160
    db.session.commit()
    assert seed_demo_cases(wefaq.tenant) == 0  # an association with cases is left as it is
    with scope(wefaq.tenant):
        cases = db.session.scalars(select(Case)).all()
        steps = Counter(c.step for c in cases if c.is_active)
        statuses = Counter(c.status for c in cases)
        events = db.session.scalar(select(func.count(CaseEvent.id)))
        opened = db.session.scalar(select(func.count(CaseEvent.id)).where(CaseEvent.kind == "opened"))
        amounts = db.session.scalars(select(ServiceDelivery.amount)).all()
        outcomes = Counter(db.session.scalars(select(Decision.outcome)).all())
        pledges = db.session.scalar(select(func.count(Pledge.id)))
        delivered = next(c.id for c in cases if c.status == CaseStatus.CLOSED)
        facts = {"overdue": sum(c.is_overdue(riyadh_today()) for c in cases), "numbers": len({c.number for c in cases}),
                 "channels": len({c.channel for c in cases}),
                 "oldest_days": (riyadh_today() - min(c.received_on for c in cases)).days}
    assert len(cases) == 160 and opened == 160 and events > 160 * 5
    assert {"reception", "completeness_check", "committee_review"} <= set(steps)
    assert {CaseStatus.OPEN, CaseStatus.CLOSED, CaseStatus.REJECTED, CaseStatus.WITHDRAWN} <= set(statuses)
    assert outcomes["accepted"] and outcomes["rejected"] and pledges >= sum(outcomes.values())
    assert amounts and all(a > 0 for a in amounts)
    assert facts["overdue"] and facts["channels"] >= 5 and facts["oldest_days"] > 120 and facts["numbers"] == 160
    page = as_member(client, wefaq, "viewer").get(f"/wefaq/cases/{delivered}")
    assert page.status_code == 200
    assert as_member(client, wefaq, "viewer").get("/wefaq/dashboard").status_code == 200
