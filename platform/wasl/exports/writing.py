"""The export job's body: the list read chunk by chunk and written to its file, progress committed each step.

The job claims its export with a conditional update, so enqueuing it twice
runs it once; it counts the rows first, then writes ``WASL_EXPORT_CHUNK_ROWS``
(1,000) at a time and commits ``processed_rows`` after each chunk, which the
progress page reads. The file is written beside its final name and moved
into place when complete, so a half-written file is never served.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import and_, or_, select, update

from wasl.audit.services import record
from wasl.cases.catalogue import Catalogue, catalogue_of
from wasl.db import db, utcnow
from wasl.exports.datasets import DATASETS, Labels
from wasl.exports.files import export_path, open_sheet
from wasl.exports.models import ExportJob, ExportJobStatus
from wasl.kernel.files import replacing
from wasl.policy.services import published_version
from wasl.tenancy.models import Tenant
from wasl.tenancy.scope import tenant_scope

log = logging.getLogger(__name__)
DEFAULT_CHUNK_ROWS = 1000
DEFAULT_LEASE_SECONDS = 900


def chunk_rows() -> int:
    return int(current_app.config.get("WASL_EXPORT_CHUNK_ROWS") or DEFAULT_CHUNK_ROWS)


def lease_seconds() -> int:
    return int(current_app.config.get("WASL_EXPORT_LEASE_SECONDS") or DEFAULT_LEASE_SECONDS)


def run_export(export_id: int, tenant_id: int) -> None:
    """Claim the export (once, however often it was enqueued) and write its file."""
    with tenant_scope(db.session, tenant_id):
        if not _claim(export_id):
            log.info("list export %s: not waiting to run (already running or finished)", export_id)
            return
        job = db.session.scalar(select(ExportJob).where(ExportJob.id == export_id))
        try:
            with force_locale(job.language or "ar"):
                _write(job)
        except Exception as error:
            db.session.rollback()
            _mark_failed(export_id, error)
            raise


def _claim(export_id: int) -> bool:
    now = utcnow()
    stale = now - timedelta(seconds=lease_seconds())
    waiting = or_(ExportJob.status == ExportJobStatus.QUEUED,
                  and_(ExportJob.status == ExportJobStatus.RUNNING, ExportJob.heartbeat_at < stale))
    claimed = db.session.execute(
        update(ExportJob).where(ExportJob.id == export_id, waiting)
        .values(status=ExportJobStatus.RUNNING, started_at=now, heartbeat_at=now, processed_rows=0, error=None)
        .execution_options(synchronize_session=False)).rowcount
    db.session.commit()
    return bool(claimed)


def _labels(job: ExportJob) -> Labels:
    version = published_version(db.session.get(Tenant, job.tenant_id))
    return Labels(catalogue_of(version) if version is not None else Catalogue({}), job.language or "ar")


def _write(job: ExportJob) -> None:
    dataset = DATASETS[job.dataset]
    columns = dataset.chosen_columns(job.personal_data)
    labels = _labels(job)
    job.row_count = dataset.count()
    db.session.commit()
    target = export_path(job.tenant_id, job.id, job.file_format)
    try:
        with replacing(target, owned=True) as partial:
            sheet = open_sheet(partial, job.file_format, str(dataset.label))
            sheet.header([str(c.label) for c in columns])
            last_id, size = 0, chunk_rows()
            while rows := dataset.chunk(last_id, size):
                sheet.rows([[c.value(row, labels) for c in columns] for row in rows])
                last_id = rows[-1][0].id
                _progress(job, len(rows))
                if job.status != ExportJobStatus.RUNNING:  # stopped by an erasure: what was written may name the person
                    sheet.close()
                    raise _Stopped
            sheet.close()
    except _Stopped:
        return  # ``replacing`` has thrown the partial file away
    _finish(job, target)


class _Stopped(Exception):
    """The export was stopped while it was being written."""


def _progress(job: ExportJob, written: int) -> None:
    """One step of the progress bar: committed, so the page (another request) sees it at once."""
    job.processed_rows += written
    job.heartbeat_at = utcnow()
    db.session.commit()


def _finish(job: ExportJob, target) -> None:
    """Done, unless an erasure stopped the export meanwhile: then its file goes too."""
    finished = db.session.execute(
        update(ExportJob).where(ExportJob.id == job.id, ExportJob.status == ExportJobStatus.RUNNING)
        .values(status=ExportJobStatus.DONE, finished_at=utcnow(), file_name=target.name,
                size_bytes=target.stat().st_size).execution_options(synchronize_session=False)).rowcount
    if not finished:
        db.session.rollback()
        target.unlink(missing_ok=True)
        return
    db.session.refresh(job)
    record("export.finished", job, actor_id=job.requested_by_id, kind=job.dataset, rows=job.processed_rows,
           file_format=job.file_format, personal_data=job.personal_data)
    db.session.commit()


def _mark_failed(export_id: int, error: Exception) -> None:
    job = db.session.scalar(select(ExportJob).where(ExportJob.id == export_id))
    if job is None or job.status == ExportJobStatus.FAILED:  # stopped by an erasure, which says so
        return
    job.status, job.error, job.finished_at = ExportJobStatus.FAILED, str(error)[:2000], utcnow()
    record("export.failed", job, actor_id=job.requested_by_id, kind=job.dataset)
    db.session.commit()
