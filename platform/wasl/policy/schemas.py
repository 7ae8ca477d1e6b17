"""API representations of policy versions, and the bodies and query strings the policy API accepts."""

from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields, validate

from wasl.api.schemas import Id
from wasl.policy.templates_source import SOURCES
from wasl.policy.vocabulary import SECTION_KEYS
from wasl.web.converters import MAX_ID


def _name(tenant) -> dict | None:
    return {"ar": tenant.name_ar, "en": tenant.name_en} if tenant is not None else None


class PolicyVersionSummarySchema(Schema):
    id = fields.Integer()
    number = fields.Integer()
    status = fields.Function(lambda v: v.status.value)
    source = fields.Function(lambda v: v.source.value)
    title = fields.Dict(metadata={"description": "The policy's title, {ar, en}; {association} stands for the name."})
    content_hash = fields.String()
    lock_version = fields.Integer(metadata={"description": "Send it back when editing this draft."})
    shareable = fields.Boolean()
    copied_from = fields.Function(lambda v: {"association": v.copied_from_tenant.slug, "number": v.copied_from_number}
                                  if v.copied_from_tenant_id else None)
    created_by_id = fields.Integer(allow_none=True)
    created_at = fields.DateTime()
    updated_by_id = fields.Integer(allow_none=True)
    updated_at = fields.DateTime(allow_none=True)
    approved_by_id = fields.Integer(allow_none=True)
    approved_at = fields.DateTime(allow_none=True)
    approval_meeting_number = fields.String(allow_none=True)
    approved_on = fields.Date(allow_none=True)
    approved_on_hijri = fields.String(allow_none=True, metadata={"description": "Umm al-Qura, YYYY-MM-DD."})
    published_by_id = fields.Integer(allow_none=True)
    published_at = fields.DateTime(allow_none=True)
    superseded_at = fields.DateTime(allow_none=True)


class PolicyVersionSchema(PolicyVersionSummarySchema):
    content = fields.Dict(metadata={"description": "The policy content, in the policy.yaml format."})


class PublishedPolicySchema(Schema):
    """What anyone may read: the published policy and the association it belongs to."""

    association = fields.Function(lambda v: {"slug": v.tenant.slug, "name": _name(v.tenant),
                                             "registration_number": v.tenant.registration_number,
                                             "terminology": v.tenant.terminology})
    number = fields.Integer()
    content_hash = fields.String()
    published_at = fields.DateTime(allow_none=True)
    approval_meeting_number = fields.String(allow_none=True)
    approved_on = fields.Date(allow_none=True)
    approved_on_hijri = fields.String(allow_none=True)
    content = fields.Dict()


class StartDraftSchema(Schema):
    source = fields.String(load_default="published", validate=validate.OneOf(SOURCES))
    copy_from = fields.String(validate=validate.Length(min=1, max=63),
                              metadata={"description": "Slug of the association to copy from (source=copy)."})


class UpdateDraftSchema(Schema):
    section = fields.String(required=True, validate=validate.OneOf(list(SECTION_KEYS)))
    data = fields.Raw(required=True, allow_none=True,
                      metadata={"description": "The section's new content; null removes an optional section."})
    lock_version = fields.Integer(required=True, strict=True, validate=validate.Range(min=0, max=MAX_ID))


class ApproveSchema(Schema):
    meeting_number = fields.String(required=True)
    date_hijri = fields.String(metadata={"description": "Umm al-Qura date, YYYY-MM-DD."})
    date_gregorian = fields.String(metadata={"description": "YYYY-MM-DD; give one calendar or both (agreeing)."})
    supersedes_previous = fields.Boolean(load_default=True)
    lock_version = fields.Integer(strict=True, validate=validate.Range(min=0, max=MAX_ID), metadata={"description": "The draft's lock_version the board saw."})


class ShareableSchema(Schema):
    shareable = fields.Boolean(required=True)


class DiffArgsSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    from_id = Id(required=True, data_key="from")
    to_id = Id(required=True, data_key="to")


class ChangeSchema(Schema):
    kind = fields.String(metadata={"description": "added, removed, changed or moved."})
    label = fields.String()
    before = fields.String(allow_none=True)
    after = fields.String(allow_none=True)
    words = fields.Function(lambda c: [{"op": op, "text": text} for op, text in c.words])


class SectionDiffSchema(Schema):
    key = fields.String()
    title = fields.String()
    changes = fields.List(fields.Nested(ChangeSchema))


class PolicyDiffSchema(Schema):
    from_version = fields.Nested(PolicyVersionSummarySchema, data_key="from")
    to_version = fields.Nested(PolicyVersionSummarySchema, data_key="to")
    sections = fields.List(fields.Nested(SectionDiffSchema))


class CopyablePolicySchema(Schema):
    association = fields.String(attribute="slug")
    name = fields.Dict()
    number = fields.Integer()
    title = fields.Dict()
    published_at = fields.DateTime(allow_none=True)
