"""Writing notifications into the outbox, inside the caller's transaction, and handing them on after commit.

A notification is a row added to the same session as the change that causes
it, so both commit or neither does. A session listener remembers the ids of
new pending rows and, only once the transaction has committed, passes them to
``dispatch`` (through ``wasl.jobs.after_commit``); a rollback forgets them.
Nothing reaches Redis before the row exists, and a row whose job is lost is
found again by the periodic sweep.
"""

from __future__ import annotations

import contextlib
import hashlib
import secrets
from dataclasses import dataclass, field

from sqlalchemy import event, select

from wasl import jobs
from wasl.db import WaslSession, db, utcnow
from wasl.notifications import config, dispatch, messages, rules
from wasl.notifications.catalogue import EventSpec, spec_for
from wasl.notifications.context import message_context
from wasl.notifications.models import Notification, NotificationStatus
from wasl.notifications.recipients import Recipient
from wasl.notifications.rendering import TemplateRejected
from wasl.notifications.sms import count_segments
from wasl.tenancy.models import Tenant
from wasl.tenancy.scope import current_scope, tenant_scope


@dataclass
class TenantRules:
    """One association's delivery rules, loaded once for a batch of notifications."""

    tenant: Tenant
    settings: object
    configured: set[str]
    overrides: dict = field(default_factory=dict)


def load_rules(tenant_id: int) -> TenantRules:
    return TenantRules(tenant=db.session.get(Tenant, tenant_id), settings=rules.tenant_settings(),
                       configured=rules.configured_channels())


@contextlib.contextmanager
def in_tenant(tenant_id: int):
    """Write as ``tenant_id``: keep the caller's scope when it is exactly that tenant."""
    scope = current_scope(db.session)
    if scope is not None and scope.write_tenant_id == tenant_id:
        yield
        return
    with tenant_scope(db.session, tenant_id):
        yield


def _key(dedupe_key: str | None, recipient: Recipient) -> str:
    if dedupe_key is None:
        return secrets.token_hex(16)
    who = f"{recipient.kind}:{recipient.ref_id or recipient.email or recipient.mobile}"
    return hashlib.sha256(f"{dedupe_key}|{who}".encode()).hexdigest()[:32]


def notify(tenant_id: int, event: str, recipient: Recipient, context: dict, *, essential: bool,
           urgent: bool | None = None, object_id=None, dedupe_key: str | None = None,
           tenant_rules: TenantRules | None = None) -> Notification | None:
    """Add one notification to the caller's transaction; None when the rules say not to send it.

    ``context`` holds the event's facts (see ``catalogue``); ``dedupe_key`` makes a repeat a no-op.
    """
    spec = spec_for(event)
    if rules.should_skip(recipient, essential):
        return None
    with in_tenant(tenant_id):
        key = _key(dedupe_key, recipient)
        if dedupe_key is not None:
            existing = db.session.scalar(select(Notification).where(Notification.idempotency_key == key))
            if existing is not None:
                return existing
        tenant_rules = tenant_rules or load_rules(tenant_id)
        notification = _build(spec, recipient, context, essential, spec.urgent if urgent is None else urgent,
                              tenant_rules)
        notification.idempotency_key = key
        notification.object_type = spec.object_type if object_id is not None else None
        notification.object_id = str(object_id) if object_id is not None else None
        db.session.add(notification)
    return notification


def _build(spec: EventSpec, recipient: Recipient, facts: dict, essential: bool, urgent: bool,
           tenant_rules: TenantRules) -> Notification:
    settings = tenant_rules.settings
    channel, has_provider = rules.choose_channel(recipient, spec.channels, tenant_rules.configured,
                                                 list(settings.fallback_order or []))
    now = utcnow()
    notification = Notification(
        tenant_id=tenant_rules.tenant.id, event=spec.name, channel=channel or spec.channels[0],
        locale=recipient.locale, recipient_kind=recipient.kind, recipient_ref_id=recipient.ref_id,
        recipient_name=(recipient.name or "")[:200], essential=essential, urgent=urgent, sensitive=spec.sensitive,
        status=NotificationStatus.PENDING, attempts=0, max_attempts=config.max_attempts(),
        next_attempt_at=now, enqueued_at=now, template_params=[], body="",
    )
    if channel is None:
        return _dead(notification, "the recipient has no address on any channel this message can use")
    notification.recipient_address = recipient.address_for(channel)
    if not has_provider:
        return _dead(notification, f"no provider is configured for the {channel} channel")
    try:
        _render_into(notification, spec, facts, tenant_rules)
    except TemplateRejected as error:
        return _dead(notification, f"the message could not be rendered: {error}")
    notification.next_attempt_at = rules.not_before(now, channel, urgent, settings)
    notification.enqueued_at = notification.next_attempt_at
    return notification


def _render_into(notification: Notification, spec: EventSpec, facts: dict, tenant_rules: TenantRules) -> None:
    context = message_context(spec, tenant_rules.tenant, notification.locale, notification.recipient_name, facts)
    rendered = messages.render(spec.name, str(notification.channel), notification.locale, context,
                               overrides=tenant_rules.overrides)
    notification.subject = rendered.subject[:300] if rendered.subject else None
    notification.body = rendered.body
    notification.template_name = rendered.template_name
    notification.template_params = rendered.template_params
    if notification.channel == "sms":
        notification.segments = count_segments(rendered.body).segments


def _dead(notification: Notification, reason: str) -> Notification:
    notification.status = NotificationStatus.DEAD
    notification.last_error = reason[:500]
    return notification


def dispatch_after_commit(notification: Notification) -> None:
    """Hand an existing row (a resend) to delivery once the current transaction commits."""
    db.session.flush()
    jobs.after_commit(db.session, _dispatch, (notification.tenant_id, notification.id))


def _remember_new(session, flush_context) -> None:
    for obj in session.new:
        if isinstance(obj, Notification) and obj.status == NotificationStatus.PENDING:
            jobs.after_commit(session, _dispatch, (obj.tenant_id, obj.id))


def _dispatch(pairs: list[tuple[int, int]]) -> None:
    dispatch.after_commit(sorted(pairs))


def install(session_class=WaslSession) -> None:
    """Attach the listener once; idempotent like the tenancy listeners."""
    if event.contains(session_class, "after_flush", _remember_new):
        return
    event.listen(session_class, "after_flush", _remember_new)
