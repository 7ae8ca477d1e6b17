"""Suspending and reactivating an association: staff are refused at once, nothing is deleted."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from wasl import events
from wasl.audit.services import record
from wasl.db import db
from wasl.errors import Conflict
from wasl.tenancy.models import Tenant, TenantStatus
from wasl.tenancy.scope import tenant_scope


class LifecycleError(Conflict):
    """A lifecycle change that does not apply to the association's status (409); the message is for people."""


def association_by_slug(slug: str) -> Tenant | None:
    return db.session.scalar(select(Tenant).where(Tenant.slug == slug))


def suspend(tenant: Tenant, reason: str = "") -> None:
    """Refuse the association's staff from their next request and pause its notifications; data is kept."""
    if tenant.status == TenantStatus.SUSPENDED:
        raise LifecycleError(_("This association is already suspended."))
    _set_status(tenant, TenantStatus.SUSPENDED, "tenant.suspended", reason)


def reactivate(tenant: Tenant, reason: str = "") -> None:
    """Let the association's staff back in and resume its notifications."""
    if tenant.status == TenantStatus.ACTIVE:
        raise LifecycleError(_("This association is already active."))
    _set_status(tenant, TenantStatus.ACTIVE, "tenant.reactivated", reason)


def _set_status(tenant: Tenant, status: TenantStatus, event: str, reason: str) -> None:
    tenant.status = status
    details = {"slug": tenant.slug, "reason": reason.strip()[:500]}
    record(f"operator.{event.split('.')[1]}", tenant, **details)
    with tenant_scope(db.session, tenant.id):
        record(event, tenant, **details)
        events.emit(event, tenant_id=tenant.id)
