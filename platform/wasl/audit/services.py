"""Recording audit events from the service layer."""

from __future__ import annotations

from flask import g, has_request_context, request

from wasl.audit.models import AuditEvent, PlatformAuditEvent
from wasl.db import db
from wasl.tenancy.scope import current_scope


def record(action: str, obj=None, *, actor_id: int | None = None, tenant_id: int | None = None, **details):
    """Add an audit event to the current transaction; it commits (or not) with the change it describes."""
    if tenant_id is None:
        scope = current_scope(db.session)
        tenant_id = scope.write_tenant_id if scope else None
    model = AuditEvent if tenant_id is not None else PlatformAuditEvent
    if obj is not None and getattr(obj, "id", None) is None:
        db.session.flush()
    event = model(
        action=action,
        actor_user_id=actor_id if actor_id is not None else _current_actor_id(),
        object_type=type(obj).__name__ if obj is not None else None,
        object_id=str(obj.id) if obj is not None and getattr(obj, "id", None) is not None else None,
        details=details,
        **_request_facts(),
    )
    if tenant_id is not None:
        event.tenant_id = tenant_id
    db.session.add(event)
    return event


def _current_actor_id() -> int | None:
    if not has_request_context():
        return None
    actor = g.get("actor")
    return actor.id if actor is not None else None


def _request_facts() -> dict:
    if not has_request_context():
        return {}
    return {"request_id": g.get("request_id"), "ip_address": request.remote_addr}
