"""RQ jobs. Arguments are ids only; a delivery job sets its tenant scope from them.

Every job runs in an application context of its own, made from the worker's
app (a plain ``rq worker`` gets an app built here on first use), so nothing
cached on ``g`` or in the session crosses from one job to the next. A forked
work-horse drops the connection pool it inherited, since a database
connection must not be shared between processes.
"""

from __future__ import annotations

import functools
import importlib
import logging
import os
import time

from flask import current_app, has_app_context
from sqlalchemy import select

from wasl.db import db, utcnow
from wasl.notifications import claims, config, delivery, dispatch, schedule, sweep
from wasl.tenancy.models import Tenant, TenantStatus
from wasl.tenancy.scope import tenant_scope

log = logging.getLogger(__name__)

_state: dict = {}


class TenantRequired(ValueError):
    """A delivery job without a tenant: refused rather than run without a scope."""


def _app():
    if has_app_context():
        return current_app._get_current_object()
    if "app" not in _state:
        from wasl import create_app

        _state["app"] = create_app()
    return _state["app"]


def _fresh_pool_after_fork() -> None:
    pid = os.getpid()
    engine = db.engine
    if _state.get(id(engine)) != pid:
        # close=False: the parent's connections stay open for the parent; this process opens its own.
        engine.dispose(close=False)
        _state[id(engine)] = pid


def task(func):
    """Give an RQ job a fresh app context (its own ``g`` and session), its own connections, a clean end."""

    @functools.wraps(func)
    def run(*args, **kwargs):
        with _app().app_context():
            _fresh_pool_after_fork()
            try:
                return func(*args, **kwargs)
            finally:
                db.session.remove()

    return run


def _tenant_id(value) -> int:
    if value is None or isinstance(value, bool) or not str(value).isdigit():
        raise TenantRequired(f"delivery job refused: no tenant in its arguments ({value!r})")
    return int(value)


@task
def deliver_notification(tenant_id, notification_id) -> str:
    """Deliver one notification of one association; a job for tenant A cannot see tenant B's rows."""
    tenant = _tenant_id(tenant_id)
    with tenant_scope(db.session, tenant):
        outcome = delivery.deliver(int(notification_id))
    if outcome == "not-found":
        log.warning("notification %s not found for tenant %s", notification_id, tenant)
    return outcome


@task
def deliver_notifications(tenant_id, notification_ids) -> dict:
    """Deliver a batch of one association's notifications with the guarantees of a single delivery,
    claimed a chunk per commit. Near the job's time limit the rest is handed to a new job rather than cut off."""
    tenant = _tenant_id(tenant_id)
    ids = [int(n) for n in notification_ids]
    deadline = time.monotonic() + max(config.setting("JOB_TIMEOUT") - config.setting("HTTP_TIMEOUT") - 5, 1)
    with tenant_scope(db.session, tenant):
        try:
            outcome = claims.deliver_batch(ids, delivery.Round(), deadline)
        except Exception:  # noqa: BLE001 - what was claimed waits for the lease; the sweep tries it again
            db.session.rollback()
            log.exception("a batch of tenant %s failed; the sweep will try its notifications again", tenant)
            return {"error": len(ids)}
        if outcome.left:
            dispatch.enqueue([(tenant, n) for n in outcome.left], dispatch.notification_queue())
            outcome.add("handed-on", len(outcome.left))
    return outcome.counts


def deliver_in_app(app, tenant_id: int, notification_id: int) -> str:
    with app.app_context():
        try:
            with tenant_scope(db.session, _tenant_id(tenant_id)):
                return delivery.deliver(int(notification_id))
        finally:
            db.session.remove()


@task
def sweep_outbox() -> int:
    schedule.continue_chain("outbox-sweep")
    pairs = sweep.sweep()
    if pairs:
        dispatch.enqueue(pairs, dispatch.notification_queue())
    return len(pairs)


def sweep_in_app(app) -> list[tuple[int, int]]:
    with app.app_context():
        try:
            return sweep.sweep()
        finally:
            db.session.remove()


def _cases_reminders():
    try:
        return importlib.import_module("wasl.cases.reminders")
    except ImportError:
        return None


def _each_active_tenant(call) -> int:
    """Run ``call(tenant, now)`` in each active association's scope, committing after each."""
    total = 0
    for tenant in db.session.scalars(select(Tenant).where(Tenant.status == TenantStatus.ACTIVE)).all():
        with tenant_scope(db.session, tenant.id):
            try:
                total += call(tenant, utcnow()) or 0
                db.session.commit()
            except Exception:
                db.session.rollback()
                log.exception("reminders failed for association %s", tenant.slug)
    return total


def _run_reminder(hook: str) -> int:
    module = _cases_reminders()
    call = getattr(module, hook, None) if module is not None else None
    if call is None:
        return 0  # service requests are not built yet: nothing to remind anyone of
    return _each_active_tenant(call)


@task
def decision_due_reminders() -> int:
    """Emit ``case.decision_due_soon`` through ``wasl.cases.reminders.decision_due_soon(tenant, now)``."""
    schedule.continue_chain("decision-due-reminders")
    return _run_reminder("decision_due_soon")


@task
def overdue_escalation() -> int:
    """Emit ``case.overdue`` through ``wasl.cases.reminders.overdue(tenant, now)``."""
    schedule.continue_chain("overdue-escalation")
    return _run_reminder("overdue")
