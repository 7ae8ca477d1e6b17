"""Cases: one service function behind each page and API route.

Writes validate everything before writing, record the timeline and audit
entries and the notification events in the request's transaction, and leave
the commit to the unit of work. A refusal is one of ``cases.errors`` (or a
ValidationError naming the field); what does not exist is ``NotFound``. Reads
run in the tenant scope of the session.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from marshmallow import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError

from wasl.cases import notify, queries, workflow
from wasl.cases.api.schemas import OpenCaseInput
from wasl.cases.catalogue import Catalogue, catalogue_of
from wasl.cases.errors import ConcurrentChange, TransitionNotAllowed
from wasl.cases.members import require_member
from wasl.cases.models import Case, CaseEvent, Decision, Referral, ServiceDelivery
from wasl.cases.numbering import next_case_number
from wasl.cases.presence import collections_present, record_empty_collections
from wasl.cases.reading import CasePage, filter_choices, pledge_of, signed_pledge
from wasl.cases.reading import case_page as _case_page
from wasl.cases.timeline import events_of, log
from wasl.cases.workflow import transitions
from wasl.cases.workflow.steps import ON_ENTER, StepContext
from wasl.cases.workflow.steps.base import riyadh_today
from wasl.cases.workflow.transitions import AvailableAction, available_actions
from wasl.db import db
from wasl.errors import found
from wasl.i18n import current_language
from wasl.kernel.bilingual import pick
from wasl.tenancy.models import Tenant
from wasl.tenancy.scope import current_scope, tenant_scope

__all__ = [
    "AvailableAction", "add_documents", "available_actions", "beneficiary_history", "case_details",
    "case_page", "case_timeline", "decision_letter", "filter_choices", "fresh_case", "get_case", "inbox",
    "issued_letter", "list_cases", "open_case", "perform_transition", "pledge_of", "referrals_for",
    "require_case", "signed_pledge",
]


def _tenant_in_scope() -> Tenant:
    scope = current_scope(db.session)
    if scope is None or scope.write_tenant_id is None:
        raise RuntimeError("case services that write need exactly one association in scope")
    return db.session.get(Tenant, scope.write_tenant_id)


# --- opening ------------------------------------------------------------------------------------------


def open_case(data: dict, actor) -> Case:
    """Open a case under the association's published policy; ValidationError naming the field otherwise."""
    tenant = _tenant_in_scope()
    clean = OpenCaseInput().load(data or {})
    version = _published_policy(tenant)
    catalogue = catalogue_of(version)
    _check_offer(catalogue, clean["channel"], clean["service"])
    require_member(tenant.id, clean.get("assignee_id"), "assignee_id")
    beneficiary = _beneficiary_for(clean, actor)
    today, first = riyadh_today(), catalogue.first_step
    case = Case(tenant_id=tenant.id, number=next_case_number(tenant, today), beneficiary_id=beneficiary.id,
                policy_version_id=version.id, service_key=clean["service"], channel=clean["channel"],
                step=first.type, waiting_role=first.responsible_role, priority=clean["priority"],
                description=clean.get("description"), assignee_id=clean.get("assignee_id"),
                opened_by_id=actor.id if actor is not None else None, received_on=today)
    db.session.add(case)
    db.session.flush()
    set_committed_value(case, "beneficiary", beneficiary)  # what the notice and the hooks read next
    set_committed_value(case, "policy_version", version)
    log(case, "opened", actor, service=case.service_key, channel=case.channel, policy_version=version.number)
    notify.announce(notify.RECEIVED, case, channel=case.channel, received_on=today.isoformat(),
                    service_name=dict(catalogue.service(case.service_key).name))
    hook = ON_ENTER.get(first.type)
    if hook is not None:
        hook(StepContext(case, workflow.Workflow(catalogue), {}, actor))
    return case


def _published_policy(tenant: Tenant):
    from wasl.policy.services import published_version

    version = published_version(tenant)
    if version is None:
        raise TransitionNotAllowed(_("The association has not published its policy yet, so no case can be "
                                     "opened: cases follow the published policy."), 409)
    return version


