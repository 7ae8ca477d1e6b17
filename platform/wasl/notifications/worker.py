"""The RQ workers the ``worker`` command runs: JSON serializer, periodic jobs kept booked, upkeep in every process.

By default jobs run inside the worker process (RQ's SimpleWorker): a
notification job is a few queries and one HTTP call, and forking a work-horse
per job costs more than the job itself (imports, compiled statements and
connections all start cold in every horse). ``--fork`` gives each job its own
process instead, for isolation. Either way a job is bounded by its timeout,
and a worker that dies mid-job leaves a ``sending`` row the sweep re-opens.

The sweep does not wait for RQ's scheduler. RQ lets one scheduler per queue
hold ``rq:scheduler-lock:<queue>``; a worker killed with SIGKILL leaves that
key behind for a minute, and a worker that failed to take it retries only at
its ten-minute maintenance pass. So every worker process runs ``Upkeep``, a
thread of its own: every ``NOTIFICATIONS_SWEEP_INTERVAL`` seconds it sweeps
the outbox (stuck ``sending`` rows re-opened once the lease is over, due
rows re-enqueued). Concurrent sweeps share the work through ``FOR UPDATE SKIP
LOCKED`` and conditional updates, so running one per worker is safe. The
same thread moves due scheduled jobs (backoff retries, periodic jobs) onto
their queues whenever it holds RQ's lock, trying for it every second, so a
dead holder delays them only until its key expires. A forking worker forks
its work-horses only between two steps of that thread, so a horse never
starts with a lock the thread held (SQLAlchemy's, logging's) stuck shut.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time

import redis
from flask import Flask
from rq import SimpleWorker, Worker
from rq.scheduler import RQScheduler
from rq.serializers import JSONSerializer

from wasl.db import db
from wasl.notifications import config, dispatch, schedule, sweep

log = logging.getLogger(__name__)

SCHEDULER_TICK = 1.0  # seconds between two looks at RQ's scheduled jobs, as RQ's own scheduler does


class _BooksPeriodicJobs:
    def run_maintenance_tasks(self):
        super().run_maintenance_tasks()
        schedule.ensure_all(self.queues[0])


class WaslWorker(_BooksPeriodicJobs, SimpleWorker):
    """Runs jobs in its own process and re-books the periodic jobs at each maintenance pass."""


class WaslForkingWorker(_BooksPeriodicJobs, Worker):
    """Forks a work-horse per job, never while the upkeep thread is in the middle of a step."""

    fork_guard = contextlib.nullcontext()  # the Upkeep of this process puts its lock here

    def fork_work_horse(self, job, queue):
        with self.fork_guard:
            super().fork_work_horse(job, queue)


def build_worker(queue_names: list[str], name: str | None = None, fork: bool = False) -> Worker:
    connection = dispatch.worker_connection()
    queues = [dispatch.notification_queue(connection=connection, name=n) for n in queue_names]
    worker_class = WaslForkingWorker if fork else WaslWorker
    return worker_class(queues, connection=connection, serializer=JSONSerializer, name=name)


def prepare(worker: Worker) -> None:
    """Book the periodic jobs before the first job is taken."""
    schedule.ensure_all(worker.queues[0])


class Upkeep:
    """The outbox sweep and the scheduled-job mover of one worker process, on a thread of their own."""

    def __init__(self, app: Flask, worker: Worker, logging_level: str | int = logging.INFO):
        self.app = app
        self.queue_name = worker.queues[0].name  # the notification queue (the command names it first)
        with app.app_context():
            # A read timeout, unlike the worker's blocking client: a hung Redis must not hold the
            # thread (and with it the forking of work-horses) for ever.
            self.connection = redis.Redis.from_url(config.setting("REDIS_URL"), socket_connect_timeout=5,
                                                   socket_timeout=10)
            self.sweep_every = float(app.config["NOTIFICATIONS_SWEEP_INTERVAL"])
        self.scheduler = RQScheduler(worker.queues, connection=self.connection, interval=int(SCHEDULER_TICK),
                                     logging_level=logging_level, serializer=JSONSerializer,
                                     name=f"{worker.name}-scheduler")
        self.stopped = threading.Event()
        self.thread: threading.Thread | None = None
        self.busy = threading.Lock()  # held during each step; a forking worker forks outside it
        worker.fork_guard = self.busy

    def sweep_once(self) -> int:
        """Re-open expired leases and re-enqueue due rows; returns how many jobs it enqueued."""
        with self.app.app_context():
            try:
                pairs = sweep.sweep()
                if pairs:
                    dispatch.enqueue(pairs, dispatch.notification_queue(connection=self.connection,
                                                                        name=self.queue_name))
                    log.info("outbox sweep: %d notification(s) enqueued", len(pairs))
                return len(pairs)
            finally:
                db.session.remove()

    def schedule_once(self) -> bool:
        """Move due scheduled jobs onto their queues if this process holds (or now takes) RQ's lock."""
        if not self.scheduler.acquire_locks():
            return False
        self.scheduler.enqueue_scheduled_jobs()
        return True

    def run_once(self) -> None:
        """One pass of both, then let the lock go: what a ``--burst`` worker does before its jobs."""
        try:
            self._safely(self.sweep_once, "outbox sweep")
            self._safely(self.schedule_once, "moving scheduled jobs")
        finally:
            self._safely(self.scheduler.release_locks, "releasing the scheduler lock")

    def start(self) -> None:
        self.thread = threading.Thread(target=self._run, name="wasl-upkeep", daemon=True)
        self.thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        self.stopped.set()
        if self.thread is not None:
            self.thread.join(timeout)
        self._safely(self.scheduler.release_locks, "releasing the scheduler lock")

    def _run(self) -> None:
        next_sweep = time.monotonic()  # at once: rows a crash left behind go out at start-up
        while not self.stopped.is_set():
            if time.monotonic() >= next_sweep:
                self._safely(self.sweep_once, "outbox sweep")
                next_sweep = time.monotonic() + self.sweep_every
            self._safely(self.schedule_once, "moving scheduled jobs")
            self.stopped.wait(max(0.0, min(SCHEDULER_TICK, next_sweep - time.monotonic())))

    def _safely(self, step, what: str):
        try:
            with self.busy:
                return step()
        except Exception as error:  # noqa: BLE001 - a database or Redis outage must not end the thread
            log.warning("%s failed, trying again shortly: %s: %s", what, type(error).__name__, error)
            return None
