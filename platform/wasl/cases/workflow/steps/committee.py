"""``committee_review``: submission with its decision date, the committee's votes, and the decision."""

from __future__ import annotations

from flask_babel import gettext as _
from marshmallow import ValidationError, fields, validate
from sqlalchemy import select

from wasl.cases import clock, notify
from wasl.cases.evidence import tally
from wasl.cases.models import CaseStatus, CommitteeVote, Decision, EligibilityCheck
from wasl.cases.models.committee import ACCEPT, ACCEPTED, OUTCOMES, REJECTED, VOTES
from wasl.cases.tenant_settings import quorum
from wasl.cases.timeline import log
from wasl.cases.workflow.steps.base import Payload, Result, StepAction, StepContext, riyadh_today, text
from wasl.db import db, utcnow


class Ballot(Payload):
    vote = fields.String(required=True, validate=validate.OneOf(VOTES))
    reasons = text()


class Ruling(Payload):
    outcome = fields.String(required=True, validate=validate.OneOf(OUTCOMES))
    reasons = text()


def enter(ctx: StepContext) -> None:
    """Submitted to the committee: the decision date is set and told, the service's checks are created."""
    case, catalogue = ctx.case, ctx.flow.catalogue
    case.committee_submitted_at, case.decided_at = utcnow(), None
    case.decision_due_on = clock.decision_due_on(riyadh_today(), catalogue.decision_window)
    case.due_soon_reminded_on = case.overdue_reminded_on = None
    service = catalogue.service(case.service_key)
    for mechanism in service.mechanisms if service else ():
        db.session.add(EligibilityCheck(case_id=case.id, tenant_id=case.tenant_id, review_round=case.review_round,
                                        mechanism=mechanism, required=True))
    step = ctx.flow.step("committee_review")
    due = case.decision_due_on.isoformat()
    body = dict(step.decision_body or {}) if step else {}
    log(case, "submitted", ctx.actor, decision_due_on=due, decision_body=body)
    notify.announce(notify.SUBMITTED, case, decision_due_on=due, decision_body=body)


def vote(ctx: StepContext) -> Result:
    case, data = ctx.case, ctx.data
    ballot = db.session.scalar(select(CommitteeVote).where(
        CommitteeVote.case_id == case.id, CommitteeVote.review_round == case.review_round,
        CommitteeVote.voter_id == ctx.actor.id))
    changed = ballot is not None
    if ballot is None:
        ballot = CommitteeVote(case_id=case.id, tenant_id=case.tenant_id, review_round=case.review_round,
                               voter_id=ctx.actor.id)
        db.session.add(ballot)
    ballot.vote, ballot.reasons, ballot.cast_at = data["vote"], data["reasons"], utcnow()
    return Result("voted", {"vote": ballot.vote, "reasons": ballot.reasons, "changed": changed})


def decide(ctx: StepContext) -> Result:
    case, data = ctx.case, ctx.data
    counted = tally(case)
    expected = None if counted.majority is None else (ACCEPTED if counted.majority == ACCEPT else REJECTED)
    if expected and data["outcome"] != expected:
        message = (_("Most of the committee voted to accept; the decision must follow the vote.")
                   if expected == ACCEPTED else _("Most of the committee voted to reject; the decision must follow "
                                                  "the vote."))
        raise ValidationError({"outcome": [message]})
    decision = Decision(case_id=case.id, tenant_id=case.tenant_id, review_round=case.review_round,
                        outcome=data["outcome"], reasons=data["reasons"], votes_for=counted.accept,
                        votes_against=counted.reject, quorum=quorum(case.tenant_id), decided_by_id=ctx.actor.id)
    db.session.add(decision)
    db.session.flush()
    case.decided_at = decision.decided_at
    notify.announce(notify.DECIDED, case, decision_id=decision.id, outcome=decision.outcome,
                    reasons=decision.reasons, decided_on=riyadh_today().isoformat())
    details = {"decision_id": decision.id, "outcome": decision.outcome, "reasons": decision.reasons,
               "votes_for": counted.accept, "votes_against": counted.reject}
    if decision.outcome == REJECTED:
        case.status, case.closed_at, case.waiting_role = CaseStatus.REJECTED, utcnow(), None
        return Result("decided", details)
    return Result("decided", details, advance=True)


ACTIONS = {
    "vote": StepAction(Ballot, vote),
    "decide": StepAction(Ruling, decide),
}
