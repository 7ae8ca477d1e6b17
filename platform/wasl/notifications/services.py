"""The delivery log and resends: the service functions behind the log page and the API."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from wasl.audit.services import record
from wasl.db import db, utcnow
from wasl.notifications import config, outbox, rules
from wasl.notifications.catalogue import EVENTS
from wasl.notifications.models import Channel, Notification, NotificationAttempt, NotificationStatus

FILTERS = ("status", "event", "channel")


class ResendRefused(ValueError):
    """A notification that cannot be resent; the message is for people."""


def mask_address(address: str | None) -> str:
    """``n••••@example.org`` / ``+9665•••••567``: enough to recognise, not enough to use."""
    if not address:
        return ""
    if "@" in address:
        local, _sep, domain = address.partition("@")
        return f"{local[:1]}{'•' * max(len(local) - 1, 1)}@{domain}"
    return f"{address[:5]}{'•' * max(len(address) - 8, 1)}{address[-3:]}"


def clean_filters(args) -> dict:
    """Only known values of the three filters; anything else is ignored on the page."""
    allowed = {"status": {s.value for s in NotificationStatus}, "event": set(EVENTS),
               "channel": {c.value for c in Channel}}
    return {k: args.get(k) for k in FILTERS if args.get(k) in allowed[k]}


def log_statement(filters: dict):
    """The association's notifications, newest first, narrowed by ``filters``."""
    statement = select(Notification).order_by(Notification.created_at.desc(), Notification.id.desc())
    for name, value in filters.items():
        if value:
            statement = statement.where(getattr(Notification, name) == value)
    return statement


def delivery_log(filters: dict, page: int, per_page: int = 25):
    """One page of the delivery log (tenant scope of the request)."""
    return db.paginate(log_statement(filters), page=page, per_page=per_page, error_out=False, count=True)


@dataclass(frozen=True)
class NotificationDetail:
    notification: Notification
    attempts: list[NotificationAttempt]


def not_found_message() -> str:
    return _("Notification id: no such notification in this association.")


def notification_detail(notification_id: int) -> NotificationDetail | None:
    """A notification with every attempt and provider answer; None when not this association's."""
    # A SELECT, not Session.get(): an identity-map hit would skip the tenant criteria.
    notification = db.session.scalar(select(Notification).where(Notification.id == notification_id))
    if notification is None:
        return None
    attempts = db.session.scalars(select(NotificationAttempt)
                                  .where(NotificationAttempt.notification_id == notification_id)
                                  .order_by(NotificationAttempt.number, NotificationAttempt.id)).all()
    return NotificationDetail(notification, list(attempts))


def resend(notification: Notification) -> Notification:
    """Give a dead notification a fresh set of attempts; it is dispatched once the caller commits."""
    if notification.status != NotificationStatus.DEAD:
        raise ResendRefused(_("Only notifications that could not be delivered can be resent."))
    if notification.sensitive:
        raise ResendRefused(_("A message carrying a code or a one-time link cannot be resent; "
                               "ask for a new code or send a new invitation."))
    if not notification.recipient_address:
        raise ResendRefused(_("This notification has no address to send to."))
    now = utcnow()
    notification.status = NotificationStatus.PENDING
    notification.attempts = 0
    notification.max_attempts = config.max_attempts()
    notification.next_attempt_at = rules.not_before(now, str(notification.channel), notification.urgent,
                                                    rules.tenant_settings())
    notification.enqueued_at = notification.next_attempt_at
    notification.last_error = None
    record("notification.resent", notification, event=notification.event, channel=str(notification.channel))
    outbox.dispatch_after_commit(notification)
    return notification
