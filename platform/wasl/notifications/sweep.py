"""The periodic outbox sweep: nothing waits forever, whatever happened to Redis or a worker.

Across every association it (1) re-opens rows stuck in ``sending`` longer
than the lease (their worker died mid-send; the next attempt reuses the same
idempotency key) and (2) collects due ``pending``/``failed`` rows whose job
may have been lost (Redis down at commit, a flushed queue). On PostgreSQL both
steps lock with ``FOR UPDATE SKIP LOCKED`` so concurrent sweeps share the work.
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
    lease = timedelta(seconds=config.setting("SENDING_LEASE"))
    rows = db.session.execute(_locked(
        select(Notification.id, Notification.tenant_id, Notification.attempts, Notification.max_attempts)
        .where(Notification.status == NotificationStatus.SENDING, Notification.claimed_at < now - lease)
        .order_by(Notification.claimed_at)
    )).all()
    if not rows:
        return []
    ids = [r.id for r in rows]
    db.session.execute(
        update(NotificationAttempt)
        .where(NotificationAttempt.notification_id.in_(ids), NotificationAttempt.finished_at.is_(None))
        .values(outcome=Outcome.INTERRUPTED, finished_at=now, detail=INTERRUPTED)
        .execution_options(synchronize_session=False))
    exhausted = [r.id for r in rows if r.attempts >= r.max_attempts]
    retry = [r for r in rows if r.attempts < r.max_attempts]
    _set(exhausted, status=NotificationStatus.DEAD, last_error=INTERRUPTED)
    _set([r.id for r in retry], status=NotificationStatus.PENDING, next_attempt_at=now, enqueued_at=now,
         last_error=INTERRUPTED)
    return [(r.tenant_id, r.id) for r in retry]


def _set(ids: list[int], **values) -> None:
    if ids:
        db.session.execute(update(Notification).where(Notification.id.in_(ids)).values(**values)
                           .execution_options(synchronize_session=False))


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
