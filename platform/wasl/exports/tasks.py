"""The export as an RQ job on the export queue, which ``flask worker`` (and the demo's worker) serves.

The job receives ids only. It is enqueued after the commit that asked for the
export; when Redis does not answer, the export stays ``queued`` (it never runs
inside the request) and is enqueued when its page is next read, or by
``flask exports requeue``. Enqueuing twice is harmless: the job claims its
export with a conditional update, so only one run writes.
"""

from __future__ import annotations

import logging
from datetime import timedelta

import click
from flask import current_app, has_app_context
from flask.cli import AppGroup
from sqlalchemy import select, update

from wasl.db import db, utcnow
from wasl.exports.models import ExportJob, ExportJobStatus
from wasl.ratelimit import redis_answers
from wasl.tenancy.scope import tenant_scope

log = logging.getLogger(__name__)
JOB_TIMEOUT_SECONDS = 3600
DEFAULT_REQUEUE_AFTER = 120


def run_export_job(export_id: int, tenant_id: int) -> None:
    """The RQ entry point: writes the file inside an application context."""
    from wasl.exports.writing import run_export

    if has_app_context():
        run_export(int(export_id), int(tenant_id))
        return
    from wasl import create_app

    with create_app().app_context():
        run_export(int(export_id), int(tenant_id))


def _queue():
    from redis import Redis
    from rq import Queue
    from rq.serializers import JSONSerializer

    connection = Redis.from_url(current_app.config["REDIS_URL"])
    return Queue(current_app.config.get("WASL_EXPORT_QUEUE", "default"), connection=connection,
                 serializer=JSONSerializer)


def enqueue_export(job: ExportJob) -> bool:
    """Put the job on the queue after its commit; False (the export waits, queued) when Redis is down."""
    from redis import RedisError

    if not redis_answers(current_app.config["REDIS_URL"]):
        log.warning("list export %s waits: Redis does not answer; it is enqueued when it next can be", job.id)
        return False
    try:
        _queue().enqueue(run_export_job, job.id, job.tenant_id, job_timeout=JOB_TIMEOUT_SECONDS,
                         description=f"list export {job.id} of tenant {job.tenant_id}")
    except RedisError:
        log.warning("list export %s waits: enqueuing failed", job.id, exc_info=True)
        return False
    db.session.execute(update(ExportJob).where(ExportJob.id == job.id).values(enqueued_at=utcnow())
                       .execution_options(synchronize_session=False))
    db.session.commit()
    return True


def needs_enqueuing(job: ExportJob) -> bool:
    """Queued but never (or long ago) handed to Redis, or running with a worker that stopped beating."""
    now = utcnow()
    after = timedelta(seconds=int(current_app.config.get("WASL_EXPORT_REQUEUE_AFTER", DEFAULT_REQUEUE_AFTER)))
    if job.status == ExportJobStatus.QUEUED:
        return job.enqueued_at is None or job.enqueued_at < now - after
    if job.status == ExportJobStatus.RUNNING:
        from wasl.exports.writing import lease_seconds

        return job.heartbeat_at is not None and job.heartbeat_at < now - timedelta(seconds=lease_seconds())
    return False


def ensure_enqueued(job: ExportJob) -> None:
    """Called when an export's page is read: hand a waiting export to Redis once it answers."""
    if needs_enqueuing(job):
        enqueue_export(job)


exports_cli = AppGroup("exports", help="Exports of an association's lists.")


@exports_cli.command("requeue")
def requeue_command():
    """Enqueue every list export that waits for Redis, in every association."""
    with tenant_scope(db.session, all_tenants=True):
        waiting = list(db.session.scalars(select(ExportJob).where(
            ExportJob.status.in_([ExportJobStatus.QUEUED, ExportJobStatus.RUNNING]))))
    count = 0
    for job in waiting:
        with tenant_scope(db.session, job.tenant_id):
            if needs_enqueuing(job) and enqueue_export(job):
                count += 1
    click.echo(f"{count} export(s) enqueued")


@exports_cli.command("prune")
def prune_command():
    """Delete every export file holding personal data past its keeping time, in every association."""
    from wasl.exports.services import prune

    with tenant_scope(db.session, all_tenants=True):
        done = list(db.session.scalars(select(ExportJob).where(
            ExportJob.status == ExportJobStatus.DONE, ExportJob.personal_data.is_(True))))
        count = sum(prune(job) for job in done)
    click.echo(f"{count} export file(s) deleted")
