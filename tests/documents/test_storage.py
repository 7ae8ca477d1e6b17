"""Storing uploads: checked by content, written per association, gone again when the write fails."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from tests.support.files import HTML_BYTES, PDF_BYTES, SCRIPT_BYTES, image_bytes, upload
from wasl.audit.models import AuditEvent
from wasl.db import db
from wasl.documents import sniffing
from wasl.documents.errors import UploadRefused
from wasl.documents.models import Document
from wasl.documents.services import open_document, store_upload
from wasl.tenancy.scope import tenant_scope


def files_under(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def root(app) -> Path:
    path = Path(app.config["WASL_UPLOAD_DIR"])
    path.mkdir(parents=True, exist_ok=True)
    return path


def test_pdf_is_stored_with_its_digest_under_the_tenant_folder(world, root):
    with tenant_scope(db.session, world["mine"].id):
        document = store_upload(upload(PDF_BYTES, "هوية وطنية.pdf"), kind="national_id",
                                expires_on=date(2030, 1, 1), actor=world["officer"])
        db.session.commit()
        opened = open_document(document.id)
    digest = hashlib.sha256(PDF_BYTES).hexdigest()
    assert document.sha256 == digest and document.size_bytes == len(PDF_BYTES)
    assert document.content_type == "application/pdf" and document.original_name == "هوية وطنية.pdf"
    assert document.uploaded_by_id == world["officer"].id and document.kind == "national_id"
    tenant_part, prefix, name = document.storage_key.split("/")
    assert tenant_part == str(world["mine"].id) and prefix == digest[:2] and len(name) == 32
    assert opened.path == (root / document.storage_key).resolve()
    assert opened.path.read_bytes() == PDF_BYTES
    assert not any(p.name.startswith(".upload-") for p in opened.path.parent.iterdir())


def test_png_named_pdf_is_recorded_as_png(world):
    with tenant_scope(db.session, world["mine"].id):
        document = store_upload(upload(image_bytes("PNG"), "scan.pdf"), actor=world["officer"])
        assert document.content_type == "image/png"
        assert open_document(document.id).download_name == "scan.png"


def test_jpeg_is_accepted(world):
    with tenant_scope(db.session, world["mine"].id):
        assert store_upload(upload(image_bytes("JPEG"), "photo"), actor=None).content_type == "image/jpeg"


@pytest.mark.parametrize("data", [SCRIPT_BYTES, HTML_BYTES, b"%PDF-1.4\nno end marker", b"\x89PNG\r\n\x1a\nforged",
                                  b"\xff\xd8\xff\xe0 not really a jpeg", image_bytes("GIF")])
def test_anything_else_is_refused_and_nothing_is_written(world, root, data):
    before = files_under(root)
    with tenant_scope(db.session, world["mine"].id), pytest.raises(UploadRefused) as refused:
        store_upload(upload(data, "innocent.pdf", field="id_card"), actor=None, label="National ID")
    assert refused.value.status == 415 and refused.value.field == "id_card"
    assert "National ID" in refused.value.messages["id_card"][0]
    assert files_under(root) == before


def test_signatures_are_read_from_the_bytes():
    assert sniffing.signature_type(b"%PDF-1.7") == "application/pdf"
    assert sniffing.signature_type(b"#!/bin/sh") is None
    assert sniffing.detect(PDF_BYTES) == "application/pdf"


def test_rolled_back_transaction_removes_the_file(world, root):
    with tenant_scope(db.session, world["mine"].id):
        document = store_upload(upload(PDF_BYTES, "a.pdf"), actor=None)
        path = root / document.storage_key
        assert path.is_file()
    db.session.rollback()
    assert not path.exists()


def test_failed_insert_leaves_no_orphan_file(world, root):
    class Ghost:
        id = 987654321  # no such user: the foreign key refuses the row

    before = files_under(root)
    with tenant_scope(db.session, world["mine"].id):
        with pytest.raises(IntegrityError):
            store_upload(upload(PDF_BYTES, "a.pdf"), actor=Ghost())
        assert files_under(root) == before
        db.session.rollback()


def test_committed_upload_keeps_its_file_and_audit_event(world, root):
    with tenant_scope(db.session, world["mine"].id):
        document = store_upload(upload(PDF_BYTES, "a.pdf"), actor=world["officer"])
        db.session.commit()
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "document.uploaded"))
        assert (root / document.storage_key).is_file()
        assert event.object_id == str(document.id) and event.details["sha256"] == document.sha256


def test_other_association_cannot_open_it(world):
    with tenant_scope(db.session, world["mine"].id):
        document_id = store_upload(upload(PDF_BYTES, "a.pdf"), actor=None).id
        db.session.commit()
    with tenant_scope(db.session, world["theirs"].id):
        assert db.session.scalar(select(Document).where(Document.id == document_id)) is None
