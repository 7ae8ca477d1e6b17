"""Delivering one notification: claim it, send it with its idempotency key, record the answer.

Runs inside the notification's tenant scope (set by the job from its
arguments). The claim is a conditional UPDATE (``pending|failed -> sending``,
attempts + 1) committed before anything leaves the building, so two workers
can never both own a row and a worker that dies mid-send leaves a ``sending``
row the sweep re-opens once its lease expires. Failures back off; when no
attempt is left the row is ``dead`` and waits for an admin's resend.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select, update

from wasl.db import db, utcnow
from wasl.kernel.moments import aware
from wasl.notifications import config, dispatch, rules
from wasl.notifications.models import (
    Notification,
    NotificationAttempt,
    NotificationStatus,
    Outcome,
    ProviderConfig,
)
from wasl.notifications.providers import OutgoingMessage, Provider, SendResult, build
from wasl.tenancy.models import Tenant
from wasl.tenancy.scope import current_scope

log = logging.getLogger(__name__)

SCRUBBED = ""


def _load(model, row_id: int):
    """Read through the tenant criteria (Session.get() could answer from the identity map without them)."""
    return db.session.scalars(select(model).where(model.id == row_id)
                              .execution_options(populate_existing=True)).one()


@dataclass
class Round:
    """What a batch of one association's notifications looks up once: whether it is paused, its providers."""

    paused: bool | None = None
    providers: dict[str, tuple[str | None, Provider | None]] = field(default_factory=dict)

    def is_paused(self) -> bool:
        if self.paused is None:
            self.paused = _tenant_paused()
        return self.paused

    def provider_for(self, channel: str) -> tuple[str | None, Provider | None]:
        if channel not in self.providers:
            self.providers[channel] = _provider_for(channel)
        return self.providers[channel]


def _claim(notification_id: int, now: datetime) -> Notification | None:
    """The row, now ``sending`` with one more attempt, in the same statement; None when it was not free."""
    return db.session.scalars(
        update(Notification)
        .where(Notification.id == notification_id,
               Notification.status.in_([NotificationStatus.PENDING, NotificationStatus.FAILED]),
               Notification.next_attempt_at <= now,
               Notification.attempts < Notification.max_attempts)
        .values(status=NotificationStatus.SENDING, attempts=Notification.attempts + 1, claimed_at=now,
                updated_at=now)
        .returning(Notification)
        .execution_options(synchronize_session=False, populate_existing=True)
    ).one_or_none()


def _unclaimed(notification_id: int, now: datetime) -> str:
    """Why the claim found nothing; a job that arrived before its row is due books itself again."""
    db.session.rollback()
    row = db.session.execute(select(Notification.tenant_id, Notification.status, Notification.next_attempt_at)
                             .where(Notification.id == notification_id)).first()
    db.session.rollback()
    if row is None:
        return "not-found"
    due = aware(row.next_attempt_at)
    if row.status in (NotificationStatus.PENDING, NotificationStatus.FAILED) and due > now:
        dispatch.retry_later(row.tenant_id, notification_id, (due - now).total_seconds())
        return "not-due"
    return "skipped"


def _provider_for(channel: str) -> tuple[str | None, Provider | None]:
    row = db.session.scalar(select(ProviderConfig).where(ProviderConfig.channel == channel,
                                                         ProviderConfig.enabled.is_(True)))
    if row is None:
        return None, None
    return row.provider, build(row.provider, row.settings or {}, row.secrets)


def _message(notification: Notification) -> OutgoingMessage:
    return OutgoingMessage(
        channel=str(notification.channel), to=notification.recipient_address or "", body=notification.body,
        idempotency_key=notification.idempotency_key, locale=notification.locale, subject=notification.subject,
        template_name=notification.template_name, template_params=list(notification.template_params or []),
    )


def _tenant_paused() -> bool:
    scope = current_scope(db.session)
    tenant = db.session.get(Tenant, scope.write_tenant_id) if scope and scope.write_tenant_id else None
    return tenant is not None and not tenant.is_active


