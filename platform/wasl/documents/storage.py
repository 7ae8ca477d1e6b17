"""Where the bytes live: ``<upload dir>/<tenant id>/<sha256[:2]>/<uuid>``, outside the web root.

Files are written to a temporary name in their final folder and renamed into
place, so a reader never sees half a file. A file written during a transaction
that is rolled back is deleted again, so a failed database write leaves no
orphan behind.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from flask import current_app
from sqlalchemy import event

from wasl.db import WaslSession
from wasl.kernel import files

PENDING_KEY = "wasl.documents.pending_files"
DOOMED_KEY = "wasl.documents.files_to_delete"
DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# Room for the other fields of a form that carries files (checklists send several at once).
FILES_PER_REQUEST = 8


def upload_root() -> Path:
    return Path(current_app.config["WASL_UPLOAD_DIR"])


def tenant_folder(tenant_id: int) -> Path:
    """The association's upload folder; everything it stores lives under its id."""
    return Path(current_app.config["WASL_UPLOAD_DIR"]) / str(int(tenant_id))


def new_storage_key(tenant_id: int, sha256: str) -> str:
    return f"{int(tenant_id)}/{sha256[:2]}/{uuid.uuid4().hex}"


def path_of(storage_key: str) -> Path:
    """The file for ``storage_key``; keys are made here, but a stray ``..`` is refused all the same."""
    root = upload_root().resolve()
    path = (root / storage_key).resolve()
    if root not in path.parents:
        raise ValueError("storage key outside the upload directory")
    return path


def write_atomically(session, storage_key: str, data: bytes) -> Path:
    """Write ``data`` under ``storage_key``; it is removed again unless the session's transaction commits."""
    path = path_of(storage_key)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o750)
    files.write_atomically(path, data, durable=True, prefix=".upload-")
    session.info.setdefault(PENDING_KEY, []).append(path)
    return path


def delete_after_commit(session, path: Path) -> None:
    """Delete the file at ``path`` once the session's transaction commits; a rollback keeps it."""
    session.info.setdefault(DOOMED_KEY, []).append(path)


def discard(path: Path) -> None:
    _remove(path)


def _remove(path: Path) -> None:
    path.unlink(missing_ok=True)


def _forget_pending(session) -> None:
    session.info.pop(PENDING_KEY, None)
    for path in session.info.pop(DOOMED_KEY, []):
        _remove(path)


def _delete_unless_committed(session, transaction) -> None:
    # Runs when the outermost transaction ends; a commit has already forgotten its files by then.
    if transaction.parent is not None:
        return
    session.info.pop(DOOMED_KEY, None)  # rolled back: the rows that named these files are still there
    for path in session.info.pop(PENDING_KEY, []):
        _remove(path)


def install(session_class=WaslSession) -> None:
    """Tie written files to the fate of the transaction that recorded them; idempotent."""
    if event.contains(session_class, "after_commit", _forget_pending):
        return
    event.listen(session_class, "after_commit", _forget_pending)
    event.listen(session_class, "after_transaction_end", _delete_unless_committed)


def init_app(app) -> None:
    limit = int(app.config.get("WASL_MAX_UPLOAD_BYTES") or DEFAULT_MAX_UPLOAD_BYTES)
    app.config["WASL_MAX_UPLOAD_BYTES"] = limit
    app.config.setdefault("MAX_CONTENT_LENGTH", None)
    if app.config["MAX_CONTENT_LENGTH"] is None:
        app.config["MAX_CONTENT_LENGTH"] = limit * FILES_PER_REQUEST + 1024 * 1024
    install()
