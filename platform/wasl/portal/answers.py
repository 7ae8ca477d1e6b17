"""Answering staff from the portal: the missing documents of a request, or a new signature under its pledge.

Staff ask with the ``request_documents`` action, or a pledge is voided because
the attested data changed; the person is told (``case.documents_missing``,
``case.pledge_requested``) and answers here. Each answer is checked like the
staff side's (documents by content and validity on the submission date, the
signature as the pledge step decodes it), written through the same services,
and recorded on the case's timeline and in the audit log as the person's.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask_babel import gettext as _
from marshmallow import ValidationError

from wasl.cases.attestation import pledge_state
from wasl.cases.catalogue import DocumentSpec, catalogue_of
from wasl.cases.errors import TransitionNotAllowed
from wasl.cases.models import Case, CaseStatus
from wasl.cases.required_documents import document_problems
from wasl.cases.workflow import workflow_of
from wasl.cases.workflow.steps.pledge import declaration_in
from wasl.portal.applications import PledgeInput, sign
from wasl.portal.documents import Problems, Upload, check_documents, store_documents
from wasl.portal.reading import DOCUMENT_STEPS


def documents_wanted(case: Case) -> tuple[DocumentSpec, ...]:
    """The required documents the person can still supply: missing, undated or expired ones."""
    if not case.is_active or case.step not in DOCUMENT_STEPS:
        return ()
    service = catalogue_of(case.policy_version).service(case.service_key)
    if service is None:
        return ()
    keys = {problem.key for problem in document_problems(case, service)}
    return tuple(spec for spec in service.documents if spec.key in keys)


def pledge_wanted(case: Case) -> bool:
    """Whether the request waits for the person's signature: at a step the pledge guards, with none that holds."""
    return (case.status == CaseStatus.OPEN and workflow_of(case).pledge_guarded(case.step)
            and pledge_state(case) != "valid")


def answer_documents(case: Case, uploads: Mapping[str, Upload]) -> list:
    """Store the documents the person uploaded for the request; AnswerInvalid names each field that is wrong."""
    wanted = documents_wanted(case)
    if not wanted:
        raise TransitionNotAllowed(_("No documents are being asked for on this request now."), 409)
    problems = Problems()
    chosen = {key: upload for key, upload in uploads.items() if upload.file is not None}
    if not chosen:
        problems["documents"] = [_("Choose at least one file to upload.")]
    documents = check_documents(wanted, chosen, case.received_on, problems, all_required=False)
    problems.raise_any()
    return store_documents(case, documents)


def sign_again(case: Case, submitted: Mapping) -> None:
    """Sign the request's pledge (again) under the policy's declaration; ValidationError naming the field."""
    if not pledge_wanted(case):
        raise TransitionNotAllowed(_("Your signature is not being asked for on this request now."), 409)
    try:
        signature = PledgeInput().load(dict(submitted or {}))
    except ValidationError as invalid:
        problems = Problems()
        problems.update(invalid.normalized_messages())
        problems.raise_any()
    sign(case, declaration_in(catalogue_of(case.policy_version)), signature)
