"""Delivery rules: which channel, whether to send at all, and not before when.

- the recipient's preferred channel, else the association's fallback order,
  keeping only channels the association has a provider for and the recipient
  has an address on;
- nothing non-essential for those who opted out;
- no text message (SMS or WhatsApp) during the association's quiet hours
  unless it is urgent (a sign-in code cannot wait until morning).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from wasl.db import db
from wasl.notifications.models import NotificationSettings, ProviderConfig
from wasl.notifications.recipients import Recipient

RIYADH = ZoneInfo("Asia/Riyadh")
QUIET_CHANNELS = ("sms", "whatsapp")
CHANNEL_ALIASES = {"phone": "sms", "mobile": "sms", "text": "sms", "e-mail": "email", "mail": "email"}


def tenant_settings() -> NotificationSettings:
    """The current association's rules (tenant scope required), or the defaults."""
    return db.session.scalar(select(NotificationSettings)) or NotificationSettings.defaults()


def configured_channels() -> set[str]:
    rows = db.session.scalars(select(ProviderConfig.channel).where(ProviderConfig.enabled.is_(True)))
    return {str(c) for c in rows}


def normalise_channel(value: str | None) -> str | None:
    if not value:
        return None
    value = str(value).strip().lower()
    return CHANNEL_ALIASES.get(value, value)


def choose_channel(recipient: Recipient, allowed: tuple[str, ...], configured: set[str],
                   fallback_order: list[str]) -> tuple[str | None, bool]:
    """``(channel, has_provider)``: the first usable channel, else the best one that has an address."""
    preferred = normalise_channel(recipient.preferred_channel)
    order = [c for c in [preferred, *fallback_order, *allowed] if c in allowed]
    with_address = list(dict.fromkeys(c for c in order if recipient.address_for(c)))
    for channel in with_address:
        if channel in configured:
            return channel, True
    return (with_address[0] if with_address else None), False


def should_skip(recipient: Recipient, essential: bool) -> bool:
    return recipient.opted_out_non_essential and not essential


def in_quiet_hours(moment: datetime, start: time, end: time) -> bool:
    local = moment.astimezone(RIYADH).time()
    if start <= end:
        return start <= local < end
    return local >= start or local < end  # the window spans midnight


def not_before(moment: datetime, channel: str, urgent: bool, settings: NotificationSettings) -> datetime:
    """``moment``, or the end of the quiet hours it falls in."""
    if urgent or channel not in QUIET_CHANNELS or not settings.quiet_hours_enabled:
        return moment
    if not in_quiet_hours(moment, settings.quiet_start, settings.quiet_end):
        return moment
    local = moment.astimezone(RIYADH)
    end = local.replace(hour=settings.quiet_end.hour, minute=settings.quiet_end.minute, second=0, microsecond=0)
    if end <= local:
        end += timedelta(days=1)
    return end.astimezone(moment.tzinfo)
