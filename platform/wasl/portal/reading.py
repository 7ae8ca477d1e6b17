"""What the portal shows a beneficiary about their own requests, read through the cases feature.

The portal's pages and API reach these through ``portal.services``.

Every function runs inside the beneficiary scope that ``portal.gate`` installs,
so the cases services it calls can only ever find the signed-in person's rows;
nothing here filters by hand and nothing here writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import select

from wasl.cases import page_data
from wasl.cases import services as cases
from wasl.cases.catalogue import catalogue_of
from wasl.cases.letters import latest_decision
from wasl.cases.models import Case, ServiceDelivery
from wasl.cases.required_documents import NO_EXPIRY, document_problems
from wasl.db import db
from wasl.errors import found
from wasl.kernel.bilingual import pick
from wasl.portal.scope import current

# Timeline entries the person is told about; the rest (notes, referrals, votes, checks) stay with staff.
PERSON_EVENTS = frozenset({
    "opened", "reception_completed", "documents_requested", "document_uploaded", "documents_confirmed",
    "pledge_requested", "pledge_signed", "pledge_voided", "pledge_step_completed", "submitted", "decided",
    "registered", "service_delivered", "delivery_completed", "closed", "withdrawn", "reopened",
})
# Steps before the completeness check is passed, while documents can still be missing.
DOCUMENT_STEPS = ("reception", "completeness_check")


@dataclass(frozen=True)
class TimelineEntry:
    kind: str
    label: str
    at: datetime


@dataclass(frozen=True)
class DecisionView:
    outcome: str
    outcome_label: str
    reasons: str
    decided_at: datetime


@dataclass(frozen=True)
class RequestRow:
    """A request in the person's list: plain words, no internal keys."""

    case: Case
    service_name: str
    status_sentence: str
    step_label: str
    decision_due_on: date | None


@dataclass(frozen=True)
class RequestView(RequestRow):
    """One request as its owner sees it, with what happened, what is missing, the decision and deliveries."""

    timeline: list[TimelineEntry]
    missing: list[str]
    decision: DecisionView | None
    deliveries: list[ServiceDelivery]
    documents_wanted: tuple = ()  # the required documents the person can upload now (DocumentSpec)
    pledge_wanted: bool = False  # whether the request waits for the person's signature
    declaration: dict | None = None  # what they sign, when it does

    @property
    def has_letter(self) -> bool:
        return self.decision is not None


def _beneficiary_id() -> int:
    scope = current(db.session)
    if scope is None:
        raise RuntimeError("portal services run inside the beneficiary scope")
    return scope.beneficiary_id


def my_requests() -> list[Case]:
    """The signed-in person's requests in this association, newest first."""
    return cases.beneficiary_history(_beneficiary_id())


def my_request(case_id: int) -> Case | None:
    """One of the person's requests, or None (another person's id finds nothing)."""
    return cases.get_case(case_id)


def service_name(case: Case, language: str) -> str:
    return catalogue_of(case.policy_version).service_label(case.service_key, language)


def request_row(case: Case, language: str) -> RequestRow:
    return RequestRow(case, service_name(case, language), page_data.status_sentence(case.status),
                      page_data.step_label(case.step), case.decision_due_on if case.decided_at is None else None)


def request_view(case: Case, language: str) -> RequestView:
    """The request with its timeline, what is missing, the expected decision date, decision and deliveries."""
    from wasl.cases.workflow.steps.pledge import declaration_in
    from wasl.portal import answers

    row = request_row(case, language)
    wants_pledge = answers.pledge_wanted(case)
    return RequestView(row.case, row.service_name, row.status_sentence, row.step_label, row.decision_due_on,
                       timeline=timeline(case), missing=missing_documents(case, language),
                       decision=decision(case), deliveries=deliveries(case),
                       documents_wanted=answers.documents_wanted(case), pledge_wanted=wants_pledge,
                       declaration=declaration_in(catalogue_of(case.policy_version)) if wants_pledge else None)


def timeline(case: Case) -> list[TimelineEntry]:
    """What happened to the request, newest first, in the wording staff pages use."""
    return [TimelineEntry(event.kind, page_data.event_label(event.kind), event.created_at)
            for event in reversed(cases.case_timeline(case)) if event.kind in PERSON_EVENTS]


def missing_documents(case: Case, language: str) -> list[str]:
    """Each required document still missing, undated or expired, with why; empty once the check is passed."""
    if not case.is_active or case.step not in DOCUMENT_STEPS:
        return []
    service = catalogue_of(case.policy_version).service(case.service_key)
    if service is None:
        return []
    return [_("The expiry date of the document “{document}” still has to be checked.").format(
                document=pick(problem.name, language)) if problem.reason == NO_EXPIRY
            else problem.message(case.received_on)
            for problem in document_problems(case, service)]


def decision(case: Case) -> DecisionView | None:
    found = latest_decision(case)
    if found is None:
        return None
    return DecisionView(found.outcome, str(page_data.OUTCOME_LABELS.get(found.outcome, found.outcome)),
                        found.reasons, found.decided_at)


def deliveries(case: Case) -> list[ServiceDelivery]:
    stmt = (select(ServiceDelivery).where(ServiceDelivery.case_id == case.id)
            .order_by(ServiceDelivery.delivered_on, ServiceDelivery.id))
    return list(db.session.scalars(stmt))


def quantity_text(value) -> str:
    """``2.00`` -> ``2``; ``1.50`` -> ``1.5`` (the same in both languages, like every number shown)."""
    return format(value.normalize(), "f") if value is not None else ""


def decision_letter(case: Case, language: str):
    """The decision letter (reusing the staff one), or None before a decision."""
    return cases.decision_letter(case, language)


def mine(case_id: int) -> Case:
    """One of the signed-in person's requests; another person's id is NotFound like an unknown one."""
    return found(my_request(case_id), _("There is no such request in your file."))


def my_decision_letter(case: Case, language: str):
    """The request's decision letter; NotFound before a decision."""
    return found(decision_letter(case, language), _("This request has no decision yet."))
