"""The portal's one door, for its pages and its API: signing in with a code, the person's own
requests (read in ``reading``), applying from home and answering staff.

Everything but signing in runs inside the beneficiary scope that ``portal.gate`` installs; nothing here
commits (the request's unit of work does).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from wasl.beneficiaries.models import Beneficiary
from wasl.beneficiaries.services import get_beneficiary
from wasl.cases.models import Case
from wasl.portal import answers, applications, codes, policy_news, sessions
from wasl.portal.reading import (
    decision_letter,
    mine,
    my_decision_letter,
    my_request,
    my_requests,
    quantity_text,
    request_row,
    request_view,
    service_name,
)

__all__ = [  # the reads are part of this door
    "decision_letter", "mine", "my_decision_letter", "my_request", "my_requests", "quantity_text", "request_row",
    "request_view", "service_name",
]

CodeRefused = codes.CodeRefused
Identity = codes.Identity
CODE_TTL_MINUTES = codes.CODE_TTL_MINUTES
Application = applications.Application
PERSON_FIELDS = applications.PERSON_FIELDS


# --- signing in -------------------------------------------------------------------------------------


def request_code(tenant, identity: Identity, language: str) -> str:
    """A challenge for these details; the code goes out by text only when they match a registered person."""
    return codes.request_code(tenant, identity, language)


def verify_code(tenant, challenge: str, code: str) -> int:
    """The beneficiary id the code signs in (spending it); CodeRefused otherwise (the wrong try counted)."""
    return codes.verify_code(tenant, challenge, code)


def open_session(tenant_id: int, beneficiary_id: int, client: str) -> str:
    """A new portal session (``client``: ``sessions.WEB`` or ``sessions.API``); returns its raw token."""
    return sessions.start(tenant_id, beneficiary_id, client)


def close_session(row) -> None:
    """Sign out: the session stops working."""
    sessions.end(row)


# --- the signed-in person ---------------------------------------------------------------------------


def person(beneficiary_id: int) -> Beneficiary | None:
    """The signed-in person's record (the gate's scope lets nobody else's be read)."""
    return get_beneficiary(beneficiary_id)


def news(tenant, language: str, today: date):
    """A newly published policy version to announce on the requests page, or None."""
    return policy_news.policy_news(tenant, language, today)


# --- applying from home and answering staff ---------------------------------------------------------


def application_form() -> applications.ApplicationForm:
    """What applying from home offers; TransitionNotAllowed when the policy takes no requests online."""
    return applications.application_form()


def current_data(beneficiary: Beneficiary) -> dict:
    """The person's recorded data, to fill the application form."""
    return applications.current_data(beneficiary)


def apply(application: Application) -> Case:
    """A new request on the website channel; ValidationError naming each field, nothing written."""
    return applications.apply(application)


def documents_wanted(case: Case) -> tuple:
    """The required documents the person can upload on this request now."""
    return answers.documents_wanted(case)


def answer_documents(case: Case, uploads: Mapping) -> list:
    """Store the documents staff asked for; ValidationError or TransitionNotAllowed, nothing written."""
    return answers.answer_documents(case, uploads)


def sign_again(case: Case, submitted: Mapping) -> None:
    """Sign the request's pledge again, when it is asked for."""
    answers.sign_again(case, submitted)
