"""Cases coming in (opening, filters, transitions) and going out (list rows, the case with its history)."""

from __future__ import annotations

from flask_babel import gettext as _
from marshmallow import EXCLUDE, RAISE, Schema, ValidationError, fields, validate, validates_schema

from wasl.api.schemas import Id, PageArgsSchema
from wasl.cases.catalogue import catalogue_of
from wasl.cases.models import CaseStatus, Priority
from wasl.db import utcnow
from wasl.documents.expiry import HIJRI_EXPIRY, hijri_of
from wasl.i18n.dates import local_date
from wasl.policy.vocabulary import STEP_TYPES


class _Strict(Schema):
    class Meta:
        unknown = RAISE


class OpenCaseInput(_Strict):
    """A new case: an existing beneficiary (``beneficiary_id``) or a new one (``beneficiary``), never both."""

    beneficiary_id = Id(load_default=None, allow_none=True)
    beneficiary = fields.Dict(load_default=None, allow_none=True,
                              metadata={"description": "A new beneficiary, in the beneficiaries API's format."})
    service = fields.String(required=True, validate=validate.Length(min=1, max=64))
    channel = fields.String(required=True, validate=validate.Length(min=1, max=64))
    priority = fields.String(load_default=Priority.NORMAL.value, validate=validate.OneOf([p.value for p in Priority]))
    assignee_id = fields.Integer(load_default=None, allow_none=True)
    description = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=4000))

    @validates_schema
    def _one_beneficiary(self, data, **kwargs):
        given = [key for key in ("beneficiary_id", "beneficiary") if data.get(key) is not None]
        if len(given) != 1:
            raise ValidationError(_("Give the id of a registered beneficiary, or the details of a new one (not "
                                    "both)."), "beneficiary_id")


class CaseFilterSchema(PageArgsSchema):
    """The list's filters and pagination; other query arguments (``lang``) are left alone."""

    class Meta:
        unknown = EXCLUDE

    step = fields.String(validate=validate.OneOf(list(STEP_TYPES)))
    status = fields.String(validate=validate.OneOf([s.value for s in CaseStatus]))
    service = fields.String(validate=validate.Length(max=64))
    channel = fields.String(validate=validate.Length(max=64))
    priority = fields.String(validate=validate.OneOf([p.value for p in Priority]))
    assignee_id = Id()
    overdue = fields.Boolean()
    opened_from = fields.Date()
    opened_to = fields.Date()
    q = fields.String(validate=validate.Length(max=200), metadata={
        "description": "A case number, a beneficiary's national ID or mobile, or words of their name."})


class TransitionInput(_Strict):
    action = fields.String(required=True, validate=validate.Length(min=1, max=40))
    payload = fields.Dict(load_default=dict, metadata={"description": "The action's fields (see the step)."})


class LetterArgs(Schema):
    lang = fields.String(load_default="ar", validate=validate.OneOf(["ar", "en"]))


# --- out -----------------------------------------------------------------------------------------------


def _language() -> str:
    from wasl.i18n import current_language

    return current_language()


class PersonSchema(Schema):
    id = fields.Integer()
    name = fields.String()


class BeneficiaryRefSchema(Schema):
    id = fields.Integer()
    name = fields.Method("_name")
    national_id = fields.String(attribute="national_id_masked")
    file_number = fields.Integer(allow_none=True)

    def _name(self, beneficiary) -> str:
        return beneficiary.name(_language())


class CaseSchema(Schema):
    """A row of the case list or the inbox."""

    id = fields.Integer()
    number = fields.String()
    association = fields.Function(lambda c: {"slug": c.tenant.slug, "name": c.tenant.name(_language())})
    status = fields.Function(lambda c: c.status.value)
    step = fields.String()
    step_label = fields.Function(lambda c: str(STEP_TYPES.get(c.step, c.step)))
    service = fields.Function(lambda c: {"key": c.service_key,
                                         "name": catalogue_of(c.policy_version).service_label(c.service_key,
                                                                                            _language())})
    channel = fields.String()
    priority = fields.Function(lambda c: c.priority.value)
    waiting_role = fields.String(allow_none=True)
    beneficiary = fields.Nested(BeneficiaryRefSchema)
    assignee = fields.Nested(PersonSchema, allow_none=True)
    received_on = fields.Date()
    decision_due_on = fields.Date(allow_none=True)
    overdue = fields.Function(lambda c: c.is_overdue(local_date(utcnow())))
    created_at = fields.DateTime()