def _check_offer(catalogue: Catalogue, channel: str, service: str) -> None:
    language, errors = current_language(), {}
    separator = "، " if language == "ar" else ", "
    if channel not in catalogue.enabled_channels:
        choices = separator.join(catalogue.channel_label(c, language) for c in catalogue.enabled_channels)
        errors["channel"] = [_("The channel “{channel}” is not one this association's policy enables. "
                               "Choose one of: {choices}.").format(channel=channel, choices=choices)]
    if not catalogue.services:
        errors["service"] = [_("The association's policy has no services catalogue yet; add its services to "
                               "the policy before opening cases.")]
    elif catalogue.service(service) is None:
        choices = separator.join(pick(s.name, language) for s in catalogue.services.values())
        errors["service"] = [_("The service “{service}” is not in this association's catalogue. Choose one "
                               "of: {choices}.").format(service=service, choices=choices)]
    if errors:
        raise ValidationError(errors)


def _beneficiary_for(clean: dict, actor):
    from wasl.beneficiaries.services import get_beneficiary, register_beneficiary

    if clean.get("beneficiary_id") is not None:
        beneficiary = get_beneficiary(clean["beneficiary_id"])
        if beneficiary is None:
            raise ValidationError({"beneficiary_id": [_("There is no such beneficiary in this association.")]})
        return beneficiary
    try:
        return register_beneficiary(clean["beneficiary"], actor)
    except ValidationError as invalid:
        raise ValidationError({"beneficiary": invalid.normalized_messages()}) from invalid


# --- acting on a case ---------------------------------------------------------------------------------


def perform_transition(case: Case, action: str, payload: dict | None, actor) -> Case:
    """Take ``action`` on ``case`` (see ``workflow.transitions``); a refusal undoes the attempt (a savepoint),
    and a concurrent change of the case is ``ConcurrentChange``."""
    try:
        with db.session.begin_nested():
            return transitions.perform_transition(case, action, payload, actor)
    except StaleDataError as stale:
        raise ConcurrentChange(_("Someone else changed this case at the same moment. Reload it and try "
                                 "again.")) from stale


def add_documents(case: Case, uploads, actor, language: str) -> list:
    """Store each ``(document spec, file, expiry date)`` for the case and note it on the timeline; all or none
    (an ``UploadRefused`` undoes the ones stored before it)."""
    from wasl.documents.services import store_upload

    documents = []
    with db.session.begin_nested():
        for spec, upload, expires_on in uploads:
            document = store_upload(upload, kind=spec.key, expires_on=expires_on, case_id=case.id, actor=actor,
                                    label=pick(spec.name, language))
            log(case, "document_uploaded", actor, document_id=document.id, document_kind=spec.key,
                name=dict(spec.name), expires_on=expires_on.isoformat() if expires_on else None)
            documents.append(document)
    return documents


# --- reading one case ---------------------------------------------------------------------------------


def get_case(case_id: int) -> Case | None:
    """The case with this id in the association in scope (with its beneficiary and policy version), or None."""
    stmt = select(Case).where(Case.id == case_id).options(
        joinedload(Case.beneficiary), joinedload(Case.assignee), joinedload(Case.policy_version))
    return db.session.scalar(stmt)


def fresh_case(case_id: int) -> Case:
    """The case as this request's writes left it, everything read back from the database as a commit would
    (for an answer that shows what was just written)."""
    db.session.flush()
    db.session.expire_all()
    return get_case(case_id)


def require_case(case_id: int) -> Case:
    """``get_case``, or NotFound (before any form is read, so another association's id is a 404 too)."""
    return found(get_case(case_id), _("There is no such case in this association."))


def case_timeline(case: Case) -> list[CaseEvent]:
    """Everything that happened to the case, oldest first."""
    return events_of(case)


@dataclass
class CaseDetails:
    """What the case page and the API show beside the case itself."""

    case: Case
    timeline: list
    referrals: list
    pledge_state: str
    checks: list
    evaluations: list
    votes: list
    decisions: list
    deliveries: list
    documents: list
    actions: list = field(default_factory=list)


