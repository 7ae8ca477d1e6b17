"""The periodic outbox sweep: nothing waits forever, whatever happened to Redis or a worker.

Across every association it (1) re-opens rows stuck in ``sending`` longer
than the lease (their worker died mid-send; the next attempt reuses the same
idempotency key) and (2) collects due ``pending``/``failed`` rows whose job
may have been lost (Redis down at commit, a flushed queue). Every worker
process sweeps on its own clock (``wasl.notifications.worker.Upkeep``): on
PostgreSQL both steps lock with ``FOR UPDATE SKIP LOCKED`` so concurrent sweeps
share the work, and re-opening re-checks the row's state in its UPDATE.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import or_, select, update

from wasl.db import db, utcnow
from wasl.notifications import config
from wasl.notifications.models import Notification, NotificationAttempt, NotificationStatus, Outcome
from wasl.tenancy.models import Tenant, TenantStatus
from wasl.tenancy.scope import tenant_scope

INTERRUPTED = "the worker stopped during this attempt; the lease expired"


def _locked(statement):
    return statement.limit(config.setting("SWEEP_BATCH")).with_for_update(skip_locked=True, of=Notification)


def _reopen_stuck(now: datetime) -> list[tuple[int, int]]:
    cutoff = now - timedelta(seconds=config.setting("SENDING_LEASE"))
    rows = db.session.execute(_locked(
        select(Notification.id, Notification.tenant_id, Notification.attempts, Notification.max_attempts)
        .where(Notification.status == NotificationStatus.SENDING, Notification.claimed_at < cutoff)
        .order_by(Notification.claimed_at)
    )).all()
    if not rows:
        return []
    ids = [r.id for r in rows]
    # Every write re-checks "still sending, claimed before the cutoff": where no row lock is taken
    # (SQLite), a sweep of another worker that got there first leaves nothing for this one to undo.
    still_stuck = (Notification.status == NotificationStatus.SENDING, Notification.claimed_at < cutoff)
    db.session.execute(
        update(NotificationAttempt)
        .where(NotificationAttempt.notification_id.in_(select(Notification.id)
                                                       .where(Notification.id.in_(ids), *still_stuck)),
               NotificationAttempt.finished_at.is_(None))
        .values(outcome=Outcome.INTERRUPTED, finished_at=now, detail=INTERRUPTED)
        .execution_options(synchronize_session=False))
    exhausted = [r.id for r in rows if r.attempts >= r.max_attempts]
    retry = [r for r in rows if r.attempts < r.max_attempts]
    _set(exhausted, *still_stuck, status=NotificationStatus.DEAD, last_error=INTERRUPTED)
    reopened = _set([r.id for r in retry], *still_stuck, status=NotificationStatus.PENDING, next_attempt_at=now,
                    enqueued_at=now, last_error=INTERRUPTED)
    return [(r.tenant_id, r.id) for r in retry if r.id in reopened]


def _set(ids: list[int], *conditions, **values) -> set[int]:
    """Update the rows of ``ids`` that still meet ``conditions``; returns the ids it changed."""
    if not ids:
        return set()
    if not conditions:
        db.session.execute(update(Notification).where(Notification.id.in_(ids)).values(**values)
                           .execution_options(synchronize_session=False))
        return set(ids)
    changed = db.session.execute(update(Notification).where(Notification.id.in_(ids), *conditions)
                                 .values(**values).returning(Notification.id)
                                 .execution_options(synchronize_session=False)).scalars().all()
    return set(changed)


def _collect_due(now: datetime) -> list[tuple[int, int]]:
    grace = now - timedelta(seconds=config.setting("REQUEUE_AFTER"))
    rows = db.session.execute(_locked(
        select(Notification.id, Notification.tenant_id)
        .join(Tenant, Tenant.id == Notification.tenant_id)
        .where(Tenant.status == TenantStatus.ACTIVE,
               Notification.status.in_([NotificationStatus.PENDING, NotificationStatus.FAILED]),
               Notification.next_attempt_at <= now,
               or_(Notification.enqueued_at.is_(None), Notification.enqueued_at <= grace))
        .order_by(Notification.next_attempt_at)
    )).all()
    _set([r.id for r in rows], enqueued_at=now)
    return [(r.tenant_id, r.id) for r in rows]


def sweep(now: datetime | None = None) -> list[tuple[int, int]]:
    """Re-open stuck rows and collect due ones, in every association; returns ``(tenant_id, id)`` to enqueue."""
    now = now or utcnow()
    with tenant_scope(db.session, all_tenants=True):
        try:
            pairs = _reopen_stuck(now) + _collect_due(now)
            db.session.commit()
        except Exception:
            db.session.rollback()
            raise
    return pairs
