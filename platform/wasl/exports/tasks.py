"""The export as an RQ job on the export queue, which ``flask worker`` (and the demo's worker) serves.

The job receives ids only. It is enqueued once the transaction that asked for
the export commits (``wasl.jobs``); when Redis does not answer, the export
stays ``queued`` (it never runs inside the request) and is enqueued when its
page is next read, or by ``flask exports requeue``. Enqueuing twice is
harmless: the job claims its export with a conditional update, so only one
run writes.
"""

from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlalchemy import select

from wasl import jobs
from wasl.db import db
from wasl.exports.models import ExportJob, ExportJobStatus
from wasl.tenancy.scope import tenant_scope


def run_export_job(export_id: int, tenant_id: int) -> None:
    """The RQ entry point: writes the file inside an application context."""
    from wasl.exports.writing import run_export

    jobs.in_app_context(run_export, int(export_id), int(tenant_id))


def _lease_seconds() -> int:
    from wasl.exports.writing import lease_seconds

    return lease_seconds()


EXPORT = jobs.JobKind(label="list export", model=ExportJob, entry_point=run_export_job,
                      waiting=ExportJobStatus.QUEUED, running=ExportJobStatus.RUNNING,
                      requeue_setting="WASL_EXPORT_REQUEUE_AFTER", lease_seconds=_lease_seconds)


def ensure_enqueued(job: ExportJob) -> None:
    """Called when an export's page is read: hand a waiting export to Redis once it answers."""
    jobs.ensure_enqueued(EXPORT, job)


exports_cli = AppGroup("exports", help="Exports of an association's lists.")


@exports_cli.command("requeue")
def requeue_command():
    """Enqueue every list export that waits for Redis, in every association."""
    click.echo(f"{jobs.requeue_waiting(EXPORT)} export(s) enqueued")


@exports_cli.command("prune")
def prune_command():
    """Delete every export file holding personal data past its keeping time, in every association."""
    from wasl.exports.services import prune

    with tenant_scope(db.session, all_tenants=True):
        done = list(db.session.scalars(select(ExportJob).where(
            ExportJob.status == ExportJobStatus.DONE, ExportJob.personal_data.is_(True))))
        count = sum(prune(job) for job in done)
    click.echo(f"{count} export file(s) deleted")
