"""Files written as part of a database transaction: removed again if that transaction rolls back.

A new association's logo is written before the onboarding commits; if anything
later fails, the rollback takes the file with it, so no half-made tenant leaves
files behind.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import event
from sqlalchemy.orm import Session

from wasl.db import WaslSession
from wasl.kernel.files import write_atomically

STAGED_KEY = "wasl.staged_files"


def write_staged(session, path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` now; forget it on commit, delete it on rollback."""
    real = session() if callable(session) and not isinstance(session, Session) else session
    write_atomically(path, data)
    real.info.setdefault(STAGED_KEY, []).append(path)


def _forget(session, *args) -> None:
    if session.in_nested_transaction():
        return
    session.info.pop(STAGED_KEY, None)


def _remove(session, previous_transaction) -> None:
    for path in session.info.pop(STAGED_KEY, []):
        Path(path).unlink(missing_ok=True)


def install(session_class=WaslSession) -> None:
    """Attach the listeners once; safe to call from every app factory."""
    if event.contains(session_class, "after_commit", _forget):
        return
    event.listen(session_class, "after_commit", _forget)
    event.listen(session_class, "after_soft_rollback", _remove)
