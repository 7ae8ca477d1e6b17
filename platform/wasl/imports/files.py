"""Where an uploaded register is kept: the upload folder of its association, beside its documents.

The bytes are written before the import's row and removed again if that
transaction does not commit (see ``wasl.documents.storage``).
"""

from __future__ import annotations

import uuid

from wasl.db import db
from wasl.documents import storage


def new_key(tenant_id: int) -> str:
    return f"{int(tenant_id)}/imports/{uuid.uuid4().hex}"


def store(storage_key: str, data: bytes) -> None:
    storage.write_atomically(db.session, storage_key, data)


def read(storage_key: str) -> bytes:
    return storage.path_of(storage_key).read_bytes()
