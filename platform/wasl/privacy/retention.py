"""Retention: personal data of people whose requests all closed long enough ago is erased on schedule.

Each association chooses how many months after a person's last request was
closed their identity is kept (or keeps it until an admin erases it). Who is
due is one aggregate statement over the association's cases; each is erased
the way an admin's erasure does it (``erasure.erase``: the case facts stay),
and the run is recorded in the audit log with what it did.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import case as when
from sqlalchemy import func, select

from wasl.audit.services import record
from wasl.beneficiaries.models import Beneficiary
from wasl.cases.models import ACTIVE_STATUSES, Case
from wasl.db import db
from wasl.i18n.dates import RIYADH
from wasl.privacy.erasure import ERASED_KIND, erase
from wasl.privacy.models import KEEP_CHOICES, RetentionSetting

REASON = "انقضت مدة الاحتفاظ بالبيانات الشخصية التي حددتها الجمعية"


@dataclass(frozen=True)
class Report:
    """What one run did in one association."""

    keep_months: int | None
    cutoff: date | None
    erased: int


def keep_months() -> int | None:
    """The period of the association in scope, or None when it keeps data until erased by hand."""
    row = db.session.scalar(select(RetentionSetting))
    return row.keep_months if row is not None else None


def choose(tenant, months: int | None, actor) -> int | None:
    """Set the period (one of ``KEEP_CHOICES``, or None); audited when it changes."""
    if months is not None and months not in KEEP_CHOICES:
        raise ValueError(months)
    row = db.session.scalar(select(RetentionSetting))
    if row is None:
        row = RetentionSetting(tenant_id=tenant.id, keep_months=None)
        db.session.add(row)
    if row.keep_months != months:
        row.keep_months, row.updated_by_id = months, actor.id if actor is not None else None
        db.session.flush()
        record("privacy.retention_changed", tenant, actor_id=row.updated_by_id, keep_months=months)
    return row.keep_months


def cutoff_for(today: date, months: int) -> date:
    """The same day ``months`` earlier (the month's last day where it is shorter)."""
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    return date(year, month + 1, min(today.day, calendar.monthrange(year, month + 1)[1]))


def due_people(cutoff: date) -> list[int]:
    """People not yet erased whose requests are all closed, the last before ``cutoff`` (Riyadh days)."""
    before = datetime.combine(cutoff, time.min, tzinfo=RIYADH)
    open_cases = func.sum(when((Case.status.in_(ACTIVE_STATUSES), 1), else_=0))
    stmt = (select(Case.beneficiary_id).join(Beneficiary, Beneficiary.id == Case.beneficiary_id)
            .where(Beneficiary.id_kind != ERASED_KIND)
            .group_by(Case.beneficiary_id)
            .having(open_cases == 0, func.max(func.coalesce(Case.closed_at, Case.decided_at, Case.created_at))
                    < before)
            .order_by(Case.beneficiary_id))
    return list(db.session.scalars(stmt))


def due_count(today: date) -> int | None:
    """How many people the next run would erase; None when the association keeps data until erased by hand."""
    months = keep_months()
    return len(due_people(cutoff_for(today, months))) if months is not None else None


def apply(tenant, today: date, actor=None) -> Report:
    """Erase everyone due in the association in scope; recorded in the audit log even when nobody was."""
    months = keep_months()
    if months is None:
        return Report(None, None, 0)
    cutoff = cutoff_for(today, months)
    people = due_people(cutoff)
    for person in db.session.scalars(select(Beneficiary).where(Beneficiary.id.in_(people))):
        erase(person, REASON, actor)
    record("privacy.retention_applied", tenant, actor_id=actor.id if actor is not None else None,
           keep_months=months, cutoff=cutoff.isoformat(), erased=len(people))
    return Report(months, cutoff, len(people))
