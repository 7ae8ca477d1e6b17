"""The RQ workers the ``worker`` command runs: JSON serializer, scheduler on, periodic jobs kept booked.

By default jobs run inside the worker process (RQ's SimpleWorker): a
notification job is a few queries and one HTTP call, and forking a work-horse
per job costs more than the job itself (imports, compiled statements and
connections all start cold in every horse). ``--fork`` gives each job its own
process instead, for isolation. Either way a job is bounded by its timeout,
and a worker that dies mid-job leaves a ``sending`` row the sweep re-opens.
"""

from __future__ import annotations

import secrets

from rq import SimpleWorker, Worker
from rq.serializers import JSONSerializer

from wasl.notifications import dispatch, schedule


class _BooksPeriodicJobs:
    def run_maintenance_tasks(self):
        super().run_maintenance_tasks()
        schedule.ensure_all(self.queues[0])


class WaslWorker(_BooksPeriodicJobs, SimpleWorker):
    """Runs jobs in its own process and re-books the periodic jobs at each maintenance pass."""


class WaslForkingWorker(_BooksPeriodicJobs, Worker):
    """Forks a work-horse per job."""


def build_worker(queue_names: list[str], name: str | None = None, fork: bool = False) -> Worker:
    connection = dispatch.worker_connection()
    queues = [dispatch.notification_queue(connection=connection, name=n) for n in queue_names]
    worker_class = WaslForkingWorker if fork else WaslWorker
    return worker_class(queues, connection=connection, serializer=JSONSerializer, name=name)


def prepare(worker: Worker) -> None:
    """Book the periodic jobs and sweep once now, so rows a crash left behind go out at start-up."""
    queue = worker.queues[0]
    schedule.ensure_all(queue)
    queue.enqueue(schedule.periodic("outbox-sweep").func, job_timeout=120, result_ttl=600,
                  job_id=f"{queue.name}-startup-sweep-{secrets.token_hex(4)}")
