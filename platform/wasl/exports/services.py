"""Asking for an export of a list, reading the association's exports, and handing over a finished file.

Functions work inside the tenant scope of the session and join the caller's
transaction; the export's job is enqueued once the caller commits (``wasl.jobs``).
Personal-data columns are included only when asked for by someone whose
role grants ``exports.personal_data``; asking and downloading are audited
with who did it. A file holding personal data is kept for
``WASL_EXPORT_PERSONAL_DATA_HOURS`` (24) after it is written, then deleted
(when next asked for, or by ``flask exports prune``), so copies of people's
data do not outlive their purpose, nor an erasure by long.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from wasl import jobs
from wasl.audit.services import record
from wasl.db import db, utcnow
from wasl.errors import NotFound, Refused
from wasl.exports import erasure, tasks
from wasl.exports.datasets import DATASETS, FORMATS
from wasl.exports.files import export_path
from wasl.exports.models import ExportJob, ExportJobStatus
from wasl.kernel.moments import aware
from wasl.privacy.services import read_audit_enabled
from wasl.tenancy.scope import TenantContextMissing, current_scope

PERSONAL_DATA_PERMISSION = "exports.personal_data"
DEFAULT_PERSONAL_DATA_HOURS = 24


ensure_enqueued = tasks.ensure_enqueued
was_erased = erasure.was_erased
asks_read_reason = read_audit_enabled


class ExportRefused(Refused):
    """The export asked for cannot be made (an unknown list, or personal data without the permission)."""


class ExportNotFound(NotFound):
    """No export with this id in the association, or no file to hand over (not ready, expired or gone)."""


class PersonalFileRefused(Refused):
    """A file with personal data is for those who may export it, whoever asked for it."""

    status = 403


def _tenant_id() -> int:
    scope = current_scope(db.session)
    if scope is None or scope.write_tenant_id is None:
        raise TenantContextMissing("exports run for exactly one association in scope")
    return scope.write_tenant_id


def request_export(dataset: str, file_format: str, personal_data: bool, membership, actor,
                   language: str, reason: tuple[str | None, str | None] = (None, None)) -> ExportJob:
    """Queue an export of ``dataset``; its job is enqueued once the caller's transaction commits.

    ``reason`` (a key of ``privacy.read_audit.REASONS`` and a note) is needed for personal data while reads
    are recorded."""
    if dataset not in DATASETS or file_format not in FORMATS:
        raise ExportRefused(_("Choose one of the lists and formats offered."))
    personal = bool(personal_data) and DATASETS[dataset].has_personal_data
    if personal and (membership is None or not membership.grants(PERSONAL_DATA_PERMISSION)):
        raise ExportRefused(_("Your role does not allow exporting personal data."))
    why = _read_reason(reason) if personal else {}
    job = ExportJob(tenant_id=_tenant_id(), dataset=dataset, file_format=file_format, personal_data=personal,
                    language=language if language in ("ar", "en") else "ar", status=ExportJobStatus.QUEUED,
                    requested_by_id=actor.id if actor is not None else None)
    db.session.add(job)
    db.session.flush()
    record("export.requested", job, actor_id=job.requested_by_id, kind=dataset, file_format=file_format,
           personal_data=personal, **why)
    jobs.enqueue_after_commit(tasks.EXPORT, job)
    return job


def _read_reason(reason: tuple[str | None, str | None]) -> dict:
    """The reason's audit details while the association records reads (ExportRefused without a valid one)."""
    from wasl.privacy import read_audit

    if not read_audit.is_on():
        return {}
    try:
        given = read_audit.reason_from(*reason)
    except read_audit.ReasonMissing as missing:
        raise ExportRefused(" ".join(message for messages in missing.errors.values() for message in messages)) \
            from None
    return {"reason": given.key, "note": given.note}


def recent_exports(limit: int = 20) -> list[ExportJob]:
    stmt = select(ExportJob).order_by(ExportJob.created_at.desc(), ExportJob.id.desc()).limit(limit)
    return list(db.session.scalars(stmt))


def get_export(export_job_id: int) -> ExportJob | None:
    return db.session.scalar(select(ExportJob).where(ExportJob.id == export_job_id))


def find_export(export_job_id: int) -> ExportJob:
    """The association's export with this id, or ``ExportNotFound``."""
    job = get_export(export_job_id)
    if job is None:
        raise ExportNotFound()
    return job


def may_export_personal_data(membership) -> bool:
    return membership is not None and membership.grants(PERSONAL_DATA_PERMISSION)


def if_left_waiting(job: ExportJob, then) -> None:
    """Once the request has committed, call ``then`` if the export could not be handed to Redis."""
    jobs.if_left_waiting(tasks.EXPORT, job, then)


def is_expired(job: ExportJob) -> bool:
    """A finished file with personal data past its keeping time."""
    hours = int(current_app.config.get("WASL_EXPORT_PERSONAL_DATA_HOURS", DEFAULT_PERSONAL_DATA_HOURS))
    return (job.personal_data and job.finished_at is not None
            and aware(job.finished_at) < utcnow() - timedelta(hours=hours))


def prune(job: ExportJob) -> bool:
    """Delete the file of an expired export; True if one was deleted."""
    path = export_path(job.tenant_id, job.id, job.file_format)
    if not is_expired(job) or not path.is_file():
        return False
    path.unlink()
    return True


def download(job: ExportJob, actor) -> Path | None:
    """The finished file to send (None while it is not ready, expired or gone); each download is audited."""
    if job.status != ExportJobStatus.DONE:
        return None
    prune(job)
    path = export_path(job.tenant_id, job.id, job.file_format)
    if not path.is_file():
        return None
    record("export.downloaded", job, actor_id=actor.id if actor is not None else None, kind=job.dataset,
           personal_data=job.personal_data)
    return path


def file_to_send(job: ExportJob, membership, actor) -> Path:
    """The finished file for this member (``PersonalFileRefused`` for personal data they may not export,
    ``ExportNotFound`` while there is none); the download is audited."""
    if job.personal_data and not may_export_personal_data(membership):
        raise PersonalFileRefused()
    path = download(job, actor)
    if path is None:
        raise ExportNotFound()
    return path


def file_name(job: ExportJob, slug: str) -> str:
    return f"{slug}-{job.dataset}-{job.id}.{job.file_format}"