def deliver(notification_id: int, round_: Round | None = None) -> str:
    """Claim, send and record one notification of the tenant in scope; returns what happened.

    A batch passes its ``Round`` so that what does not change between its messages is read once.
    """
    round_ = round_ or Round()
    now = utcnow()
    if round_.is_paused():
        return "paused"  # a suspended association's messages wait; the sweep resumes them on reactivation
    notification = _claim(notification_id, now)
    if notification is None:
        return _unclaimed(notification_id, now)
    provider_key, provider = round_.provider_for(str(notification.channel))
    message, sensitive = _message(notification), notification.sensitive
    attempt = NotificationAttempt(notification_id=notification.id, number=notification.attempts,
                                  provider=provider_key, started_at=now)
    db.session.add(attempt)
    db.session.flush()
    attempt_id = attempt.id
    db.session.commit()  # the claim is durable before the provider hears anything
    result = _send(provider, message)
    if result.outcome == Outcome.SENT and not sensitive:
        return _record_sent(notification_id, attempt_id, result, provider_key)
    return _record(notification_id, attempt_id, result, provider_key)


def _send(provider: Provider | None, message: OutgoingMessage) -> SendResult:
    if provider is None:
        return SendResult.permanent(f"no provider is configured for the {message.channel} channel")
    if not message.to:
        return SendResult.permanent("the recipient has no address on this channel")
    try:
        return provider.send(message)
    except Exception as error:  # noqa: BLE001 - a provider bug must not leave the row in ``sending``
        log.exception("provider %s failed unexpectedly", provider.key)
        return SendResult.retryable(f"unexpected error: {type(error).__name__}: {error}")


def _record(notification_id: int, attempt_id: int, result: SendResult, provider_key: str | None) -> str:
    now = utcnow()
    attempt = _load(NotificationAttempt, attempt_id)
    attempt.outcome, attempt.status_code = result.outcome, result.status_code
    attempt.provider_message_id, attempt.finished_at = result.message_id, now
    attempt.detail = (result.detail or "")[:1000] or None
    notification = _load(Notification, notification_id)
    retry_in = None
    if result.outcome == Outcome.SENT:
        _mark_sent(notification, result, provider_key, now)
    elif notification.status == NotificationStatus.SENDING and notification.attempts == attempt.number:
        retry_in = _mark_failed(notification, result, now)
    _scrub_if_final(notification)
    db.session.commit()
    if retry_in is not None:
        dispatch.retry_later(notification.tenant_id, notification_id, retry_in)
    return str(result.outcome)


def _record_sent(notification_id: int, attempt_id: int, result: SendResult, provider_key: str | None) -> str:
    """The usual answer, written without reading the rows back: ``_record``'s outcome for a sent message."""
    now = utcnow()
    db.session.execute(update(NotificationAttempt).where(NotificationAttempt.id == attempt_id).values(
        outcome=result.outcome, status_code=result.status_code, provider_message_id=result.message_id,
        finished_at=now, detail=(result.detail or "")[:1000] or None).execution_options(synchronize_session=False))
    db.session.execute(  # a repeat after a lost answer keeps the first provider message id
        update(Notification).where(Notification.id == notification_id, Notification.status != NotificationStatus.SENT)
        .values(status=NotificationStatus.SENT, sent_at=now, provider=provider_key, updated_at=now,
                provider_message_id=(result.message_id or "")[:128] or None, last_error=None)
        .execution_options(synchronize_session=False))
    db.session.commit()
    return str(result.outcome)


def _mark_sent(notification: Notification, result: SendResult, provider_key: str | None, now: datetime) -> None:
    if notification.status == NotificationStatus.SENT:
        return  # a repeat after a lost answer: keep the first provider message id
    notification.status, notification.sent_at, notification.provider = NotificationStatus.SENT, now, provider_key
    notification.provider_message_id = (result.message_id or "")[:128] or None
    notification.last_error = None


def _mark_failed(notification: Notification, result: SendResult, now: datetime) -> float | None:
    """Schedule the next attempt, or give up; returns the delay in seconds when retrying."""
    notification.last_error = (result.detail or str(result.outcome))[:500]
    steps = config.backoff()
    if result.outcome == Outcome.PERMANENT or notification.attempts >= notification.max_attempts or not steps:
        notification.status = NotificationStatus.DEAD
        return None
    due = now + timedelta(seconds=steps[min(notification.attempts, len(steps)) - 1])
    due = rules.not_before(due, str(notification.channel), notification.urgent, rules.tenant_settings())
    notification.status, notification.next_attempt_at, notification.enqueued_at = NotificationStatus.FAILED, due, due
    return (due - now).total_seconds()


def _scrub_if_final(notification: Notification) -> None:
    # A sign-in code is worthless once delivered or given up on, and must not sit in the log.
    if notification.sensitive and notification.status in (NotificationStatus.SENT, NotificationStatus.DEAD):
        notification.body = SCRUBBED
        notification.template_params = []
