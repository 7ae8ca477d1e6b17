"""The operator's view of associations: search, and usage in a fixed number of grouped queries.

Cases and notifications are counted only when those features are installed;
each count is one GROUP BY over the page's associations, whatever their number.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select

from wasl.accounts.models import Membership
from wasl.audit.models import AuditEvent
from wasl.db import db, utcnow
from wasl.tenancy.models import Tenant, TenantStatus
from wasl.tenancy.scope import tenant_scope


@dataclass(frozen=True)
class Usage:
    staff: int = 0
    open_cases: int | None = None
    overdue_cases: int | None = None
    notifications_7d: int | None = None
    last_activity_at: datetime | None = None


def search_statement(q: str = "", status: str | None = None):
    stmt = select(Tenant).order_by(Tenant.name_en)
    if q:
        pattern = f"%{q.strip()}%"
        stmt = stmt.where(or_(Tenant.slug.ilike(pattern), Tenant.name_ar.ilike(pattern),
                              Tenant.name_en.ilike(pattern), Tenant.city_ar.ilike(pattern),
                              Tenant.city_en.ilike(pattern), Tenant.registration_number.ilike(pattern)))
    if status:
        stmt = stmt.where(Tenant.status == TenantStatus(status))
    return stmt


def usage_of(tenant_ids: list[int]) -> dict[int, Usage]:
    """Usage of each association in ``tenant_ids``."""
    if not tenant_ids:
        return {}
    with tenant_scope(db.session, *tenant_ids):
        staff = _grouped(select(Membership.tenant_id, func.count()).where(
            Membership.tenant_id.in_(tenant_ids), Membership.active.is_(True)).group_by(Membership.tenant_id))
        last = _grouped(select(AuditEvent.tenant_id, func.max(AuditEvent.created_at))
                        .group_by(AuditEvent.tenant_id))
        cases = _case_counts()
        notes = _notification_counts()
    return {tid: Usage(staff=staff.get(tid, 0),
                       open_cases=cases[0].get(tid, 0) if cases else None,
                       overdue_cases=cases[1].get(tid, 0) if cases else None,
                       notifications_7d=notes.get(tid, 0) if notes is not None else None,
                       last_activity_at=last.get(tid)) for tid in tenant_ids}


def _grouped(stmt) -> dict:
    return dict(db.session.execute(stmt).all())


def _model(module: str, name: str):
    """A model of another feature, once that feature is installed (registered in ``wasl.models``)."""
    from wasl import models as schema

    if name not in getattr(schema, "__all__", ()):
        return None
    try:
        return getattr(importlib.import_module(module), name, None)
    except ImportError:
        return None


def _case_counts() -> tuple[dict, dict] | None:
    case = _model("wasl.cases.models", "Case")
    if case is None or not hasattr(case, "closed_at"):
        return None
    open_ = case.closed_at.is_(None)
    counts = _grouped(select(case.tenant_id, func.count()).where(open_).group_by(case.tenant_id))
    overdue = {}
    if hasattr(case, "decision_due_on"):
        waiting = (open_, case.decision_due_on < utcnow().date())
        if hasattr(case, "decided_at"):
            waiting += (case.decided_at.is_(None),)
        overdue = _grouped(select(case.tenant_id, func.count()).where(*waiting).group_by(case.tenant_id))
    return counts, overdue


def _notification_counts() -> dict | None:
    notification = _model("wasl.notifications.models", "Notification")
    if notification is None or not hasattr(notification, "created_at"):
        return None
    since = utcnow() - timedelta(days=7)
    return _grouped(select(notification.tenant_id, func.count())
                    .where(notification.created_at >= since).group_by(notification.tenant_id))
