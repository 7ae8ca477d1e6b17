"""The portal API's bodies: asking for a code, exchanging it for a token, my requests."""

from __future__ import annotations

from marshmallow import RAISE, Schema, fields, validate

from wasl.i18n.dates import dual_date


class _Strict(Schema):
    class Meta:
        unknown = RAISE


class CodeRequestInput(_Strict):
    national_id = fields.String(required=True, validate=validate.Length(min=1, max=40))
    mobile = fields.String(required=True, validate=validate.Length(min=1, max=40))


class ChallengeSchema(Schema):
    challenge = fields.String(metadata={"description": "Send it back with the code; the same answer whoever asks."})
    expires_in = fields.Integer(metadata={"description": "Seconds the code stays valid."})
    detail = fields.String()


class CodeInput(_Strict):
    challenge = fields.String(required=True, validate=validate.Length(min=1, max=200))
    code = fields.String(required=True, validate=validate.Length(min=1, max=20))


class PortalTokenSchema(Schema):
    token = fields.String(metadata={"description": "Send as 'Authorization: Bearer <token>' to the portal API."})
    token_type = fields.String()
    expires_in = fields.Integer(metadata={"description": "Seconds without use before it ends."})


class RequestRowSchema(Schema):
    id = fields.Integer(attribute="case.id")
    number = fields.String(attribute="case.number")
    service = fields.String(attribute="service_name")
    status = fields.Function(lambda v: v.case.status.value)
    status_text = fields.String(attribute="status_sentence")
    step = fields.String(attribute="step_label", metadata={"description": "The current step, in words."})
    received_on = fields.Date(attribute="case.received_on")
    expected_decision = fields.Function(lambda v: _dual(v.decision_due_on), allow_none=True)


class TimelineEntrySchema(Schema):
    kind = fields.String()
    label = fields.String()
    at = fields.DateTime()


class DecisionOutSchema(Schema):
    outcome = fields.String()
    outcome_label = fields.String()
    reasons = fields.String()
    decided_at = fields.DateTime()


class DeliveryOutSchema(Schema):
    delivered_on = fields.Date()
    description = fields.String()
    quantity = fields.Decimal(as_string=True, allow_none=True)


class RequestDetailSchema(RequestRowSchema):
    timeline = fields.List(fields.Nested(TimelineEntrySchema))
    missing = fields.List(fields.String(), metadata={"description": "What is missing and why, in words."})
    decision = fields.Nested(DecisionOutSchema, allow_none=True)
    letter_url = fields.Method("_letter_url", allow_none=True)
    deliveries = fields.List(fields.Nested(DeliveryOutSchema))
    channel = fields.String(attribute="case.channel")
    documents_wanted = fields.Method("_documents_wanted", metadata={
        "description": "Keys of the documents to upload now (POST …/documents as file-<key>, expires-<key>)."})
    pledge_wanted = fields.Boolean(metadata={"description": "Whether a signature is asked for (POST …/pledge)."})
    declaration = fields.Method("_declaration", allow_none=True)

    def _documents_wanted(self, view) -> list[str]:
        return [spec.key for spec in view.documents_wanted]

    def _declaration(self, view):
        from wasl.portal.apply_schemas import pick_language

        return pick_language(view.declaration)

    def _letter_url(self, view):
        from flask import url_for

        return url_for("api_portal.letter_pdf", case_id=view.case.id) if view.has_letter else None


def _dual(day):
    return None if day is None else {"date": day.isoformat(), "text": dual_date(day)}
