"""API shapes of the operator side: onboarding requests, associations with their usage."""

from __future__ import annotations

import base64
import binascii

from marshmallow import Schema, ValidationError, fields, validate

from wasl.accounts.email_address import EmailField
from wasl.api.schemas import PageArgsSchema
from wasl.onboarding.schemas import TenantDefinitionSchema
from wasl.operator.policy_start import KINDS, STANDARD


class Base64Bytes(fields.String):
    """Binary content sent as base64 text (the logo)."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        try:
            return base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError) as error:
            raise ValidationError("Not valid base64.") from error


class PolicyStartSchema(Schema):
    source = fields.String(load_default=STANDARD, validate=validate.OneOf(KINDS))
    copy_from = fields.String(load_default=None, allow_none=True)
    content = fields.Dict(load_default=None, allow_none=True,
                          metadata={"description": "The policy content as a mapping, when source is 'upload'."})
    yaml = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=1024 * 1024),
                         metadata={"description": "Or the policy.yaml text itself, when source is 'upload'."})


class FirstAdminSchema(Schema):
    email = EmailField(required=True)
    name = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=200))


class OnboardingSchema(TenantDefinitionSchema):
    """Everything a new association needs: its identity (as in tenant.yaml), policy start and first admin."""

    policy = fields.Nested(PolicyStartSchema, load_default=lambda: {"source": STANDARD})
    admin = fields.Nested(FirstAdminSchema, required=True)
    logo = Base64Bytes(load_default=None, allow_none=True,
                       metadata={"description": "PNG or SVG letterhead logo, base64-encoded."})


class InvitationSchema(Schema):
    id = fields.Integer()
    email = fields.String()
    expires_at = fields.DateTime()
    emailed = fields.Boolean()
    url = fields.String(allow_none=True, metadata={"description": "Shown only when invitations are not e-mailed."})


class UsageSchema(Schema):
    staff = fields.Integer()
    open_cases = fields.Integer(allow_none=True)
    overdue_cases = fields.Integer(allow_none=True)
    notifications_7d = fields.Integer(allow_none=True)
    last_activity_at = fields.DateTime(allow_none=True)


class AssociationSchema(Schema):
    slug = fields.String()
    name = fields.Function(lambda t: {"ar": t.name_ar, "en": t.name_en})
    city = fields.Function(lambda t: {"ar": t.city_ar, "en": t.city_en})
    registration_number = fields.String(allow_none=True)
    status = fields.Function(lambda t: t.status.value)
    created_at = fields.DateTime()


class AssociationWithUsageSchema(Schema):
    association = fields.Nested(AssociationSchema)
    usage = fields.Nested(UsageSchema)


class OnboardedSchema(Schema):
    association = fields.Nested(AssociationSchema)
    invitation = fields.Nested(InvitationSchema, allow_none=True)
    policy_source = fields.String()


class SearchArgsSchema(PageArgsSchema):
    """The console's search; ``page`` and ``per_page`` are inherited so the OpenAPI document lists them."""

    q = fields.String(load_default="", validate=validate.Length(max=100))
    status = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(("active", "suspended")))
