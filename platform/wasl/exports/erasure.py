"""Erasing a person reaches the list exports: no stored file that may name them outlives the erasure.

Any export with personal-data columns may hold the person's name, ID and
mobile, so each one's file goes once the erasure commits, and the export
reads as stopped by an erasure (asked again, it is written without them).
One still being written is stopped too: the job notices at its next step
(``writing``) and throws its partial file away.
"""

from __future__ import annotations

from sqlalchemy import select

from wasl.db import db
from wasl.documents.storage import delete_after_commit
from wasl.exports.files import export_path
from wasl.exports.models import ExportJob, ExportJobStatus

ERASED = "erased"  # the ``error`` of an export whose file went with an erasure


def files_of(job: ExportJob):
    """The finished file and the one being written beside it."""
    target = export_path(job.tenant_id, job.id, job.file_format)
    return target, target.with_name(target.name + ".part")


def forget_personal_files() -> int:
    """Delete, after the commit, every file of the association's exports with personal data; how many exports."""
    stmt = select(ExportJob).where(ExportJob.personal_data.is_(True)).order_by(ExportJob.id)
    forgotten = 0
    for job in db.session.scalars(stmt):
        paths = files_of(job)
        if not job.is_working and not any(path.exists() for path in paths):
            continue
        for path in paths:
            delete_after_commit(db.session, path)
        job.status, job.error = ExportJobStatus.FAILED, ERASED
        forgotten += 1
    return forgotten


def was_erased(job: ExportJob) -> bool:
    return job.status == ExportJobStatus.FAILED and job.error == ERASED
