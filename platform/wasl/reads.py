"""Reads a request asks more than once, answered once until the session writes.

Building the case page, several helpers ask the same question (the case's latest
pledge, its checks of this review round, the association's roles). ``remembered``
keeps each answer for the rest of the request (on the session, so a request run
again on a fresh session asks afresh), keyed by the question, the
tenant (and beneficiary) scope it was asked in and the session's write generation: any flush,
commit or rollback starts a new generation, and while the session holds changes
not yet flushed the memo is bypassed, so a read never misses a pending write.
Outside a request nothing is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from flask import has_request_context, request
from sqlalchemy import event
from sqlalchemy.orm import Session

from wasl.db import db

T = TypeVar("T")
_MEMO = "wasl.reads"
_GENERATION = "wasl.reads.generation"


def remembered(question: Hashable, load: Callable[[], T], *, scoped: bool = True) -> T:
    """``load()``'s answer to ``question``, asked once per request and write generation.

    ``scoped=False`` is for reads of rows no tenant scope filters (a user's memberships): their
    answer is shared between the scopes the request passes through.
    """
    memo_and_key = _memo_and_key(question, scoped)
    if memo_and_key is None:
        return load()
    memo, key = memo_and_key
    if key not in memo:
        memo[key] = load()
    return memo[key]


def known(question: Hashable, answer, *, scoped: bool = True) -> None:
    """Record ``answer`` to ``question`` without asking: a broader read (one that covers it) already knows it."""
    memo_and_key = _memo_and_key(question, scoped)
    if memo_and_key is not None:
        memo, key = memo_and_key
        memo[key] = answer


def _memo_and_key(question: Hashable, scoped: bool):
    """This request's memo and the key of ``question`` in it, or None where nothing may be kept."""
    if not has_request_context():
        return None
    session = db.session()
    if session.new or session.dirty or session.deleted:
        return None
    info = session.info
    scopes = tuple(sorted((name, value) for name, value in info.items() if name.endswith("_scope"))) if scoped else ()
    # Kept on the session and tied to this request: a new session (a request run again after its
    # connection dropped) or the next request on the same session starts empty.
    holder = info.get(_MEMO)
    if holder is None or holder[0] is not request.environ:
        holder = info[_MEMO] = (request.environ, {})
    return holder[1], (info.get(_GENERATION, 0), scopes, question)


@event.listens_for(Session, "after_flush")
@event.listens_for(Session, "after_transaction_end")
@event.listens_for(Session, "after_soft_rollback")
def _new_generation(session, *_args) -> None:
    session.info[_GENERATION] = session.info.get(_GENERATION, 0) + 1
