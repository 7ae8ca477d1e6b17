"""Writing the case's history: each change is a timeline entry and an audit event, in one go."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from wasl.audit.services import record
from wasl.cases.models import Case, CaseEvent
from wasl.db import db


def log(case: Case, kind: str, actor=None, *, action: str | None = None, step: str | None = None,
        to_step: str | None = None, **details) -> CaseEvent:
    """Add ``kind`` to the case's timeline and to the audit log; both commit with the change itself."""
    if case.id is None:
        db.session.flush()
    event = CaseEvent(case_id=case.id, tenant_id=case.tenant_id, kind=kind, action=action,
                      step=step if step is not None else case.step, to_step=to_step,
                      review_round=case.review_round, actor_id=actor.id if actor is not None else None,
                      details=details)
    db.session.add(event)
    record(f"case.{kind}", case, actor_id=event.actor_id, tenant_id=case.tenant_id, number=case.number,
           **({"case_action": action} if action else {}), **details)
    return event


def events_of(case: Case) -> list[CaseEvent]:
    """The case's timeline, oldest first, with who did each thing."""
    stmt = (select(CaseEvent).where(CaseEvent.case_id == case.id)
            .options(joinedload(CaseEvent.actor)).order_by(CaseEvent.created_at, CaseEvent.id))
    return list(db.session.scalars(stmt))
