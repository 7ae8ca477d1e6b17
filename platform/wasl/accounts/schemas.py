"""API representations of people and their memberships."""

from marshmallow import Schema, fields

from wasl.accounts.email_address import EmailField


class MembershipSchema(Schema):
    association = fields.Function(lambda m: m.tenant.slug)
    association_name = fields.Function(lambda m: {"ar": m.tenant.name_ar, "en": m.tenant.name_en})
    role = fields.Function(lambda m: m.role.key)
    permissions = fields.Function(lambda m: sorted(m.role.permissions))


class MeSchema(Schema):
    id = fields.Integer()
    email = EmailField()
    name = fields.String()
    preferred_locale = fields.String(allow_none=True)
    is_operator = fields.Boolean()
    memberships = fields.Method("dump_memberships")

    def dump_memberships(self, user):
        from wasl.db import db
        from wasl.tenancy.scope import tenant_scope

        memberships = user.active_memberships()
        with tenant_scope(db.session, *(m.tenant_id for m in memberships)):
            return MembershipSchema(many=True).dump(memberships)
