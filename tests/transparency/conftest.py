"""A seed association with its staff, a page client per test, and a small history written directly."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.cases.pages import desk
from tests.cases.support import open_case, scope
from wasl.cases.models import Decision
from wasl.db import db, utcnow
from wasl.surveys.models import SatisfactionSurvey


@pytest.fixture
def wefaq(factory):
    association = desk(factory)
    association.tokens["admin"] = factory.token(association.users["admin"])
    factory.commit()
    return association


def write_history(association, channels, outcomes=(), scores=()) -> list[int]:
    """Cases received on ``channels`` now; a decision for the first ones (``outcomes``) and an answered survey
    for the first ones (``scores``), written as the services would leave them. Returns the case ids."""
    cases = [open_case(association, channel=channel) for channel in channels]
    now = utcnow()
    with scope(association.tenant):
        for case, outcome in zip(cases, outcomes, strict=False):
            db.session.add(Decision(tenant_id=case.tenant_id, case_id=case.id, review_round=1, outcome=outcome,
                                    reasons="—", votes_for=1, votes_against=0, quorum=1, decided_at=now))
        for n, (case, score) in enumerate(zip(cases, scores, strict=False)):
            db.session.add(SatisfactionSurvey(
                tenant_id=case.tenant_id, case_id=case.id, token_hash=f"test-{case.id}-{n}",
                service_key=case.service_key, channel=case.channel, invited_at=now,
                expires_at=now + timedelta(days=14), answered_at=now, language="ar", score=score,
                answers={"overall": score}))
        ids = [case.id for case in cases]
        db.session.flush()
    db.session.commit()
    return ids


def publish(association, days: int = 365) -> None:
    from wasl.transparency import settings

    with scope(association.tenant):
        settings.choose(association.tenant, True, days, None)
    db.session.commit()
