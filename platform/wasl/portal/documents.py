"""Documents a person supplies from the portal: checked before anything is written, then stored on the case.

The checks are the staff side's: the content (``documents.services.read_checked``:
a PDF, JPEG or PNG by its bytes, within the size limit), the expiry date in
either calendar (``documents.expiry``), and validity on the day the request
was submitted (``cases.required_documents``). Each problem is reported on its
own field: ``file-<key>`` for the file, ``expires-<key>`` for its date.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from marshmallow import ValidationError

from wasl.cases.catalogue import DocumentSpec
from wasl.cases.required_documents import EXPIRED, MISSING, DocumentProblem
from wasl.cases.timeline import log
from wasl.documents.errors import UploadRefused
from wasl.documents.expiry import ExpiryError, parse_expiry
from wasl.documents.services import read_checked, store_upload
from wasl.i18n import current_language
from wasl.kernel.bilingual import pick

VIA_PORTAL = "portal"  # timeline and audit details of what the person did themselves


class Problems(dict):
    """Messages by field, and the HTTP status they add up to: 413/415 for a refused file, else 422."""

    def __init__(self):
        super().__init__()
        self.status = 422

    def raise_any(self) -> None:
        if self:
            raise AnswerInvalid(dict(self), self.status)


class AnswerInvalid(ValidationError):
    """What the person sent cannot be accepted; ``messages`` by field, ``status`` for the API."""

    def __init__(self, messages: dict, status: int = 422):
        super().__init__(messages)
        self.status = status


@dataclass(frozen=True)
class Upload:
    """What arrived for one required document: the file (or None) and the expiry date as typed."""

    file: object
    expires: str = ""


@dataclass(frozen=True)
class CheckedDocument:
    spec: DocumentSpec
    file: object
    expires_on: date | None


def file_field(spec: DocumentSpec) -> str:
    return f"file-{spec.key}"


def expiry_field(spec: DocumentSpec) -> str:
    return f"expires-{spec.key}"


def uploads_from(specs, files: Mapping, form: Mapping) -> dict[str, Upload]:
    """The uploads of a multipart request, by document key (``file-<key>``, ``expires-<key>``)."""
    found = {}
    for spec in specs:
        upload = files.get(file_field(spec))
        found[spec.key] = Upload(upload if upload is not None and upload.filename else None,
                                 (form.get(expiry_field(spec)) or "").strip())
    return found


def check_documents(specs, uploads: Mapping[str, Upload], submitted_on: date, errors: Problems,
                    *, all_required: bool) -> list[CheckedDocument]:
    """The documents that pass every check; each problem goes into ``errors`` under its field."""
    checked = []
    for spec in specs:
        upload = uploads.get(spec.key) or Upload(None)
        if upload.file is None:
            if all_required:
                errors[file_field(spec)] = [DocumentProblem(spec.key, spec.name, MISSING).message(submitted_on)]
            continue
        content_ok = _content_ok(spec, upload.file, errors)
        expires_on, date_ok = _expiry(spec, upload.expires, submitted_on, errors)
        if content_ok and date_ok:
            checked.append(CheckedDocument(spec, upload.file, expires_on))
    return checked


def _content_ok(spec: DocumentSpec, upload, errors: Problems) -> bool:
    try:
        read_checked(upload, file_field(spec), pick(spec.name, current_language()))
    except UploadRefused as refused:
        errors[file_field(spec)] = [refused.message]
        if errors.status == 422:
            errors.status = refused.status
        return False
    finally:
        upload.stream.seek(0)  # stored from the start once everything passed
    return True


def _expiry(spec: DocumentSpec, raw: str, submitted_on: date, errors: dict) -> tuple[date | None, bool]:
    name = pick(spec.name, current_language())
    if not raw:
        if spec.has_expiry:
            errors[expiry_field(spec)] = [_("Enter the expiry date of “{document}”.").format(document=name)]
            return None, False
        return None, True
    try:
        expires_on = parse_expiry(raw).day
    except ExpiryError as invalid:
        errors[expiry_field(spec)] = [_("The expiry date of “{document}”: {reason}").format(
            document=name, reason=invalid.reason)]
        return None, False
    if spec.must_be_valid_at_submission and expires_on < submitted_on:
        errors[expiry_field(spec)] = [DocumentProblem(spec.key, spec.name, EXPIRED, expires_on).message(submitted_on)]
        return expires_on, False
    return expires_on, True


def store_documents(case, documents: list[CheckedDocument]) -> list:
    """Store each checked document on the case, each an entry on its timeline (and in the audit log)."""
    stored = []
    for item in documents:
        document = store_upload(item.file, kind=item.spec.key, expires_on=item.expires_on, case_id=case.id,
                                actor=None, label=pick(item.spec.name, current_language()))
        log(case, "document_uploaded", None, document_id=document.id, document_kind=item.spec.key,
            name=dict(item.spec.name), expires_on=item.expires_on.isoformat() if item.expires_on else None,
            via=VIA_PORTAL)
        stored.append(document)
    return stored
