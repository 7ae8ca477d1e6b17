"""The wording of each message: the shipped files, or the association's saved override.

Shipped templates live in ``templates/notifications/messages/<event>.yaml``,
one file per event holding every channel and locale side by side so that a
translator sees the Arabic and English together.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

import yaml
from sqlalchemy import select

from wasl.db import db
from wasl.notifications.catalogue import EVENTS
from wasl.notifications.models import NotificationTemplate
from wasl.notifications.rendering import RenderedMessage, TemplateRejected, render_parts

log = logging.getLogger(__name__)

MESSAGES_DIR = Path(__file__).resolve().parents[1] / "templates" / "notifications" / "messages"
CHANNELS = ("email", "sms", "whatsapp")
LOCALES = ("ar", "en")


@functools.cache
def _load(event: str) -> dict:
    path = MESSAGES_DIR / f"{event}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def shipped(event: str, channel: str, locale: str) -> dict:
    """``{"subject", "body", "template", "params"}`` of the shipped wording."""
    data = _load(event)[channel]
    entry = data[locale]
    if isinstance(entry, str):
        entry = {"body": entry}
    return {"subject": entry.get("subject"), "body": entry.get("body", ""),
            "template": data.get("template") if channel == "whatsapp" else None,
            "params": list(entry.get("params") or [])}


def override_for(event: str, channel: str, locale: str) -> NotificationTemplate | None:
    """The current association's saved wording, if any (tenant scope required)."""
    return db.session.scalar(select(NotificationTemplate).where(
        NotificationTemplate.event == event, NotificationTemplate.channel == channel,
        NotificationTemplate.locale == locale))


def parts_of(override: NotificationTemplate) -> dict:
    return {"subject": override.subject, "body": override.body, "template": override.whatsapp_template,
            "params": list(override.whatsapp_params or [])}


def render(event: str, channel: str, locale: str, context: dict, overrides: dict | None = None) -> RenderedMessage:
    """The association's wording when it renders, otherwise the shipped one.

    ``overrides`` caches look-ups across a batch of messages for one association.
    """
    key = (event, channel, locale)
    if overrides is not None and key in overrides:
        override = overrides[key]
    else:
        override = override_for(event, channel, locale)
        if overrides is not None:
            overrides[key] = override
    if override is not None:
        try:
            return render_parts(parts_of(override), context)
        except TemplateRejected as error:
            # Saved overrides were checked against sample data; real data can still trip one up.
            log.warning("override %s/%s/%s failed, using the shipped wording: %s", event, channel, locale, error)
    return render_parts(shipped(event, channel, locale), context)


def check_all_shipped() -> list[str]:
    """Every (event, channel, locale) missing from the shipped files, for tests and start-up checks."""
    missing = []
    for event in EVENTS:
        for channel in CHANNELS:
            for locale in LOCALES:
                try:
                    shipped(event, channel, locale)
                except (KeyError, FileNotFoundError, TypeError):
                    missing.append(f"{event}/{channel}/{locale}")
    return missing
