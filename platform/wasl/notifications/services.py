"""The notifications feature's one door for its pages and API: the delivery log and resends, and the
association's set-up (wording, providers, delivery rules, from ``configuration``).

Nothing here commits: the request's unit of work does, and a resend is dispatched once it has.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from wasl.audit.services import record
from wasl.db import db, utcnow
from wasl.errors import Conflict, NotFound
from wasl.notifications import config, configuration, outbox, rules
from wasl.notifications.catalogue import EVENTS
from wasl.notifications.configuration import ConfigurationError
from wasl.notifications.masking import mask_address
from wasl.notifications.models import Channel, Notification, NotificationAttempt, NotificationStatus
from wasl.notifications.providers import PROVIDERS, providers_for
from wasl.notifications.rendering import TemplateRejected

__all__ = ["ConfigurationError", "TemplateRejected", "mask_address"]
FILTERS = ("status", "event", "channel")
template_key = configuration.template_key
template_rows = configuration.template_rows
current_parts = configuration.current_parts
preview = configuration.preview
save_template = configuration.save_template
reset_template = configuration.reset_template
provider_overview = configuration.provider_overview
provider_config = configuration.provider_config
offered_providers = configuration.offered_providers
save_provider = configuration.save_provider
delivery_rules = configuration.delivery_rules
save_rules = configuration.save_rules


class ResendRefused(Conflict):
    """A notification that cannot be resent; the message is for people."""


class NotificationNotFound(NotFound):
    """No notification with this id in the association."""


class SetupNotFound(NotFound):
    """No such message wording, channel or provider to set up."""


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


def find_notification(notification_id: int) -> NotificationDetail:
    """``notification_detail``, or ``NotificationNotFound``."""
    found = notification_detail(notification_id)
    if found is None:
        raise NotificationNotFound(not_found_message())
    return found


def find_template(key: str) -> tuple[str, str, str]:
    """The event, channel and language a template key names, or ``SetupNotFound``."""
    parsed = configuration.parse_template_key(key)
    if parsed is None:
        raise SetupNotFound()
    return parsed


def find_channel(channel: str) -> str:
    """``channel`` when it is a delivery channel, else ``SetupNotFound``."""
    if channel not in {c.value for c in Channel}:
        raise SetupNotFound()
    return channel


def provider_to_edit(channel: str, key: str | None):
    """The provider class the channel's page edits (``key``, else the current or first one offered), or
    ``SetupNotFound`` for one not offered on this channel; with the channel's current set-up."""
    current = configuration.provider_config(find_channel(channel))
    key = key or (current.provider if current else providers_for(channel)[0].key)
    provider_cls = PROVIDERS.get(key)
    if provider_cls is None or provider_cls not in configuration.offered_providers(channel, current):
        raise SetupNotFound()
    return provider_cls, current


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
