"""The import as an RQ job on the export queue, which ``flask worker`` already serves.

The job receives ids only. It is enqueued once the transaction that queued the
import commits (``wasl.jobs``); when Redis does not answer the import simply
stays ``queued`` (never run inside the request) and is enqueued again when its
page or status is next read, or by ``flask imports requeue``. Enqueuing twice
is harmless: the job claims the import with a conditional update, so only one
run writes.
"""

from __future__ import annotations

import click
from flask.cli import AppGroup

from wasl import jobs
from wasl.imports.models import BeneficiaryImport, ImportStatus


def run_import_job(import_id: int, tenant_id: int) -> None:
    """The RQ entry point: writes the import inside an application context."""
    from wasl.imports.writing import run_import

    jobs.in_app_context(run_import, int(import_id), int(tenant_id))


def _lease_seconds() -> int:
    from wasl.imports.writing import lease_seconds

    return lease_seconds()


IMPORT = jobs.JobKind(label="beneficiary import", model=BeneficiaryImport, entry_point=run_import_job,
                      waiting=ImportStatus.QUEUED, running=ImportStatus.RUNNING,
                      requeue_setting="WASL_IMPORT_REQUEUE_AFTER", lease_seconds=_lease_seconds)


def ensure_enqueued(job: BeneficiaryImport) -> None:
    """Called when an import's page or status is read: hand a waiting import to Redis once it answers."""
    jobs.ensure_enqueued(IMPORT, job)


imports_cli = AppGroup("imports", help="Bulk imports of beneficiary registers.")


@imports_cli.command("requeue")
def requeue_command():
    """Enqueue every import that waits for Redis, in every association."""
    click.echo(f"{jobs.requeue_waiting(IMPORT)} import(s) enqueued")