class CaseEventSchema(Schema):
    id = fields.Integer()
    kind = fields.String()
    action = fields.String(allow_none=True)
    step = fields.String(allow_none=True)
    to_step = fields.String(allow_none=True)
    review_round = fields.Integer(allow_none=True)
    actor = fields.Nested(PersonSchema, allow_none=True)
    details = fields.Dict()
    created_at = fields.DateTime()


class ActionSchema(Schema):
    name = fields.String()
    label = fields.String()
    advances = fields.Boolean()
    blocked = fields.String(allow_none=True, metadata={"description": "Why it cannot be taken yet."})


class ReferralSchema(Schema):
    id = fields.Integer()
    target_role = fields.String()
    question = fields.String()
    referred_by_id = fields.Integer(allow_none=True)
    referred_at = fields.DateTime()
    answer = fields.String(allow_none=True)
    answered_by_id = fields.Integer(allow_none=True)
    answered_at = fields.DateTime(allow_none=True)


class CheckSchema(Schema):
    id = fields.Integer()
    mechanism = fields.String()
    required = fields.Boolean()
    scheduled_at = fields.DateTime(allow_none=True)
    assignee_id = fields.Integer(allow_none=True)
    address = fields.String(allow_none=True)
    checklist = fields.List(fields.Dict())
    report = fields.String(allow_none=True)
    outcome = fields.String(allow_none=True)
    completed_at = fields.DateTime(allow_none=True)
    has_evidence = fields.Boolean()


class EvaluationSchema(Schema):
    criterion_index = fields.Integer()
    kind = fields.String()
    text = fields.Dict()
    met = fields.Boolean()
    notes = fields.String(allow_none=True)


class VoteSchema(Schema):
    voter_id = fields.Integer()
    vote = fields.String()
    reasons = fields.String()
    cast_at = fields.DateTime()


class DecisionSchema(Schema):
    id = fields.Integer()
    review_round = fields.Integer()
    outcome = fields.String()
    reasons = fields.String()
    votes_for = fields.Integer()
    votes_against = fields.Integer()
    quorum = fields.Integer()
    decided_at = fields.DateTime()


class DeliverySchema(Schema):
    id = fields.Integer()
    delivered_on = fields.Date()
    description = fields.String()
    quantity = fields.Decimal(as_string=True, allow_none=True)
    amount = fields.Decimal(as_string=True, allow_none=True)
    delivered_by = fields.Nested(PersonSchema, allow_none=True)


class DocumentRefSchema(Schema):
    id = fields.Integer()
    kind = fields.String(allow_none=True)
    sha256 = fields.String()
    expires_on = fields.Date(allow_none=True)
    expires_on_hijri = fields.Function(lambda d: hijri_of(d.expires_on), allow_none=True, metadata=HIJRI_EXPIRY)
    content_type = fields.String()


class CaseDetailSchema(Schema):
    """The case with its history and what the caller may do next (a dump of ``services.CaseDetails``)."""

    case = fields.Nested(CaseSchema)
    policy_version = fields.Function(lambda d: {"id": d.case.policy_version_id,
                                                "number": d.case.policy_version.number})
    review_round = fields.Function(lambda d: d.case.review_round)
    pledge_state = fields.String()
    timeline = fields.List(fields.Nested(CaseEventSchema))
    referrals = fields.List(fields.Nested(ReferralSchema))
    checks = fields.List(fields.Nested(CheckSchema))
    evaluations = fields.List(fields.Nested(EvaluationSchema))
    votes = fields.List(fields.Nested(VoteSchema))
    decisions = fields.List(fields.Nested(DecisionSchema))
    deliveries = fields.List(fields.Nested(DeliverySchema))
    documents = fields.List(fields.Nested(DocumentRefSchema))
    available_actions = fields.List(fields.Nested(ActionSchema), attribute="actions")
