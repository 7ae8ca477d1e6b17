"""The transition table of a case, derived from its policy version, and the one place it is checked.

``RULES`` is the data: for each action, the step type it belongs to (or any
step), the permission it needs, whose action it is (the step's responsible
role, the referral's target role, or anyone holding the permission), the
statuses it is possible in, whether it moves the case on, and what must exist
first. ``Workflow`` lays those rules over the steps a policy version lists, in
its order; ``authorize`` and ``check_requirements`` enforce them.

"Qualifying for a role" is judged by permissions: a member qualifies for the
policy's ``relations_officer`` if their role is that role, or if it grants
every permission that role grants in the association (so an admin qualifies
for every step, and a renamed copy of a role works like the original).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError

from wasl.cases.catalogue import Catalogue, StepSpec, catalogue_of
from wasl.cases.errors import TransitionNotAllowed
from wasl.cases.models import ACTIVE_STATUSES, CaseStatus
from wasl.cases.workflow import guards
from wasl.policy.vocabulary import STEP_TYPES

RESPONSIBLE = "responsible"  # qualifies for the current step's responsible role
REFEREE = "referee"  # qualifies for the open referral's target role
ANYONE = "anyone"  # holds the permission; nothing more
PLEDGE_GUARDED = "pledge-guarded"  # the pledge step, and later steps while the pledge needs signing again
CLOSED = "closed"

OPEN, REFERRED = (CaseStatus.OPEN,), (CaseStatus.REFERRED,)
ENDED = (CaseStatus.WITHDRAWN, CaseStatus.REJECTED, CaseStatus.CLOSED)

STATUS_LABELS = {
    CaseStatus.OPEN: _l("open"),
    CaseStatus.REFERRED: _l("referred"),
    CaseStatus.WITHDRAWN: _l("withdrawn"),
    CaseStatus.REJECTED: _l("rejected"),
    CaseStatus.CLOSED: _l("closed"),
}

# One whole sentence per status: a status word dropped into a shared sentence cannot agree in Arabic.
_NOT_POSSIBLE_WHILE = {
    CaseStatus.OPEN: _l("The action “{action}” is not possible while the case is open."),
    CaseStatus.REFERRED: _l("The action “{action}” is not possible while the case is referred."),
    CaseStatus.WITHDRAWN: _l("The action “{action}” is not possible: the request was withdrawn."),
    CaseStatus.REJECTED: _l("The action “{action}” is not possible: the request was rejected."),
    CaseStatus.CLOSED: _l("The action “{action}” is not possible: the case is closed."),
}


@dataclass(frozen=True)
class ActionRule:
    name: str
    step: str | None  # a step type, PLEDGE_GUARDED, or None for any step
    permission: str
    party: str
    label: object
    statuses: tuple[CaseStatus, ...] = OPEN
    advances: bool = False
    requires: tuple[str, ...] = ()


RULES: tuple[ActionRule, ...] = (
    ActionRule("record_interaction", "reception", "cases.handle", RESPONSIBLE, _l("Record the interaction")),
    ActionRule("complete_reception", "reception", "cases.handle", RESPONSIBLE, _l("Complete the reception"),
               advances=True),
    ActionRule("request_documents", "completeness_check", "cases.handle", RESPONSIBLE,
               _l("Ask for the missing documents"), requires=("documents_missing",)),
    ActionRule("confirm_complete", "completeness_check", "cases.handle", RESPONSIBLE,
               _l("Confirm the request is complete"), advances=True, requires=("documents_valid",)),
    ActionRule("refer", "referral", "cases.handle", RESPONSIBLE, _l("Refer with a question"),
               requires=("no_open_referral",)),
    ActionRule("answer_referral", "referral", "cases.review", REFEREE, _l("Answer the referral"),
               statuses=REFERRED),
    ActionRule("proceed", "referral", "cases.handle", RESPONSIBLE, _l("Continue to the next step"),
               advances=True, requires=("no_open_referral",)),
    ActionRule("sign_pledge", PLEDGE_GUARDED, "cases.handle", ANYONE, _l("Take the beneficiary's signed pledge")),
    ActionRule("submit", "pledge", "cases.handle", RESPONSIBLE, _l("Submit the request"), advances=True),
    ActionRule("schedule_check", "committee_review", "cases.review", ANYONE, _l("Schedule an eligibility check")),
    ActionRule("record_check", "committee_review", "cases.review", ANYONE, _l("Record an eligibility check")),
    ActionRule("evaluate_criterion", "committee_review", "cases.review", ANYONE, _l("Evaluate a criterion")),
    ActionRule("vote", "committee_review", "cases.vote", ANYONE, _l("Vote")),
    ActionRule("decide", "committee_review", "cases.decide", RESPONSIBLE, _l("Issue the decision"),
               advances=True, requires=("evidence_complete", "quorum_reached")),
    ActionRule("register", "registration", "cases.handle", RESPONSIBLE, _l("Register the beneficiary"),
               advances=True),
    ActionRule("record_delivery", "service_delivery", "cases.handle", RESPONSIBLE, _l("Record a delivery")),
    ActionRule("close", "service_delivery", "cases.handle", RESPONSIBLE, _l("Close the case"), advances=True,
               requires=("delivery_recorded",)),
    ActionRule("withdraw", None, "cases.handle", ANYONE, _l("Withdraw the request"), statuses=ACTIVE_STATUSES),
    ActionRule("reopen", None, "cases.assign", ANYONE, _l("Reopen the case"), statuses=ENDED),
    ActionRule("reassign", None, "cases.assign", ANYONE, _l("Reassign"), statuses=ACTIVE_STATUSES),
)
RULES_BY_NAME = {rule.name: rule for rule in RULES}


@dataclass(frozen=True)
class Transition:
    step: str
    action: str
    to: str  # a step type, the same step, or CLOSED


class Workflow:
    """The procedure of one policy version, with the rules laid over its steps."""

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue

    @property
    def steps(self) -> tuple[StepSpec, ...]:
        return self.catalogue.steps

    def step(self, step_type: str | None) -> StepSpec | None:
        return self.catalogue.step(step_type)

    def target(self, step_type: str, rule: ActionRule) -> str:
        if not rule.advances:
            return step_type
        following = self.catalogue.next_step(step_type)
        return following.type if following else CLOSED

    def transitions(self) -> tuple[Transition, ...]:
        """The whole table: every step of the procedure, each action offered there, where it leads."""
        return tuple(Transition(step.type, rule.name, self.target(step.type, rule))
                     for step in self.steps for rule in RULES if self._offers(rule, step.type))

    def _offers(self, rule: ActionRule, step_type: str) -> bool:
        if rule.step is None:
            return True
        if rule.step == PLEDGE_GUARDED:
            return self.pledge_guarded(step_type)
        return rule.step == step_type

    def pledge_guarded(self, step_type: str) -> bool:
        """Steps the pledge must hold through: from the pledge up to the committee's decision, if that follows."""
        pledge, here = self.step("pledge"), self.step(step_type)
        if pledge is None or here is None:
            return False
        committee = self.step("committee_review")
        last = committee.position if committee and committee.position > pledge.position else pledge.position
        return pledge.position <= here.position <= last


