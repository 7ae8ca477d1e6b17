"""API shapes of an association's notification set-up: message wording and providers.

Secrets are write-only: they may be sent in a provider's ``settings`` but no
schema here ever dumps one; only the names of the secrets that are stored.
"""

from __future__ import annotations

from marshmallow import RAISE, Schema, fields, validate

from wasl.notifications.providers import PROVIDERS
from wasl.notifications.rendering import MAX_SOURCE

MAX_PARAMS_SENT = 100  # the service allows fewer and says so; this only bounds the request


class _Strict(Schema):
    class Meta:
        unknown = RAISE


# --- templates -----------------------------------------------------------------------------------------


class TemplateRowSchema(Schema):
    key = fields.String(metadata={"description": "event.channel.locale, e.g. case.received.sms.ar"})
    event = fields.String()
    event_label = fields.String()
    channel = fields.String()
    locale = fields.String()
    overridden = fields.Boolean(metadata={"description": "Whether the association has its own wording."})


class PreviewSchema(Schema):
    subject = fields.String(allow_none=True)
    body = fields.String(allow_none=True)
    error = fields.String(allow_none=True, metadata={"description": "Why the wording does not render."})
    segments = fields.Integer(allow_none=True, metadata={"description": "SMS parts the sample would take."})


class TemplateSchema(TemplateRowSchema):
    subject = fields.String(allow_none=True)
    body = fields.String()
    template = fields.String(allow_none=True, metadata={"description": "WhatsApp: the approved template's name."})
    params = fields.List(fields.String(), metadata={"description": "WhatsApp: the template's parameters."})
    variables = fields.List(fields.String(), metadata={"description": "The names the wording may use."})
    preview = fields.Nested(PreviewSchema, metadata={"description": "Rendered with the event's sample data."})


class TemplateInputSchema(_Strict):
    """The association's wording; ``subject`` counts for e-mail only, ``template`` and ``params`` for WhatsApp."""

    subject = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=300))
    body = fields.String(required=True, validate=validate.Length(min=1, max=MAX_SOURCE))
    template = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=120))
    params = fields.List(fields.String(validate=validate.Length(max=MAX_SOURCE)), load_default=list,
                         validate=validate.Length(max=MAX_PARAMS_SENT))


# --- providers -----------------------------------------------------------------------------------------


class ProviderFieldSchema(Schema):
    name = fields.String()
    label = fields.Function(lambda f: str(f.label))
    required = fields.Boolean()
    secret = fields.Boolean(metadata={"description": "Write-only: accepted in settings, never returned."})
    kind = fields.String(metadata={"description": "text, int or choice"})
    choices = fields.List(fields.String())
    default = fields.Raw(allow_none=True)


class ProviderChoiceSchema(Schema):
    key = fields.String()
    label = fields.Function(lambda p: str(p.label))
    settings = fields.List(fields.Nested(ProviderFieldSchema), attribute="fields", data_key="fields")


class ProviderSetupSchema(Schema):
    channel = fields.String()
    provider = fields.String(allow_none=True, metadata={"description": "Null while the channel is not set up."})
    enabled = fields.Boolean(allow_none=True)
    settings = fields.Dict(metadata={"description": "The non-secret settings."})
    secrets_stored = fields.List(fields.String(), metadata={
        "description": "Names of the secrets that are stored (their values are never returned)."})
    choices = fields.List(fields.Nested(ProviderChoiceSchema), metadata={
        "description": "The providers an admin may choose for this channel."})


class ProviderInputSchema(_Strict):
    provider = fields.String(required=True, validate=validate.OneOf(sorted(PROVIDERS)), metadata={
        "description": "A provider's key; which ones a channel offers is in GET .../providers/{channel}."})
    enabled = fields.Boolean(load_default=True)
    settings = fields.Dict(keys=fields.String(), load_default=dict, metadata={
        "description": "The provider's settings by name, secrets included. A secret left out or empty keeps "
                       "the stored one, unless the server, port, security or user name change."})


def _setting_field(field) -> fields.Field:
    """The same bounds as the page's form for one of the provider's settings."""
    if field.kind == "int":
        return fields.Integer(allow_none=True, validate=validate.Range(min=1, max=65535))
    if field.kind == "choice":
        return fields.String(allow_none=True, validate=validate.OneOf(list(field.choices)))
    return fields.String(allow_none=True, validate=validate.Length(max=2000 if field.secret else 500))


def settings_schema(provider_cls) -> Schema:
    """A schema of ``provider_cls``'s settings: unknown names refused, each value bounded as on the page."""
    declared = {field.name: _setting_field(field) for field in provider_cls.fields}
    return Schema.from_dict(declared, name=f"{provider_cls.__name__}Settings")(unknown=RAISE)
