"""Performing an action on a case: check it (workflow), validate its payload, do it (step), record it.

Everything is checked before anything is written, so a refused action leaves
nothing behind; the request's unit of work commits once.
"""

from __future__ import annotations

from dataclasses import dataclass

from marshmallow import ValidationError

from wasl.accounts.services import membership_in
from wasl.cases import workflow
from wasl.cases.errors import TransitionNotAllowed
from wasl.cases.models import Case, CaseStatus
from wasl.cases.timeline import log
from wasl.cases.workflow.steps import HANDLERS, ON_ENTER, StepContext
from wasl.db import db, utcnow


@dataclass(frozen=True)
class AvailableAction:
    name: str
    label: str
    advances: bool
    blocked: str | None  # why it cannot be taken yet, in the person's language


def _membership(actor, case: Case):
    return membership_in(actor, case.tenant) if actor is not None else None


def perform_transition(case: Case, action: str, payload: dict | None, actor) -> Case:
    """Take ``action`` on ``case`` as ``actor`` with ``payload``; TransitionNotAllowed or ValidationError if not."""
    membership = _membership(actor, case)
    flow = workflow.workflow_of(case)
    rule = workflow.authorize(case, flow, action, membership)
    if payload is not None and not isinstance(payload, dict):
        raise ValidationError({"payload": ["Not a valid mapping type."]})
    data = HANDLERS[action].schema().load(payload or {})
    workflow.check_requirements(case, flow, rule)
    ctx = StepContext(case, flow, data, actor, membership)
    from_step = case.step
    result = HANDLERS[action].handle(ctx)
    following = flow.target(from_step, rule) if result.advance else from_step
    log(case, result.kind, actor, action=action, step=from_step,
        to_step=following if following != from_step else None, **result.details)
    if following != from_step:
        _move(ctx, following)
    case.updated_at = utcnow()
    db.session.flush()
    return case


def _move(ctx: StepContext, following: str) -> None:
    case = ctx.case
    if following == workflow.CLOSED:
        case.status, case.closed_at, case.waiting_role = CaseStatus.CLOSED, utcnow(), None
        log(case, "closed", ctx.actor)
        return
    enter_step(ctx, following)


def enter_step(ctx: StepContext, step_type: str) -> None:
    """Put the case at ``step_type`` and run what arriving there does (ask for the pledge, submit...)."""
    case = ctx.case
    case.step = step_type
    case.status = CaseStatus.OPEN
    case.waiting_role = ctx.flow.step(step_type).responsible_role
    hook = ON_ENTER.get(step_type)
    if hook is not None:
        hook(ctx)


def available_actions(case: Case, membership) -> list[AvailableAction]:
    """The actions this member may take on the case now, each with why it is blocked (if it is)."""
    flow = workflow.workflow_of(case)
    available = []
    for rule in workflow.RULES:
        try:
            workflow.authorize(case, flow, rule.name, membership)
        except TransitionNotAllowed:
            continue
        available.append(AvailableAction(rule.name, str(rule.label), rule.advances, _blocked(case, flow, rule)))
    return available


def _blocked(case: Case, flow, rule) -> str | None:
    try:
        workflow.check_requirements(case, flow, rule)
    except TransitionNotAllowed as refused:
        return refused.detail
    except ValidationError as invalid:
        return " ".join(_messages(invalid.normalized_messages()))
    return None


def _messages(messages) -> list[str]:
    if isinstance(messages, dict):
        return [m for value in messages.values() for m in _messages(value)]
    if isinstance(messages, list):
        return [m for value in messages for m in _messages(value)]
    return [str(messages)]
