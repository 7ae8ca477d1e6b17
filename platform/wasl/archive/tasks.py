"""Background jobs of the operator side: building an association's export, on the job queue.

Jobs receive ids only; the tenant scope comes from those ids, never from a
global. The job is enqueued once the transaction that asked for the export
commits (``wasl.jobs``). When Redis does not answer, the export is not built
inside the request: it stays ``pending`` and is enqueued when its page, status
or list is next read. Enqueuing twice is harmless: the job claims its export
with a conditional update, so only one run writes.
"""

from __future__ import annotations

from wasl import jobs
from wasl.archive.models import DataExport, ExportStatus


def run_export(export_id: int, tenant_id: int) -> None:
    """The RQ entry point: builds the archive inside an application context."""
    from wasl.archive.exports import build_export

    jobs.in_app_context(build_export, int(export_id), int(tenant_id))


ARCHIVE = jobs.JobKind(label="export", model=DataExport, entry_point=run_export, waiting=ExportStatus.PENDING,
                       running=ExportStatus.RUNNING, requeue_setting="WASL_EXPORT_REQUEUE_AFTER")


def ensure_enqueued(exports: list[DataExport]) -> None:
    """Called when exports are read: hand those still waiting to Redis once it answers."""
    for export in exports:
        jobs.ensure_enqueued(ARCHIVE, export)
