"""The association's notification set-up in the API: its own message wording and its providers.

The same service functions as the templates and providers pages
(``notifications.configuration``); the blueprint is the notifications API's
(``/api/v1/<slug>/notifications``).
"""

from __future__ import annotations

from flask import jsonify
from marshmallow import ValidationError

from wasl.accounts import access
from wasl.api.query import json_object
from wasl.api.spec import operation
from wasl.notifications import messages, services
from wasl.notifications.api import bp
from wasl.notifications.catalogue import EVENTS, spec_for
from wasl.notifications.config_schemas import (
    ProviderInputSchema,
    ProviderSetupSchema,
    TemplateInputSchema,
    TemplateRowSchema,
    TemplateSchema,
    settings_schema,
)
from wasl.notifications.models import Channel
from wasl.notifications.providers import PROVIDERS

MANAGE = "notifications.manage"
TEMPLATE_KEY = {"template_key": {"type": "string", "enum": [
    services.template_key(event, channel, locale)
    for event in EVENTS for channel in messages.CHANNELS for locale in messages.LOCALES]}}
CHANNEL = {"channel": {"type": "string", "enum": [c.value for c in Channel]}}


# --- templates -----------------------------------------------------------------------------------------


def _row(event: str, channel: str, locale: str, overridden: bool) -> dict:
    return {"key": services.template_key(event, channel, locale), "event": event,
            "event_label": str(spec_for(event).label), "channel": channel, "locale": locale,
            "overridden": overridden}


def _preview(event: str, channel: str, locale: str, parts: dict) -> dict:
    shown = services.preview(event, channel, locale, parts)
    rendered = shown.rendered
    return {"subject": rendered.subject if rendered else None, "body": rendered.body if rendered else None,
            "error": shown.error, "segments": shown.segments.segments if shown.segments else None}


def _template_body(event: str, channel: str, locale: str) -> dict:
    parts, overridden = services.current_parts(event, channel, locale)
    body = _row(event, channel, locale, overridden) | {
        "subject": parts.get("subject"), "body": parts.get("body") or "", "template": parts.get("template"),
        "params": list(parts.get("params") or []), "variables": list(spec_for(event).all_fields),
        "preview": _preview(event, channel, locale, parts)}
    return TemplateSchema().dump(body)


def _parts(channel: str, data: dict) -> dict:
    """The request in the service's terms, read as the page's form reads its fields."""
    return {"subject": data["subject"] if channel == "email" else None, "body": data["body"],
            "template": (data["template"] or "").strip() or None,
            "params": [p.strip() for p in data["params"] if p.strip()]}


@bp.route("/templates")
@access.requires(MANAGE)
@operation("Every message the association can word, and whether it has its own wording",
           response=TemplateRowSchema(many=True))
def template_list():
    rows = [_row(r.spec.name, r.channel, r.locale, r.overridden) for r in services.template_rows()]
    return jsonify(TemplateRowSchema(many=True).dump(rows))


@bp.route("/templates/<template_key>")
@access.requires(MANAGE)
@operation("One message's wording in force, the names it may use, and a preview with sample data",
           response=TemplateSchema, path=TEMPLATE_KEY)
def template_detail(template_key: str):
    return jsonify(_template_body(*services.find_template(template_key)))


@bp.route("/templates/<template_key>", methods=["PUT"])
@access.requires(MANAGE)
@operation("Save the association's own wording; it must render with the sample data (422 naming the part "
           "and the unknown name otherwise)", request=TemplateInputSchema, response=TemplateSchema, path=TEMPLATE_KEY)
def template_save(template_key: str):
    event, channel, locale = services.find_template(template_key)
    data = TemplateInputSchema().load(json_object())
    try:
        services.save_template(event, channel, locale, _parts(channel, data))
    except services.TemplateRejected as error:
        raise ValidationError({error.field or "body": [str(error)]}) from error
    return jsonify(_template_body(event, channel, locale))


@bp.route("/templates/<template_key>", methods=["DELETE"])
@access.requires(MANAGE)
@operation("Go back to the standard wording", response=TemplateSchema, path=TEMPLATE_KEY)
def template_reset(template_key: str):
    event, channel, locale = services.find_template(template_key)
    services.reset_template(event, channel, locale)
    return jsonify(_template_body(event, channel, locale))


# --- providers -----------------------------------------------------------------------------------------


def _setup_body(channel: str) -> dict:
    config = services.provider_config(channel)
    body = {"channel": channel, "provider": None, "enabled": None, "settings": {}, "secrets_stored": [],
            "choices": services.offered_providers(channel, config)}
    if config is not None:
        provider = PROVIDERS.get(config.provider)
        public = {f.name for f in provider.fields if not f.secret} if provider else set()
        body |= {"provider": config.provider, "enabled": config.enabled,
                 "settings": {k: v for k, v in (config.settings or {}).items() if k in public},
                 "secrets_stored": sorted(config.secrets)}
    return ProviderSetupSchema().dump(body)


def _settings(provider_key: str, channel: str, sent: dict) -> dict:
    """The settings checked against the provider's own fields; an unknown provider is left to the service."""
    provider = PROVIDERS.get(provider_key)
    if provider is None or provider not in services.offered_providers(channel, services.provider_config(
            channel)):
        return {}
    try:
        return settings_schema(provider).load(sent)
    except ValidationError as invalid:
        raise ValidationError({"settings": invalid.messages}) from invalid


@bp.route("/providers")
@access.requires(MANAGE)
@operation("Each channel with its provider, its non-secret settings and the providers it may use",
           response=ProviderSetupSchema(many=True))
def provider_list():
    return jsonify([_setup_body(c.value) for c in Channel])


@bp.route("/providers/<channel>")
@access.requires(MANAGE)
@operation("One channel's provider set-up (secrets are never returned, only whether they are stored)",
           response=ProviderSetupSchema, path=CHANNEL)
def provider_detail(channel: str):
    return jsonify(_setup_body(services.find_channel(channel)))


@bp.route("/providers/<channel>", methods=["PUT"])
@access.requires(MANAGE)
@operation("Choose and configure the channel's provider. Secrets are write-only and stored encrypted; a stored "
           "one is kept only while the server, port, security and user name stay the same",
           request=ProviderInputSchema, response=ProviderSetupSchema, path=CHANNEL)
def provider_save(channel: str):
    channel = services.find_channel(channel)
    data = ProviderInputSchema().load(json_object())
    values = _settings(data["provider"], channel, data["settings"])
    try:
        services.save_provider(channel, data["provider"], values, data["enabled"])
    except services.ConfigurationError as error:
        field = error.field or "provider"
        raise ValidationError({field: [str(error)]} if field == "provider" else {"settings": {field: [str(error)]}}
                              ) from error
    return jsonify(_setup_body(channel))
