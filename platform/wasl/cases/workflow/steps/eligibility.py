"""``committee_review``, the verification part: schedule and report checks, evaluate criteria one by one."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError, fields, validate
from sqlalchemy import select

from wasl.api.schemas import Id
from wasl.cases.members import require_member
from wasl.cases.models import CriterionEvaluation, EligibilityCheck
from wasl.cases.models.eligibility import (
    ADMINISTRATIVE_REVIEW,
    CHECK_OUTCOMES,
    FIELD_VISIT,
    PERSONAL_INTERVIEW,
    SCHEDULED_MECHANISMS,
)
from wasl.cases.workflow.steps.base import Payload, Result, StepAction, StepContext, text
from wasl.db import db, utcnow
from wasl.i18n.dates import RIYADH

REPORT_MAX = 10000

# One whole sentence per mechanism: its name dropped into a shared sentence cannot be translated well.
_SCHEDULE_FIRST = {
    PERSONAL_INTERVIEW: _l("Schedule the personal interview before recording it."),
    FIELD_VISIT: _l("Schedule the field visit before recording it."),
}
_WRITE_REPORT = {
    PERSONAL_INTERVIEW: _l("Write the report of the personal interview."),
    FIELD_VISIT: _l("Write the report of the field visit."),
}


class Schedule(Payload):
    check_id = Id(required=True)
    scheduled_at = fields.AwareDateTime(required=True, default_timezone=RIYADH)
    assignee_id = Id(required=True)
    address = text(1000, required=False)


class ChecklistItem(Payload):
    item = text(300)
    ok = fields.Boolean(required=True)


class Report(Payload):
    check_id = Id(required=True)
    outcome = fields.String(required=True, validate=validate.OneOf(CHECK_OUTCOMES))
    report = text(REPORT_MAX, required=False)
    checklist = fields.List(fields.Nested(ChecklistItem), load_default=list, validate=validate.Length(max=50))


class Evaluation(Payload):
    criterion_index = fields.Integer(required=True, validate=validate.Range(min=0, max=1000))
    met = fields.Boolean(required=True)
    notes = text(required=False)


def _open_check(ctx: StepContext) -> EligibilityCheck:
    check = db.session.scalar(select(EligibilityCheck).where(
        EligibilityCheck.id == ctx.data["check_id"], EligibilityCheck.case_id == ctx.case.id,
        EligibilityCheck.review_round == ctx.case.review_round))
    if check is None:
        raise ValidationError({"check_id": [_("This case has no such eligibility check in its current review.")]})
    if check.completed_at is not None:
        raise ValidationError({"check_id": [_("This check has already been reported.")]})
    return check


def schedule_check(ctx: StepContext) -> Result:
    check, data = _open_check(ctx), ctx.data
    if check.mechanism not in SCHEDULED_MECHANISMS:  # the administrative review
        raise ValidationError({"check_id": [_("The administrative review is not scheduled; record it directly.")]})
    if check.mechanism == FIELD_VISIT and not data.get("address"):
        raise ValidationError({"address": [_("Give the address of the field visit.")]})
    check.assignee_id = require_member(ctx.case.tenant_id, data["assignee_id"], "assignee_id")
    check.scheduled_at, check.address = data["scheduled_at"], data.get("address")
    return Result("check_scheduled", {"check_id": check.id, "mechanism": check.mechanism,
                                      "scheduled_at": check.scheduled_at.isoformat(),
                                      "assignee_id": check.assignee_id, "address": check.address})


def record_check(ctx: StepContext) -> Result:
    check, data = _open_check(ctx), ctx.data
    if check.mechanism in SCHEDULED_MECHANISMS:
        if check.scheduled_at is None:
            raise ValidationError({"check_id": [str(_SCHEDULE_FIRST[check.mechanism])]})
        if not data.get("report"):
            raise ValidationError({"report": [str(_WRITE_REPORT[check.mechanism])]})
    elif check.mechanism == ADMINISTRATIVE_REVIEW and not data["checklist"] and not data.get("report"):
        raise ValidationError({"checklist": [_("Tick the items reviewed, or write what was reviewed.")]})
    check.report, check.outcome, check.checklist = data.get("report"), data["outcome"], data["checklist"]
    check.completed_at, check.completed_by_id = utcnow(), ctx.actor.id
    return Result("check_recorded", {"check_id": check.id, "mechanism": check.mechanism, "outcome": check.outcome})


def evaluate_criterion(ctx: StepContext) -> Result:
    data, criteria = ctx.data, ctx.flow.catalogue.criteria
    index = data["criterion_index"]
    if index >= len(criteria):
        raise ValidationError({"criterion_index": [_("The policy has no criterion number {number}.")
                                                   .format(number=index + 1)]})
    evaluation = db.session.scalar(select(CriterionEvaluation).where(
        CriterionEvaluation.case_id == ctx.case.id, CriterionEvaluation.review_round == ctx.case.review_round,
        CriterionEvaluation.criterion_index == index))
    if evaluation is None:
        evaluation = CriterionEvaluation(case_id=ctx.case.id, tenant_id=ctx.case.tenant_id,
                                         review_round=ctx.case.review_round, criterion_index=index)
        db.session.add(evaluation)
    evaluation.kind, evaluation.text = criteria[index].kind, dict(criteria[index].text)
    evaluation.met, evaluation.notes = data["met"], data.get("notes")
    evaluation.evaluated_by_id, evaluation.evaluated_at = ctx.actor.id, utcnow()
    return Result("criterion_evaluated", {"criterion_index": index, "met": evaluation.met, "notes": evaluation.notes})


ACTIONS = {
    "schedule_check": StepAction(Schedule, schedule_check),
    "record_check": StepAction(Report, record_check),
    "evaluate_criterion": StepAction(Evaluation, evaluate_criterion),
}
