"""The periodic jobs, declared in one list, and how they keep themselves scheduled on RQ.

Each periodic job runs once per time slot (``every`` seconds). Its job id names
the slot, so however many workers ask for it to be scheduled there is one job
per slot; every run first schedules the next slot, and each worker re-checks
the whole list when it starts and at its maintenance interval, so a lost job
(Redis restarted empty) is replaced within minutes. The worker command moves
due jobs onto the queue from a thread of every worker process, whichever holds
RQ's scheduler lock (``wasl.notifications.worker.Upkeep``); the outbox sweep
does not depend on this job, since every worker also sweeps on its own clock.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from flask import current_app
from rq import Queue
from rq.job import Job

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    func: str
    every_setting: str  # app config key holding the interval in seconds
    timeout: int


PERIODIC_JOBS: tuple[PeriodicJob, ...] = (
    PeriodicJob("outbox-sweep", "wasl.notifications.tasks.sweep_outbox", "NOTIFICATIONS_SWEEP_INTERVAL", 120),
    PeriodicJob("decision-due-reminders", "wasl.notifications.tasks.decision_due_reminders",
                "NOTIFICATIONS_REMINDER_INTERVAL", 600),
    PeriodicJob("overdue-escalation", "wasl.notifications.tasks.overdue_escalation",
                "NOTIFICATIONS_REMINDER_INTERVAL", 600),
    PeriodicJob("personal-data-retention", "wasl.privacy.tasks.apply_retention", "PRIVACY_RETENTION_INTERVAL", 3600),
)


def periodic(name: str) -> PeriodicJob:
    return next(job for job in PERIODIC_JOBS if job.name == name)


def _slot_job_id(queue: Queue, job: PeriodicJob, slot: int) -> str:
    return f"{queue.name}-periodic-{job.name}-{slot}"


def ensure_next(queue: Queue, job: PeriodicJob, now: float | None = None) -> str:
    """Schedule ``job`` for the next slot unless that slot already has its job; returns the job id."""
    every = int(current_app.config[job.every_setting])
    slot = int((now or time.time()) // every) + 1
    job_id = _slot_job_id(queue, job, slot)
    if not Job.exists(job_id, connection=queue.connection):
        queue.enqueue_at(datetime.fromtimestamp(slot * every, UTC), job.func, job_id=job_id,
                         job_timeout=job.timeout, result_ttl=3 * every, failure_ttl=24 * 3600,
                         meta={"periodic": job.name})
    return job_id


def ensure_all(queue: Queue) -> list[str]:
    return [ensure_next(queue, job) for job in PERIODIC_JOBS]


def continue_chain(name: str) -> None:
    """Called first thing by a periodic job: book the next run before doing this one's work."""
    from rq import get_current_job

    from wasl.notifications.dispatch import notification_queue

    current = get_current_job()
    if current is None or not (current.meta or {}).get("periodic"):
        return
    queue = notification_queue(connection=current.connection, name=current.origin)
    ensure_next(queue, periodic(name))
