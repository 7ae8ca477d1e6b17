"""``referral``: refer the case to the role the policy names, with a question; it returns answered."""

from __future__ import annotations

from wasl.cases.models import CaseStatus, Referral
from wasl.cases.workflow.guards import open_referral
from wasl.cases.workflow.steps.base import (
    NoteOnly,
    Payload,
    Result,
    StepAction,
    StepContext,
    note_details,
    text,
)
from wasl.db import db, utcnow


class Question(Payload):
    question = text(2000)


class Answer(Payload):
    answer = text()


def refer(ctx: StepContext) -> Result:
    case, target = ctx.case, ctx.step.target_role
    referral = Referral(case_id=case.id, tenant_id=case.tenant_id, target_role=target,
                        question=ctx.data["question"], referred_by_id=ctx.actor.id)
    db.session.add(referral)
    db.session.flush()
    case.status, case.waiting_role = CaseStatus.REFERRED, target
    return Result("referred", {"referral_id": referral.id, "target_role": target, "question": referral.question})


def answer_referral(ctx: StepContext) -> Result:
    case, referral = ctx.case, open_referral(ctx.case)
    referral.answer, referral.answered_by_id, referral.answered_at = ctx.data["answer"], ctx.actor.id, utcnow()
    # The case returns to whoever handles the referral step.
    case.status, case.waiting_role = CaseStatus.OPEN, ctx.step.responsible_role
    return Result("referral_answered", {"referral_id": referral.id, "answer": referral.answer})


def proceed(ctx: StepContext) -> Result:
    return Result("referral_step_completed", note_details(ctx.data), advance=True)


ACTIONS = {
    "refer": StepAction(Question, refer),
    "answer_referral": StepAction(Answer, answer_referral),
    "proceed": StepAction(NoteOnly, proceed),
}
