"""An association's own notification set-up: template overrides, providers, delivery rules.

The service functions behind the templates, providers and rules pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask import g
from flask_babel import gettext as _
from sqlalchemy import select

from wasl.audit.services import record
from wasl.db import db
from wasl.errors import Refused
from wasl.notifications import messages, rules
from wasl.notifications.catalogue import EVENTS, EventSpec, spec_for
from wasl.notifications.context import message_context
from wasl.notifications.models import Channel, NotificationSettings, NotificationTemplate, ProviderConfig
from wasl.notifications.providers import PROVIDERS, providers_for
from wasl.notifications.rendering import RenderedMessage, TemplateRejected, render_parts
from wasl.notifications.sms import SegmentCount, count_segments

WHATSAPP_NAME = re.compile(r"^[a-z0-9_]{1,120}$")
MAX_PARAMS = 20


class ConfigurationError(Refused):
    """Settings that cannot be saved; the message names the field and is for people.

    ``field`` is the setting's key (``provider``, ``host``, ``password``...) when there is one.
    """

    kind = "validation"

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message, field=field)


def template_key(event: str, channel: str, locale: str) -> str:
    return f"{event}.{channel}.{locale}"


def parse_template_key(key: str) -> tuple[str, str, str] | None:
    event, _sep, rest = key.rpartition(".")
    event, _sep, channel = event.rpartition(".")
    locale = rest
    if event in EVENTS and channel in messages.CHANNELS and locale in messages.LOCALES:
        return event, channel, locale
    return None


@dataclass(frozen=True)
class TemplateRow:
    spec: EventSpec
    channel: str
    locale: str
    overridden: bool

    @property
    def key(self) -> str:
        return template_key(self.spec.name, self.channel, self.locale)


def template_rows() -> list[TemplateRow]:
    """Every message the association can word, and whether it has its own wording."""
    saved = {(t.event, str(t.channel), t.locale) for t in db.session.scalars(select(NotificationTemplate))}
    return [TemplateRow(spec, channel, locale, (spec.name, channel, locale) in saved)
            for spec in EVENTS.values() for channel in messages.CHANNELS for locale in messages.LOCALES]


@dataclass(frozen=True)
class Preview:
    rendered: RenderedMessage | None
    error: str | None
    segments: SegmentCount | None


def sample_context(event: str, locale: str) -> dict:
    spec = spec_for(event)
    return message_context(spec, g.tenant, locale, "نورة الحربي" if locale == "ar" else "Noura Alharbi",
                           spec.sample)


def preview(event: str, channel: str, locale: str, parts: dict) -> Preview:
    """``parts`` rendered with the event's sample data, or the reason they cannot be."""
    try:
        rendered = _checked(channel, parts, sample_context(event, locale))
    except TemplateRejected as error:
        return Preview(None, str(error), None)
    return Preview(rendered, None, count_segments(rendered.body) if channel == "sms" else None)


def _checked(channel: str, parts: dict, context: dict) -> RenderedMessage:
    if channel == "whatsapp":
        if not WHATSAPP_NAME.match(parts.get("template") or ""):
            raise TemplateRejected(_("WhatsApp template name: use the approved name (lower-case letters, digits "
                                     "and underscores)."), "template")
        if len(parts.get("params") or []) > MAX_PARAMS:
            raise TemplateRejected(_("WhatsApp parameters: at most {limit}.").format(limit=MAX_PARAMS), "params")
    if channel == "email" and not (parts.get("subject") or "").strip():
        raise TemplateRejected(_("Subject: an e-mail needs a subject."), "subject")
    if not (parts.get("body") or "").strip():
        raise TemplateRejected(_("Message text: it cannot be empty."), "body")
    return render_parts(parts, context)


def current_parts(event: str, channel: str, locale: str) -> tuple[dict, bool]:
    """The wording in force (the association's, else the shipped one) and whether it is the association's."""
    override = messages.override_for(event, channel, locale)
    if override is not None:
        return messages.parts_of(override), True
    return messages.shipped(event, channel, locale), False


def save_template(event: str, channel: str, locale: str, parts: dict) -> NotificationTemplate:
    """Save the association's wording after it rendered cleanly with sample data (TemplateRejected otherwise)."""
    _checked(channel, parts, sample_context(event, locale))
    override = messages.override_for(event, channel, locale)
    if override is None:
        override = NotificationTemplate(event=event, channel=Channel(channel), locale=locale)
        db.session.add(override)
    override.subject = (parts.get("subject") or None) if channel == "email" else None
    override.body = parts.get("body") or ""
    override.whatsapp_template = parts.get("template") if channel == "whatsapp" else None
    override.whatsapp_params = list(parts.get("params") or []) if channel == "whatsapp" else []
    override.updated_by_user_id = g.actor.id if g.get("actor") else None
    record("notification.template_saved", override, event=event, channel=channel, locale=locale)
    return override


def reset_template(event: str, channel: str, locale: str) -> bool:
    """Go back to the shipped wording; False when there was nothing to reset."""
    override = messages.override_for(event, channel, locale)
    if override is None:
        return False
    record("notification.template_reset", override, event=event, channel=channel, locale=locale)
    db.session.delete(override)
    return True