def workflow_of(case) -> Workflow:
    return Workflow(catalogue_of(case.policy_version))


def rule_for(action: str) -> ActionRule:
    rule = RULES_BY_NAME.get(action)
    if rule is None:
        raise ValidationError({"action": [_("Unknown action “{action}”.").format(action=action)]})
    return rule


def authorize(case, flow: Workflow, action: str, membership) -> ActionRule:
    """The rule for ``action`` if this member may take it on this case now; TransitionNotAllowed otherwise."""
    rule = rule_for(action)
    if not _at_this_step(case, flow, rule):
        raise TransitionNotAllowed(_("The action “{action}” is not possible at the step “{step}” of this case.")
                                   .format(action=rule.label, step=step_label(case.step)), 409)
    if case.status not in rule.statuses:
        raise TransitionNotAllowed(_NOT_POSSIBLE_WHILE[case.status].format(action=rule.label), 409)
    if membership is None or not membership.grants(rule.permission) or not _party(case, flow, rule, membership):
        raise TransitionNotAllowed(_("Your role does not allow the action “{action}” on this case.")
                                   .format(action=rule.label), 403)
    return rule


def check_requirements(case, flow: Workflow, rule: ActionRule) -> None:
    """What must exist before ``rule`` runs; raises TransitionNotAllowed (409) or ValidationError (422)."""
    names = rule.requires
    if rule.advances and flow.pledge_guarded(case.step):
        names = (*names, "pledge_valid")
    for name in names:
        guards.REQUIREMENTS[name](case, flow)


def _at_this_step(case, flow: Workflow, rule: ActionRule) -> bool:
    if rule.step is None:
        return True
    if rule.step == PLEDGE_GUARDED:
        # Only while there is no pledge that holds: once signed, the signed pledge is shown instead of the form.
        return flow.pledge_guarded(case.step) and not guards.pledge_holds(case)
    return rule.step == case.step


def _party(case, flow: Workflow, rule: ActionRule, membership) -> bool:
    if rule.party == RESPONSIBLE:
        step = flow.step(case.step)
        return step is not None and qualifies(membership, step.responsible_role)
    if rule.party == REFEREE:
        referral = guards.open_referral(case)
        return referral is not None and qualifies(membership, referral.target_role)
    return True


def qualifies(membership, role_key: str) -> bool:
    """Whether the member's role is ``role_key`` or grants everything that role grants in the association."""
    if not membership.active:
        return False
    role = membership.role
    if role.key == role_key:
        return True
    wanted = role_permissions(membership.tenant_id).get(role_key)
    if wanted is None:
        return membership.grants("tenant.admin")
    return wanted <= set(role.permissions or ())


def role_permissions(tenant_id: int) -> dict[str, frozenset[str]]:
    """Every role of the association with its permissions (read once per request)."""
    from wasl.accounts.services import roles_of

    return {role.key: frozenset(role.permissions or ()) for role in roles_of(tenant_id)}


def qualifying_roles(membership) -> set[str]:
    """The role keys this member qualifies for in their association."""
    return {key for key in role_permissions(membership.tenant_id) if qualifies(membership, key)}


def step_label(step_type: str | None) -> str:
    return str(STEP_TYPES.get(step_type, step_type or ""))
