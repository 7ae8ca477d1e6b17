"""Reminding staff of decisions, called by the notifications scheduler for each association in turn.

``decision_due_soon(tenant, now)`` and ``overdue(tenant, now)`` run in that
association's scope, emit ``case.decision_due_soon`` / ``case.overdue`` and
return how many; the scheduler commits. Each case is reminded once per due
date for each kind (``due_soon_reminded_on``, ``overdue_reminded_on``);
submitting it to the committee again resets both.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select

from wasl.cases import notify
from wasl.cases.models import ACTIVE_STATUSES, Case
from wasl.cases.queries import overdue_condition
from wasl.cases.timeline import log
from wasl.db import db
from wasl.i18n.dates import local_date

DUE_SOON_DAYS = 2


def cases_due_soon(today: date, within_days: int = DUE_SOON_DAYS) -> list[Case]:
    """Cases in scope whose decision is due within ``within_days`` and that were not reminded of it."""
    stmt = select(Case).where(Case.status.in_(ACTIVE_STATUSES), Case.decided_at.is_(None),
                              Case.decision_due_on >= today,
                              Case.decision_due_on <= today + timedelta(days=within_days),
                              Case.due_soon_reminded_on.is_(None)).order_by(Case.decision_due_on, Case.id)
    return list(db.session.scalars(stmt))


def overdue_cases(today: date) -> list[Case]:
    """Cases in scope past their decision date and not yet reminded of it."""
    stmt = (select(Case).where(overdue_condition(today), Case.overdue_reminded_on.is_(None))
            .order_by(Case.decision_due_on, Case.id))
    return list(db.session.scalars(stmt))


def decision_due_soon(tenant, now: datetime, within_days: int = DUE_SOON_DAYS) -> int:
    """Tell the deciders of ``tenant`` (in scope) which decisions fall due soon; returns how many."""
    today = local_date(now)
    cases = cases_due_soon(today, within_days)
    for case in cases:
        case.due_soon_reminded_on = today
        log(case, "decision_due_soon", None, decision_due_on=case.decision_due_on.isoformat())
        notify.announce(notify.DECISION_DUE_SOON, case, decision_due_on=case.decision_due_on.isoformat())
    return len(cases)


def overdue(tenant, now: datetime) -> int:
    """Tell the supervisors of ``tenant`` (in scope) which decisions are overdue; returns how many."""
    today = local_date(now)
    cases = overdue_cases(today)
    for case in cases:
        case.overdue_reminded_on = today
        days = (today - case.decision_due_on).days
        log(case, "overdue", None, decision_due_on=case.decision_due_on.isoformat(), days_overdue=days)
        notify.announce(notify.OVERDUE, case, decision_due_on=case.decision_due_on.isoformat(), days_overdue=days)
    return len(cases)
