"""Drill: the uploads an attacker or a confused scanner sends, each answered 4xx problem+json, nothing kept.

A script renamed .pdf, an HTML page renamed .png, a file one byte over the limit,
an empty file — refused with the field named, and neither a row nor a stored
file remains. A path in the file's name (../../) never reaches the file system:
the stored file's key is the server's own and the name kept is only its last part.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import current_app
from sqlalchemy import func, select

from tests.documents.conftest import api_upload, world  # noqa: F401 - fixtures used here
from tests.support.files import HTML_BYTES, PDF_BYTES, SCRIPT_BYTES
from wasl.db import db
from wasl.documents.models import Document
from wasl.documents.storage import path_of
from wasl.tenancy.scope import tenant_scope

LIMIT = 4096


def _kept(association) -> tuple[int, list[Path]]:
    with tenant_scope(db.session, association["mine"].id):
        rows = db.session.scalar(select(func.count(Document.id)))
    root = Path(current_app.config["WASL_UPLOAD_DIR"])
    return rows, sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.mark.parametrize(("name", "data", "filename", "status"), [
    ("script renamed .pdf", SCRIPT_BYTES, "invoice.pdf", 415),
    ("HTML renamed .png", HTML_BYTES, "photo.png", 415),
    ("one byte over the limit", PDF_BYTES + b" " * (LIMIT + 1 - len(PDF_BYTES)), "big.pdf", 413),
    ("zero bytes", b"", "empty.pdf", 422),
    ("a script with a path in its name", SCRIPT_BYTES, "../../../../etc/cron.d/job.pdf", 415),
])
def test_a_refused_upload_leaves_nothing(app, api_upload, world, monkeypatch, name, data, filename, status):  # noqa: F811
    monkeypatch.setitem(app.config, "WASL_MAX_UPLOAD_BYTES", LIMIT)
    before = _kept(world)
    answer = api_upload(data, filename)
    assert answer.status_code == status, (name, answer.get_json())
    assert answer.mimetype == "application/problem+json" and "file" in answer.get_json()["errors"], name
    assert _kept(world) == before, name


def test_a_path_in_the_name_never_reaches_the_file_system(app, api_upload, world):  # noqa: F811
    answer = api_upload(PDF_BYTES, "../../../../etc/passwd.pdf")
    assert answer.status_code == 201, answer.get_json()
    root = Path(current_app.config["WASL_UPLOAD_DIR"]).resolve()
    with tenant_scope(db.session, world["mine"].id):
        document = db.session.get(Document, answer.get_json()["id"])
        stored = Path(path_of(document.storage_key)).resolve()
        assert ".." not in document.storage_key and "/" not in document.original_name
        assert document.original_name.endswith("passwd.pdf")
    assert stored.is_relative_to(root) and stored.read_bytes() == PDF_BYTES
    assert not (root.parent / "etc").exists()
