"""Storing an upload and opening a stored document; the one path for pages, API and other features.

Everything runs inside the tenant scope of the database session and joins the
request's transaction (the unit of work commits once); the bytes are written
before the row, and removed again if that transaction does not commit. A
refused file is ``UploadRefused``; a document that is not there is ``NotFound``.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from marshmallow import ValidationError
from sqlalchemy import select

from wasl.audit.services import record
from wasl.db import db
from wasl.documents import sniffing, storage
from wasl.documents.errors import EMPTY, NOT_ACCEPTED, TOO_LARGE, UploadRefused
from wasl.documents.models import Document
from wasl.errors import NotFound, found
from wasl.tenancy.scope import TenantContextMissing, current_scope

MAX_NAME = 200


@dataclass(frozen=True)
class OpenedDocument:
    document: Document
    path: Path

    @property
    def download_name(self) -> str:
        """The uploaded name, with the extension of what the file really is."""
        stem = Path(self.document.original_name).stem or "document"
        return stem + sniffing.EXTENSIONS[self.document.content_type]


def max_upload_bytes() -> int:
    return int(current_app.config["WASL_MAX_UPLOAD_BYTES"])


def store_upload(file_storage, *, kind: str | None = None, expires_on: date | None = None,
                 case_id: int | None = None, actor, label: str | None = None) -> Document:
    """Check an uploaded file by its content and size, store it, and add its Document; UploadRefused if not."""
    field = getattr(file_storage, "name", None) or "file"
    tenant_id = _tenant_id()
    if case_id is not None:
        _require_case(case_id)
    data, content_type = read_checked(file_storage, field, label or _("File"))
    digest = hashlib.sha256(data).hexdigest()
    document = Document(
        tenant_id=tenant_id,
        original_name=clean_name(file_storage.filename),
        content_type=content_type,
        size_bytes=len(data),
        sha256=digest,
        storage_key=storage.new_storage_key(tenant_id, digest),
        kind=kind,
        expires_on=expires_on,
        case_id=case_id,
        uploaded_by_id=actor.id if actor is not None else None,
    )
    path = storage.write_atomically(db.session, document.storage_key, data)
    try:
        db.session.add(document)
        db.session.flush()
    except Exception:
        storage.discard(path)
        raise
    record("document.uploaded", document, sha256=digest, size=len(data), content_type=document.content_type,
           kind=kind, case_id=case_id)
    return document


def read_checked(file_storage, field: str, label: str) -> tuple[bytes, str]:
    """The file's bytes and real type, once known to be a non-empty PDF, JPEG or PNG within the size limit."""
    limit = max_upload_bytes()
    data = file_storage.stream.read(limit + 1) if file_storage is not None else b""
    if not data:
        raise UploadRefused(EMPTY, field, _("“{field}”: the file is empty or missing. Choose a file to upload.")
                            .format(field=label))
    if len(data) > limit:
        raise UploadRefused(TOO_LARGE, field, _("“{field}” is larger than the limit of {limit}.")
                            .format(field=label, limit=size_text(limit)))
    content_type = sniffing.detect(data)
    if content_type is None:
        raise UploadRefused(NOT_ACCEPTED, field, _(
            "“{field}” is not a PDF, JPEG or PNG file. Files are checked by their content, not their name."
        ).format(field=label))
    return data, content_type


def open_document(document_id: int) -> OpenedDocument:
    """The document with this id in the association in scope, and where its bytes are; NotFound otherwise."""
    document = found(db.session.scalar(select(Document).where(Document.id == document_id)),
                     _("This document does not exist."))
    path = storage.path_of(document.storage_key)
    if not path.is_file():
        current_app.logger.error("document %s: stored file %s is missing", document.id, document.storage_key)
        raise NotFound(_("The file of this document is no longer available."))
    return OpenedDocument(document, path)


def download(document_id: int, actor) -> OpenedDocument:
    """``open_document``, the download noted in the audit trail."""
    opened = open_document(document_id)
    record_download(opened.document, actor)
    return opened


def record_download(document: Document, actor) -> None:
    """Downloads of personal documents are part of the audit trail."""
    record("document.downloaded", document, actor_id=actor.id if actor is not None else None)


def documents_of_case(case_id: int) -> list[Document]:
    """The documents attached to a case, oldest first."""
    return list(db.session.scalars(
        select(Document).where(Document.case_id == case_id).order_by(Document.uploaded_at, Document.id)
    ))


def clean_name(filename: str | None) -> str:
    """The uploaded name without any folder part or control characters; Arabic letters are kept."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip().strip(".")
    return name[:MAX_NAME] or "document"


def size_text(size: int) -> str:
    megabytes = size / (1024 * 1024)
    if megabytes >= 1:
        return _("{size} MB").format(size=f"{megabytes:g}" if megabytes == int(megabytes) else f"{megabytes:.1f}")
    return _("{size} KB").format(size=max(1, size // 1024))


def _require_case(case_id: int) -> None:
    from wasl.cases.models import Case

    if db.session.scalar(select(Case.id).where(Case.id == case_id)) is None:
        raise ValidationError({"case_id": [_("There is no such case in this association.")]})


def _tenant_id() -> int:
    scope = current_scope(db.session)
    if scope is None or scope.write_tenant_id is None:
        raise TenantContextMissing("documents are stored for exactly one association in scope")
    return scope.write_tenant_id