@dataclass(frozen=True)
class ChannelSetup:
    channel: str
    config: ProviderConfig | None
    choices: list

    @property
    def provider_label(self) -> str | None:
        return PROVIDERS[self.config.provider].label if self.config else None

    @property
    def shown_settings(self) -> list[tuple[object, object]]:
        """The non-secret settings with their labels; secrets are never shown back."""
        if self.config is None:
            return []
        fields = PROVIDERS[self.config.provider].fields
        return [(f.label, self.config.settings.get(f.name)) for f in fields
                if not f.secret and self.config.settings.get(f.name) not in (None, "")]


def provider_overview() -> list[ChannelSetup]:
    """Each channel with its configured provider (if any) and the providers that can serve it."""
    rows = {str(r.channel): r for r in db.session.scalars(select(ProviderConfig))}
    return [ChannelSetup(c.value, rows.get(c.value), providers_for(c.value)) for c in Channel]


def provider_config(channel: str) -> ProviderConfig | None:
    return db.session.scalar(select(ProviderConfig).where(ProviderConfig.channel == channel))


def offered_providers(channel: str, current: ProviderConfig | None) -> list:
    """The providers an admin may choose for ``channel``, with the one in use even if no longer offered."""
    offered = providers_for(channel)
    in_use = PROVIDERS.get(current.provider) if current is not None else None
    return offered if in_use is None or in_use in offered else [*offered, in_use]


def save_provider(channel: str, provider_key: str, values: dict, enabled: bool) -> ProviderConfig:
    """Configure ``channel``; a secret left blank keeps the stored one. Secrets never reach the audit log.

    Stored secrets are kept only for the same provider with the same settings that
    decide where they are sent (``binds_secrets``: an SMTP server's host, port,
    security and user name); change any of them and the secrets must be entered
    again, so a stored password can never be sent to a server of someone's choosing.
    """
    provider = PROVIDERS.get(provider_key)
    row = provider_config(channel)
    if provider is None or provider not in offered_providers(channel, row):
        raise ConfigurationError(_("Provider: choose one of the providers offered for this channel."), "provider")
    if row is None:
        row = ProviderConfig(channel=Channel(channel), provider=provider_key, settings={})
        db.session.add(row)
    settings = {}
    for field in provider.fields:
        if not field.secret:
            value = _cleaned(values.get(field.name))
            settings[field.name] = value if value not in (None, "") else field.default
            if field.required and settings[field.name] in (None, ""):
                raise ConfigurationError(_("{field}: this field is required.").format(field=field.label),
                                         field.name)
    kept = row.secrets if row.provider == provider_key and _same_destination(provider, row.settings or {},
                                                                            settings) else {}
    dropped = set(row.secrets) - set(kept)
    secrets = {}
    for field in provider.fields:
        if field.secret:
            value = _cleaned(values.get(field.name))
            secrets[field.name] = value if value not in (None, "") else kept.get(field.name)
            if secrets[field.name] in (None, "") and provider.needs_secret(field, settings):
                if field.name in dropped:
                    raise ConfigurationError(_("{field}: the server settings changed, so enter it again; a stored "
                                               "one is only kept while the server, port, security and user name "
                                               "stay the same.").format(field=field.label), field.name)
                raise ConfigurationError(_("{field}: this field is required.").format(field=field.label),
                                         field.name)
    row.provider, row.enabled, row.settings = provider_key, enabled, settings
    row.secrets = {k: v for k, v in secrets.items() if v not in (None, "")}
    record("notification.provider_configured", row, channel=channel, provider=provider_key, enabled=enabled,
           settings=settings, secrets_set=sorted(row.secrets))
    return row


def _cleaned(value):
    return value.strip() if isinstance(value, str) else value


def _same_destination(provider, before: dict, after: dict) -> bool:
    """Whether every setting that decides where the secrets go is unchanged."""
    def shown(value) -> str:
        return "" if value is None else str(value).strip()
    return all(shown(before.get(f.name)) == shown(after.get(f.name)) for f in provider.fields if f.binds_secrets)


def delivery_rules() -> NotificationSettings:
    return rules.tenant_settings()


def save_rules(quiet_hours_enabled: bool, quiet_start, quiet_end, fallback_order: list[str]) -> NotificationSettings:
    """Quiet hours and the fallback order of channels for the association."""
    if sorted(fallback_order) != sorted(c.value for c in Channel):
        raise ConfigurationError(_("Fallback order: list each channel exactly once."), "fallback_order")
    row = db.session.scalar(select(NotificationSettings))
    if row is None:
        row = NotificationSettings()
        db.session.add(row)
    row.quiet_hours_enabled, row.quiet_start, row.quiet_end = quiet_hours_enabled, quiet_start, quiet_end
    row.fallback_order = list(fallback_order)
    record("notification.rules_changed", row, quiet_hours_enabled=quiet_hours_enabled,
           quiet_start=quiet_start.isoformat(), quiet_end=quiet_end.isoformat(), fallback_order=fallback_order)
    return row
