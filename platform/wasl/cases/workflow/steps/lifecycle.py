"""At any step: withdraw the request, reopen an ended case (with a reason), reassign it."""

from __future__ import annotations

from marshmallow import fields

from wasl.cases.members import require_member
from wasl.cases.models import CaseStatus
from wasl.cases.workflow.guards import open_referral
from wasl.cases.workflow.steps.base import Payload, Result, StepAction, StepContext, text
from wasl.db import utcnow


class Reason(Payload):
    reason = text(2000)


class Assignment(Payload):
    assignee_id = fields.Integer(required=True, allow_none=True)


def withdraw(ctx: StepContext) -> Result:
    case = ctx.case
    case.status, case.closed_at, case.waiting_role = CaseStatus.WITHDRAWN, utcnow(), None
    return Result("withdrawn", {"reason": ctx.data["reason"]})


def reopen(ctx: StepContext) -> Result:
    """Back to the step where it ended; a rejected case goes before the committee again, in a new round."""
    from wasl.cases.workflow.steps import committee

    case, previous = ctx.case, ctx.case.status
    referral = open_referral(case)
    case.closed_at = None
    if referral is not None:
        case.status, case.waiting_role = CaseStatus.REFERRED, referral.target_role
    else:
        case.status, case.waiting_role = CaseStatus.OPEN, ctx.step.responsible_role if ctx.step else None
    details = {"reason": ctx.data["reason"], "previous_status": previous.value}
    if previous == CaseStatus.REJECTED and case.step == "committee_review":
        case.review_round += 1
        committee.enter(ctx)
    details["review_round"] = case.review_round
    return Result("reopened", details)


def reassign(ctx: StepContext) -> Result:
    case = ctx.case
    previous = case.assignee_id
    case.assignee_id = require_member(case.tenant_id, ctx.data["assignee_id"], "assignee_id")
    return Result("reassigned", {"from_assignee_id": previous, "to_assignee_id": case.assignee_id})


ACTIONS = {
    "withdraw": StepAction(Reason, withdraw),
    "reopen": StepAction(Reason, reopen),
    "reassign": StepAction(Assignment, reassign),
}
