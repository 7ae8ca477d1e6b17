"""What must exist before an action: each requirement named in the workflow's table, and its check.

A requirement raises ``TransitionNotAllowed`` (409) with the reason, or a
``ValidationError`` (422) when the reason belongs to a field (a document).
"""

from __future__ import annotations

from flask_babel import gettext as _
from marshmallow import ValidationError
from sqlalchemy import select

from wasl.cases.attestation import pledge_state
from wasl.cases.errors import TransitionNotAllowed
from wasl.cases.evidence import missing_evidence, tally
from wasl.cases.models import Referral, ServiceDelivery
from wasl.cases.required_documents import document_problems
from wasl.cases.tenant_settings import quorum
from wasl.db import db


def open_referral(case) -> Referral | None:
    return db.session.scalar(select(Referral).where(Referral.case_id == case.id, Referral.answered_at.is_(None))
                             .order_by(Referral.id.desc()).limit(1))


def pledge_holds(case) -> bool:
    return pledge_state(case) == "valid"


def _service(case, flow):
    service = flow.catalogue.service(case.service_key)
    if service is None:  # the version is immutable, so this only happens to hand-made data
        raise TransitionNotAllowed(_("The service of this case is not in its policy's catalogue."), 409)
    return service


def no_open_referral(case, flow) -> None:
    if open_referral(case) is not None:
        raise TransitionNotAllowed(_("The case is waiting for the answer to its referral."), 409)


def documents_valid(case, flow) -> None:
    problems = document_problems(case, _service(case, flow))
    if problems:
        raise ValidationError({"documents": {p.key: [p.message(case.received_on)] for p in problems}})


def documents_missing(case, flow) -> None:
    if not document_problems(case, _service(case, flow)):
        raise TransitionNotAllowed(_("Every required document has been supplied and is valid."), 409)


def pledge_valid(case, flow) -> None:
    state = pledge_state(case)
    if state == "missing":
        raise TransitionNotAllowed(_("The beneficiary has not signed the pledge yet."), 409)
    if state == "void":
        raise TransitionNotAllowed(_("The beneficiary's data changed after they signed the pledge, so it no "
                                     "longer holds. The beneficiary must sign it again."), 409)


def evidence_complete(case, flow) -> None:
    problems = missing_evidence(case, flow.catalogue)
    if problems:
        raise TransitionNotAllowed(" ".join([_("The decision cannot be issued yet."), *problems]), 409)


def quorum_reached(case, flow) -> None:
    needed, cast = quorum(case.tenant_id), tally(case).cast
    if cast < needed:
        raise TransitionNotAllowed(_("The committee has cast {cast} of the {needed} votes needed for a decision.")
                                   .format(cast=cast, needed=needed), 409)


def delivery_recorded(case, flow) -> None:
    if db.session.scalar(select(ServiceDelivery.id).where(ServiceDelivery.case_id == case.id).limit(1)) is None:
        raise TransitionNotAllowed(_("Record what was delivered before closing the case."), 409)


REQUIREMENTS = {
    "no_open_referral": no_open_referral,
    "documents_valid": documents_valid,
    "documents_missing": documents_missing,
    "pledge_valid": pledge_valid,
    "evidence_complete": evidence_complete,
    "quorum_reached": quorum_reached,
    "delivery_recorded": delivery_recorded,
}
