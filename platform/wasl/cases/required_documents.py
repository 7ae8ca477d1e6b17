"""The service's required documents against what was supplied: missing, undated or expired ones.

A document that expires and must be valid at submission is checked against
the day the request was submitted (``Case.received_on``), not against today.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from wasl.cases.catalogue import ServiceSpec
from wasl.i18n import current_language
from wasl.i18n.dates import date_phrase
from wasl.kernel.bilingual import pick
from wasl.reads import remembered

MISSING, NO_EXPIRY, EXPIRED = "missing", "no_expiry", "expired"


@dataclass(frozen=True)
class DocumentProblem:
    key: str
    name: dict
    reason: str
    expires_on: object = None

    def message(self, received_on) -> str:
        name = pick(self.name, current_language())
        if self.reason == MISSING:
            return _("The document “{document}” has not been supplied.").format(document=name)
        if self.reason == NO_EXPIRY:
            return _("Enter the expiry date of the document “{document}”.").format(document=name)
        return _("The document “{document}” expired on {expired}, before the request was submitted on {submitted}.")\
            .format(document=name, expired=date_phrase(self.expires_on), submitted=date_phrase(received_on))


def supplied_documents(case) -> list:
    """The documents attached to the case (read once per request, see ``wasl.reads``)."""
    from wasl.documents.services import documents_of_case

    return list(remembered(documents_question(case), lambda: documents_of_case(case.id)))


def documents_question(case) -> tuple:
    """How ``wasl.reads`` names the read of the documents attached to the case."""
    return "documents_of_case", case.id


def document_problems(case, service: ServiceSpec, documents=None) -> list[DocumentProblem]:
    """What stops the completeness check, one entry per required document (in the policy's order)."""
    documents = supplied_documents(case) if documents is None else documents
    problems = []
    for spec in service.documents:
        candidates = [d for d in documents if d.kind == spec.key]
        if not candidates:
            problems.append(DocumentProblem(spec.key, spec.name, MISSING))
            continue
        if not (spec.has_expiry and spec.must_be_valid_at_submission):
            continue
        dated = [d for d in candidates if d.expires_on is not None]
        if not dated:
            problems.append(DocumentProblem(spec.key, spec.name, NO_EXPIRY))
        elif not any(d.expires_on >= case.received_on for d in dated):
            latest = max(d.expires_on for d in dated)
            problems.append(DocumentProblem(spec.key, spec.name, EXPIRED, latest))
    return problems