def case_details(case: Case, membership=None) -> CaseDetails:
    """The case with its timeline, referrals, pledge, checks, criteria, votes, decisions, deliveries, documents.

    One statement tells which collections hold rows (``presence``); only those are read.
    """
    from wasl.cases.attestation import pledge_state
    from wasl.cases.evidence import checks_of, evaluations_of, votes_of
    from wasl.cases.required_documents import supplied_documents

    present = collections_present(case)
    record_empty_collections(case, present)
    return CaseDetails(case, case_timeline(case), _referrals(case) if "referrals" in present else [],
                       pledge_state(case), checks_of(case), evaluations_of(case), votes_of(case),
                       _decisions(case) if "decisions" in present else [],
                       _deliveries(case) if "deliveries" in present else [], supplied_documents(case),
                       available_actions(case, membership) if membership is not None else [])


def _referrals(case: Case) -> list[Referral]:
    return list(db.session.scalars(select(Referral).where(Referral.case_id == case.id).order_by(Referral.id)))


def _decisions(case: Case) -> list[Decision]:
    return list(db.session.scalars(select(Decision).where(Decision.case_id == case.id).order_by(Decision.id)))


def _deliveries(case: Case) -> list[ServiceDelivery]:
    return list(db.session.scalars(select(ServiceDelivery).where(ServiceDelivery.case_id == case.id)
                                   .options(selectinload(ServiceDelivery.delivered_by))
                                   .order_by(ServiceDelivery.delivered_on, ServiceDelivery.id)))


def case_page(case: Case, membership, tenant, language: str) -> CasePage:
    """What the case page shows beside its forms: the details as ``membership`` sees them, the catalogue,
    the published policy's references and the pledge that holds."""
    return _case_page(case, case_details(case, membership), tenant, language)


# --- lists --------------------------------------------------------------------------------------------


def list_cases(filters: dict, page: int = 1, per_page: int = 25, count_beyond: int | None = None) -> queries.Page:
    """The association's cases matching ``filters`` (see ``schemas.CaseFilterSchema``), newest first; with
    ``count_beyond`` the total stops at that many rows past the page (see ``queries.paged``)."""
    tenant = _tenant_in_scope()
    return queries.paged(queries.filtered(filters or {}, tenant.id, riyadh_today()), page, per_page, count_beyond)


def inbox(actor, page: int = 1, per_page: int = 25, count_beyond: int | None = None) -> queries.Page:
    """Cases waiting for ``actor`` in every association they belong to (each row carries its association)."""
    memberships = [m for m in actor.active_memberships() if m.tenant.is_active]
    if not memberships:
        return queries.Page([], page, per_page, 0)
    with tenant_scope(db.session, *(m.tenant_id for m in memberships)):
        roles = {m.tenant_id: workflow.qualifying_roles(m) for m in memberships if m.grants("cases.view")}
        return queries.paged(queries.inbox_statement(actor.id, roles), page, per_page, count_beyond)


def referrals_for(membership) -> list[Referral]:
    """Open referrals addressed to a role this member qualifies for, oldest first, with their cases."""
    with tenant_scope(db.session, membership.tenant_id):
        roles = sorted(workflow.qualifying_roles(membership))
        stmt = (select(Referral).where(Referral.tenant_id == membership.tenant_id, Referral.answered_at.is_(None),
                                       Referral.target_role.in_(roles))
                .options(joinedload(Referral.case).joinedload(Case.beneficiary), joinedload(Referral.referred_by))
                .order_by(Referral.referred_at, Referral.id))
        return list(db.session.scalars(stmt))


def beneficiary_history(beneficiary_id: int) -> list[Case]:
    """Every case of the beneficiary in the association in scope, newest first."""
    stmt = (select(Case).where(Case.beneficiary_id == beneficiary_id)
            .options(joinedload(Case.assignee), joinedload(Case.policy_version))
            .order_by(Case.created_at.desc(), Case.id.desc()))
    return list(db.session.scalars(stmt))


def decision_letter(case: Case, lang: str):
    """The letter of the case's latest decision in ``lang`` (HTML and PDF); None before any decision."""
    from wasl.cases.letters import letter_for

    return letter_for(case, lang)


def issued_letter(case: Case, lang: str):
    """``decision_letter``, or NotFound before any decision."""
    return found(decision_letter(case, lang), _("This case has no decision yet."))
