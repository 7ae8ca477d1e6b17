"""API shapes of the association's settings: roles, profile, letterhead and the audit log."""

from __future__ import annotations

from datetime import UTC, date

from flask_babel import lazy_gettext as _l
from marshmallow import RAISE, Schema, fields, validate

from wasl.accounts.email_address import EmailField
from wasl.accounts.permissions import PERMISSIONS
from wasl.api.schemas import PageArgsSchema

# Audit days are turned into Riyadh midnights and the next day's; far dates would overflow.
EARLIEST_DAY, LATEST_DAY = date(1900, 1, 1), date(9998, 12, 31)


class Strict(Schema):
    """A request body: unknown fields are refused, so a typo never passes silently."""

    class Meta:
        unknown = RAISE


class Text(fields.String):
    """Text with the surrounding spaces removed before it is checked, as the pages do."""

    def _deserialize(self, value, attr, data, **kwargs):
        return super()._deserialize(value, attr, data, **kwargs).strip()


def _text(maximum: int, *, required: bool = False, **kwargs) -> Text:
    return Text(required=required, validate=validate.Length(min=1, max=maximum), **kwargs)


def _optional(maximum: int, pattern: str | None = None, error=None, **kwargs) -> Text:
    """Optional text: null or empty clears it; ``pattern`` is checked when it is not empty."""
    checks = [validate.Length(max=maximum)]
    if pattern:
        checks.append(validate.Regexp(f"^({pattern})?$", error=error))
    return Text(allow_none=True, validate=checks, **kwargs)


# --- roles ---------------------------------------------------------------------------------------------


class RoleName(Strict):
    ar = _text(120, required=True)
    en = _text(120, required=True)


class RoleNameChange(Strict):
    ar = _text(120)
    en = _text(120)


class RoleSchema(Schema):
    id = fields.Integer()
    key = fields.String()
    name = fields.Dict(keys=fields.String(), values=fields.String(), metadata={"description": "{ar, en}"})
    permissions = fields.List(fields.String())
    holders = fields.Integer(metadata={"description": "Active staff holding this role."})
    from_template = fields.Boolean(metadata={"description": "Made from one of the shipped role templates."})


class RoleCreateSchema(Strict):
    key = fields.String(required=True, validate=validate.Length(max=64), metadata={
        "description": "Lowercase letters, digits and underscores, starting with a letter; unique here."})
    name = fields.Nested(RoleName, required=True)
    permissions = fields.List(fields.String(validate=validate.OneOf(sorted(PERMISSIONS))), load_default=list)


class RoleUpdateSchema(Strict):
    name = fields.Nested(RoleNameChange)
    permissions = fields.List(fields.String(validate=validate.OneOf(sorted(PERMISSIONS))), metadata={
        "description": "The role's whole set of permissions (replaces the current one)."})


# --- profile and letterhead ----------------------------------------------------------------------------


class Term(Strict):
    ar = _text(60, required=True)
    en = _text(60, required=True)


class ProfileTerminologySchema(Strict):
    beneficiary = fields.Nested(Term)
    beneficiaries = fields.Nested(Term)
    beneficiaries_heading = fields.Nested(Term, metadata={
        "description": "The plural standing alone as a heading, where its Arabic case ending differs from the "
                       "word used in sentences (المستخدمون beside المستخدمين)."})


class OptionalEmail(EmailField):
    """An e-mail address, or empty (or null) to remove it."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str) and not value.strip():
            return None
        return super()._deserialize(value, attr, data, **kwargs)


class ProfileContactsSchema(Strict):
    phone = _optional(16, r"\+?[0-9]{7,15}", _l("Telephone: digits only, optionally starting with +."))
    email = OptionalEmail(allow_none=True)
    website = _optional(500, r"https?://\S+", _l("Website: start with http:// or https://."))


class Tagline(Strict):
    ar = _optional(255)
    en = _optional(255)


class LetterheadStateSchema(Schema):
    tagline = fields.Nested(Tagline, allow_none=True)
    has_logo = fields.Boolean(dump_only=True, metadata={"description": "Whether a logo is stored."})
    logo_media_type = fields.String(dump_only=True, allow_none=True)
    logo_url = fields.String(dump_only=True, allow_none=True)


class LetterheadChangeSchema(Strict):
    tagline = fields.Nested(Tagline, required=True)


class ProfileSchema(Schema):
    name_ar = fields.String()
    name_en = fields.String()
    registration_number = fields.String(allow_none=True)
    city_ar = fields.String(allow_none=True)
    city_en = fields.String(allow_none=True)
    region_ar = fields.String(allow_none=True)
    region_en = fields.String(allow_none=True)
    default_locale = fields.String()
    contacts = fields.Nested(ProfileContactsSchema)
    terminology = fields.Nested(ProfileTerminologySchema)
    letterhead = fields.Nested(LetterheadStateSchema)


class ProfileChangesSchema(Strict):
    """Only the fields sent change; contacts and terminology are merged into what is stored."""

    name_ar = _text(255)
    name_en = _text(255)
    registration_number = _optional(32, r"[0-9A-Za-z-]{1,32}", _l("Licence number: letters, digits and hyphens."))
    city_ar = _optional(120)
    city_en = _optional(120)
    region_ar = _optional(120)
    region_en = _optional(120)
    default_locale = fields.String(validate=validate.OneOf(["ar", "en"]))
    contacts = fields.Nested(ProfileContactsSchema)
    terminology = fields.Nested(ProfileTerminologySchema)


# --- audit log -----------------------------------------------------------------------------------------


def _day(**kwargs) -> fields.Date:
    return fields.Date(load_default=None, validate=validate.Range(min=EARLIEST_DAY, max=LATEST_DAY), **kwargs)


class AuditQuerySchema(PageArgsSchema):
    actor = fields.String(validate=validate.Length(max=254), metadata={"description": "Part of the e-mail."})
    action = fields.String(validate=validate.Length(max=80), metadata={"description": "Start of the action."})
    object_type = fields.String(validate=validate.Length(max=60))
    object_id = fields.String(validate=validate.Length(max=64))
    date_from = _day(metadata={"description": "First day, in Riyadh time."})
    date_to = _day(metadata={"description": "Last day, in Riyadh time."})


class AuditEventSchema(Schema):
    id = fields.Integer()
    created_at = fields.AwareDateTime(default_timezone=UTC)
    actor_id = fields.Integer(attribute="actor_user_id", allow_none=True)
    action = fields.String()
    object_type = fields.String(allow_none=True)
    object_id = fields.String(allow_none=True)
    request_id = fields.String(allow_none=True)
    ip_address = fields.String(allow_none=True)
    details = fields.Dict()


class AuditEventWithActorSchema(AuditEventSchema):
    actor_email = fields.String(allow_none=True)
