"""The import as an RQ job on the export queue, which ``flask worker`` already serves.

The job receives ids only. It is enqueued after the commit that queued the
import; when Redis does not answer the import simply stays ``queued`` (never
run inside the request) and is enqueued again when its page or status is next
read, or by ``flask imports requeue``. Enqueuing twice is harmless: the job
claims the import with a conditional update, so only one run writes.
"""

from __future__ import annotations

import logging
from datetime import timedelta

import click
from flask import current_app, has_app_context
from flask.cli import AppGroup
from sqlalchemy import or_, select, update

from wasl.db import db, utcnow
from wasl.imports.models import BeneficiaryImport, ImportStatus
from wasl.ratelimit import redis_answers
from wasl.tenancy.scope import tenant_scope

log = logging.getLogger(__name__)
JOB_TIMEOUT_SECONDS = 3600
DEFAULT_REQUEUE_AFTER = 120


def run_import_job(import_id: int, tenant_id: int) -> None:
    """The RQ entry point: writes the import inside an application context."""
    from wasl.imports.writing import run_import

    if has_app_context():
        run_import(int(import_id), int(tenant_id))
        return
    from wasl import create_app

    with create_app().app_context():
        run_import(int(import_id), int(tenant_id))


def _queue():
    from redis import Redis
    from rq import Queue
    from rq.serializers import JSONSerializer

    connection = Redis.from_url(current_app.config["REDIS_URL"])
    return Queue(current_app.config.get("WASL_EXPORT_QUEUE", "default"), connection=connection,
                 serializer=JSONSerializer)


def enqueue_import(job: BeneficiaryImport) -> bool:
    """Put the job on the queue after its commit; False (the import waits, queued) when Redis is down."""
    from redis import RedisError

    if not redis_answers(current_app.config["REDIS_URL"]):
        log.warning("import %s waits: Redis does not answer; it is enqueued when it next can be", job.id)
        return False
    try:
        _queue().enqueue(run_import_job, job.id, job.tenant_id, job_timeout=JOB_TIMEOUT_SECONDS,
                         description=f"beneficiary import {job.id} of tenant {job.tenant_id}")
    except RedisError:
        log.warning("import %s waits: enqueuing failed", job.id, exc_info=True)
        return False
    db.session.execute(update(BeneficiaryImport).where(BeneficiaryImport.id == job.id)
                       .values(enqueued_at=utcnow()).execution_options(synchronize_session=False))
    db.session.commit()
    return True


def needs_enqueuing(job: BeneficiaryImport) -> bool:
    """Queued but never (or long ago) handed to Redis, or running with a worker that stopped beating."""
    now = utcnow()
    after = timedelta(seconds=int(current_app.config.get("WASL_IMPORT_REQUEUE_AFTER", DEFAULT_REQUEUE_AFTER)))
    if job.status == ImportStatus.QUEUED:
        return job.enqueued_at is None or job.enqueued_at < now - after
    if job.status == ImportStatus.RUNNING:
        from wasl.imports.writing import lease_seconds

        return job.heartbeat_at is not None and job.heartbeat_at < now - timedelta(seconds=lease_seconds())
    return False


def ensure_enqueued(job: BeneficiaryImport) -> None:
    """Called when an import's page or status is read: hand a waiting import to Redis once it answers."""
    if needs_enqueuing(job):
        enqueue_import(job)


imports_cli = AppGroup("imports", help="Bulk imports of beneficiary registers.")


@imports_cli.command("requeue")
def requeue_command():
    """Enqueue every import that waits for Redis, in every association."""
    with tenant_scope(db.session, all_tenants=True):
        waiting = list(db.session.scalars(select(BeneficiaryImport).where(
            or_(BeneficiaryImport.status == ImportStatus.QUEUED, BeneficiaryImport.status == ImportStatus.RUNNING))))
    count = 0
    for job in waiting:
        with tenant_scope(db.session, job.tenant_id):
            if needs_enqueuing(job) and enqueue_import(job):
                count += 1
    click.echo(f"{count} import(s) enqueued")
