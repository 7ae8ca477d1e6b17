"""Background jobs: handed to RQ once the transaction that asked for them has committed, and never lost.

Work reaches the workers in two shapes. Notifications are collected by their
outbox as rows are flushed; the long jobs (a list export, a beneficiary
import, an association's archive) each have a row of their own that says how
far they are. Both are handed on by ``after_commit``: only once the outermost
transaction has committed, so a worker never looks for a row that does not
exist yet, and a rollback hands on nothing.

A long job's row waits (``queued``) until a worker claims it. When Redis does
not answer, the job is never run inside the request: the row stays queued and
is enqueued when its page or status is next read (``ensure_enqueued``) or by
its feature's ``requeue`` command (``requeue_waiting``). Enqueuing twice is
harmless, since each job claims its row with a conditional update. Job
arguments are ids only. Every long job goes to one queue, ``WASL_EXPORT_QUEUE``
(``default``), which ``flask worker`` serves next to the notifications'.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app, has_app_context
from sqlalchemy import Integer, Text, event, select, update
from sqlalchemy.orm import Mapped, mapped_column, scoped_session

from wasl.db import UtcDateTime, WaslSession, db, utcnow
from wasl.ratelimit import redis_answers
from wasl.tenancy.scope import tenant_scope

log = logging.getLogger(__name__)
HOOKS_KEY = "wasl.jobs.after_commit"
COMMITTED_KEY = "wasl.jobs.committed"
QUEUE_SETTING = "WASL_EXPORT_QUEUE"
DEFAULT_QUEUE = "default"
DEFAULT_REQUEUE_AFTER = 120
JOB_TIMEOUT_SECONDS = 3600


# --- after commit ---------------------------------------------------------------------------------------


def after_commit(session, hook: Callable[[list], None], item) -> None:
    """Call ``hook`` once the session's outermost transaction commits, with ``item`` and every other item
    given to the same hook in that transaction (each once, in order); a rollback forgets them."""
    real = session() if isinstance(session, scoped_session) else session
    real.info.setdefault(HOOKS_KEY, {}).setdefault(hook, {})[item] = None


def _note_commit(session) -> None:
    if HOOKS_KEY in session.info and not session.in_nested_transaction():
        session.info[COMMITTED_KEY] = True


def _run_hooks(session, transaction) -> None:
    # The hooks run once the transaction is over, so they may use the session again (to note that a
    # job was enqueued, say); a savepoint ending is not the end of the transaction.
    if transaction.parent is not None:
        return
    committed = session.info.pop(COMMITTED_KEY, False)
    hooks = session.info.pop(HOOKS_KEY, None)
    if not hooks or not committed:
        return
    if not has_app_context():
        log.warning("%d background hand-over(s) committed outside an app context are left to the sweeps",
                    sum(len(items) for items in hooks.values()))
        return
    for hook, items in hooks.items():
        try:
            hook(list(items))
        except Exception:  # noqa: BLE001 - the commit stands; what the hook missed is found again later
            log.exception("handing on after commit failed in %s", getattr(hook, "__qualname__", hook))
            session.rollback()


def install(session_class=WaslSession) -> None:
    """Attach the listeners once; idempotent like the tenancy listeners."""
    if event.contains(session_class, "after_commit", _note_commit):
        return
    event.listen(session_class, "after_commit", _note_commit)
    event.listen(session_class, "after_transaction_end", _run_hooks)


# --- the queue ------------------------------------------------------------------------------------------


def queue_name() -> str:
    """The queue every long job goes to (the worker serves it next to the notifications' queue)."""
    return current_app.config.get(QUEUE_SETTING, DEFAULT_QUEUE)


def _queue():
    from redis import Redis
    from rq import Queue
    from rq.serializers import JSONSerializer

    url = current_app.config["REDIS_URL"]
    clients = current_app.extensions.setdefault(_REDIS_KEY, {})
    if url not in clients:  # one client (and its connection pool) per process and address, not one per job
        clients[url] = Redis.from_url(url)
    return Queue(queue_name(), connection=clients[url], serializer=JSONSerializer)


_REDIS_KEY = "wasl_jobs_redis"


def in_app_context(body: Callable, *args) -> None:
    """Run a job's body inside an application context, making one when the worker has none."""
    if has_app_context():
        body(*args)
        return
    from wasl import create_app

    with create_app().app_context():
        body(*args)


# --- long jobs with a row of their own ------------------------------------------------------------------


class JobProgress:
    """The columns every long job's row has: rows counted and done, when it was handed to Redis, started,
    last beat and finished, and why it failed."""

    row_count: Mapped[int] = mapped_column(Integer, default=0)
    processed_rows: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    enqueued_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    heartbeat_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


@dataclass(frozen=True)
class JobKind:
    """One kind of long job: its row, its RQ entry point (called with the row's id and tenant id), the
    status of a row that waits for a worker and, with a lease, of one whose worker may have died."""

    label: str
    model: type
    entry_point: Callable[[int, int], None]
    waiting: enum.Enum
    running: enum.Enum
    requeue_setting: str
    lease_seconds: Callable[[], int] | None = None

    def requeue_after(self) -> timedelta:
        return timedelta(seconds=int(current_app.config.get(self.requeue_setting, DEFAULT_REQUEUE_AFTER)))


def put(kind: JobKind, row_id: int, tenant_id: int) -> bool:
    """Hand one job to RQ; False when Redis does not answer (its row waits, queued)."""
    from redis import RedisError

    if not redis_answers(current_app.config["REDIS_URL"]):
        log.warning("%s %s waits: Redis does not answer; it is enqueued when it next can be", kind.label, row_id)
        return False
    try:
        _queue().enqueue(kind.entry_point, row_id, tenant_id, job_timeout=JOB_TIMEOUT_SECONDS,
                         description=f"{kind.label} {row_id} of tenant {tenant_id}")
    except RedisError:
        log.warning("%s %s waits: enqueuing failed", kind.label, row_id, exc_info=True)
        return False
    return True


def _enqueue(kind: JobKind, row_id: int, tenant_id: int) -> bool:
    if not put(kind, row_id, tenant_id):
        return False
    with tenant_scope(db.session, tenant_id):
        db.session.execute(update(kind.model).where(kind.model.id == row_id).values(enqueued_at=utcnow())
                           .execution_options(synchronize_session=False))
        db.session.commit()
    return True


def enqueue(kind: JobKind, row) -> bool:
    """Put the row's job on the queue now and note when (committed); False when Redis is down."""
    tenant_id = row.tenant_id
    if not _enqueue(kind, row.id, tenant_id):
        return False
    with tenant_scope(db.session, tenant_id):
        db.session.refresh(row)  # read back in its own scope: the caller may have none (the operator's pages)
    return True


def enqueue_after_commit(kind: JobKind, row) -> None:
    """Enqueue the row's job once the current transaction commits, so the worker finds the row."""
    db.session.flush()
    after_commit(db.session, _enqueue_committed, (kind, row.id, row.tenant_id))


def _enqueue_committed(items: list) -> None:
    for kind, row_id, tenant_id in items:
        _enqueue(kind, row_id, tenant_id)


def if_left_waiting(kind: JobKind, row, then: Callable[[], None]) -> None:
    """Once the current transaction has committed, call ``then`` if the row's job could not be handed to
    Redis (so a page can say that it waits); called after ``enqueue_after_commit`` for the same row."""
    after_commit(db.session, _call_if_waiting, (kind, row.id, row.tenant_id, then))


def _call_if_waiting(items: list) -> None:
    for kind, row_id, tenant_id, then in items:
        with tenant_scope(db.session, tenant_id):
            enqueued_at = db.session.scalar(select(kind.model.enqueued_at).where(kind.model.id == row_id))
        if enqueued_at is None:
            then()


def needs_enqueuing(kind: JobKind, row) -> bool:
    """Waiting but never (or long ago) handed to Redis, or running with a worker that stopped beating."""
    now = utcnow()
    if row.status == kind.waiting:
        return row.enqueued_at is None or row.enqueued_at < now - kind.requeue_after()
    if row.status == kind.running and kind.lease_seconds is not None:
        lease = timedelta(seconds=kind.lease_seconds())
        return row.heartbeat_at is not None and row.heartbeat_at < now - lease
    return False


def ensure_enqueued(kind: JobKind, row) -> None:
    """Called when a job's page or status is read: hand a waiting job to Redis once it answers."""
    if needs_enqueuing(kind, row):
        enqueue(kind, row)


def requeue_waiting(kind: JobKind) -> int:
    """Enqueue every job of ``kind`` that waits for Redis, in every association; returns how many."""
    with tenant_scope(db.session, all_tenants=True):
        waiting = list(db.session.execute(select(kind.model.id, kind.model.tenant_id)
                                          .where(kind.model.status.in_([kind.waiting, kind.running]))))
    count = 0
    for row_id, tenant_id in waiting:
        with tenant_scope(db.session, tenant_id):
            row = db.session.scalar(select(kind.model).where(kind.model.id == row_id))
            if row is not None and needs_enqueuing(kind, row) and enqueue(kind, row):
                count += 1
    return count
