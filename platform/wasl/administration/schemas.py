"""API shapes of association administration."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from wasl.accounts.email_address import EmailField
from wasl.onboarding.schemas import Bilingual


class StaffMemberSchema(Schema):
    membership_id = fields.Function(lambda s: s.membership.id)
    email = fields.Function(lambda s: s.user.email)
    name = fields.Function(lambda s: s.user.name)
    role = fields.Function(lambda s: s.role.key)
    active = fields.Function(lambda s: s.membership.active)
    is_last_admin = fields.Boolean()


class InviteRequestSchema(Schema):
    email = EmailField(required=True)
    name = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=200))
    role = fields.String(required=True, metadata={"description": "The role's key, e.g. relations_officer."})


class InviteResultSchema(Schema):
    membership_id = fields.Integer(allow_none=True)
    invitation_id = fields.Integer(allow_none=True)
    emailed = fields.Boolean()
    url = fields.String(allow_none=True)


class HolidaySchema(Schema):
    id = fields.Integer(dump_only=True)
    on = fields.Date(required=True)
    name = fields.Nested(Bilingual, required=True)
