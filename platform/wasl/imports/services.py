"""Bulk import of a register, step by step; the one path behind the pages and the API.

Upload (checked by content) -> mapping of the file's columns to registry
fields (remembered per association) -> dry run (every row checked like the
intake, a report row by row) -> start (a background job; see ``tasks``).
Functions work inside the tenant scope of the session and join the caller's
transaction; the caller commits, and the started import's job is enqueued once
it has (``wasl.jobs``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from flask_babel import gettext as _
from marshmallow import ValidationError
from sqlalchemy import delete, func, insert, select

from wasl import jobs
from wasl.api.pagination import Page
from wasl.audit.services import record
from wasl.db import db, utcnow
from wasl.documents.errors import UploadRefused
from wasl.documents.services import clean_name
from wasl.errors import Conflict, NotFound
from wasl.imports import checking, files, targets, tasks
from wasl.imports.models import BeneficiaryImport, ImportIssue, ImportMapping, ImportStatus, IssueKind
from wasl.imports.reading import max_rows, read_sheet, read_upload, sample
from wasl.imports.report import report_workbook
from wasl.imports.writing import issue_row, skipped_problems
from wasl.tenancy.scope import TenantContextMissing, current_scope

__all__ = ["ImportNotFound", "ImportStateError", "UploadRefused", "max_rows"]
ensure_enqueued = tasks.ensure_enqueued


class ImportStateError(Conflict):
    """The step asked for does not fit where the import is (mapping a running import, say): a 409."""

    kind = "import-state"


class ImportNotFound(NotFound):
    """No import with this id in the association."""


def _tenant_id() -> int:
    scope = current_scope(db.session)
    if scope is None or scope.write_tenant_id is None:
        raise TenantContextMissing("imports run for exactly one association in scope")
    return scope.write_tenant_id


def _actor_id(actor) -> int | None:
    return actor.id if actor is not None else None


# --- reads ------------------------------------------------------------------------------------------


def get_import(import_id: int) -> BeneficiaryImport | None:
    return db.session.scalar(select(BeneficiaryImport).where(BeneficiaryImport.id == import_id))


def find_import(import_id: int) -> BeneficiaryImport:
    """The association's import with this id, or ``ImportNotFound``."""
    job = get_import(import_id)
    if job is None:
        raise ImportNotFound(_("There is no such import in this association."))
    return job


def samples(job: BeneficiaryImport) -> list[list[str]]:
    """The file's first rows as the mapping form shows them; none when the file cannot be read again."""
    try:
        return sample(files.read(job.storage_key), job.file_format)
    except (OSError, UploadRefused):
        return []


def report_file(job: BeneficiaryImport, language: str) -> bytes:
    """The report, row by row, as an XLSX workbook."""
    return report_workbook(job, all_issues(job), language)


def recent_imports(limit: int = 20) -> list[BeneficiaryImport]:
    stmt = select(BeneficiaryImport).order_by(BeneficiaryImport.created_at.desc(), BeneficiaryImport.id.desc())
    return list(db.session.scalars(stmt.limit(limit)))


def issues(job: BeneficiaryImport, page: int = 1, per_page: int = 50, kind: str | None = None) -> Page:
    """One page of the report, by row number then field."""
    stmt = select(ImportIssue).where(ImportIssue.import_id == job.id)
    if kind:
        stmt = stmt.where(ImportIssue.kind == kind)
    total = db.session.scalar(stmt.with_only_columns(func.count(ImportIssue.id)))
    rows = db.session.scalars(stmt.order_by(ImportIssue.row_number, ImportIssue.id)
                              .limit(per_page).offset((page - 1) * per_page)).all()
    return Page(list(rows), page, per_page, total)


def all_issues(job: BeneficiaryImport) -> list[ImportIssue]:
    stmt = select(ImportIssue).where(ImportIssue.import_id == job.id)
    return list(db.session.scalars(stmt.order_by(ImportIssue.row_number, ImportIssue.id)))


def proposed_mapping(headers: list[str]) -> dict[str, str]:
    """Each header's field: what this association chose for it last time, else a guess from its name."""
    keys = {header: targets.header_key(header) for header in headers}
    remembered = dict(db.session.execute(
        select(ImportMapping.header_key, ImportMapping.field).where(ImportMapping.header_key.in_(keys.values()))
    ).all())
    proposal = {}
    for header in headers:
        field = remembered.get(keys[header], targets.guess(header))
        proposal[header] = field if field not in proposal.values() or not field else targets.IGNORE
    return proposal


def mapping_of(job: BeneficiaryImport) -> dict[str, str]:
    return job.mapping or proposed_mapping(job.headers)


# --- steps ------------------------------------------------------------------------------------------


def upload(file_storage, actor) -> BeneficiaryImport:
    """Check the uploaded file by its content, read its header row and keep it; UploadRefused if unusable."""
    tenant_id = _tenant_id()
    data, file_format = read_upload(file_storage)
    sheet = read_sheet(data, file_format)
    job = BeneficiaryImport(tenant_id=tenant_id, original_name=clean_name(getattr(file_storage, "filename", "")),
                            file_format=file_format, storage_key=files.new_key(tenant_id), size_bytes=len(data),
                            sha256=hashlib.sha256(data).hexdigest(), headers=sheet.headers,
                            row_count=len(sheet.rows), mapping={}, uploaded_by_id=_actor_id(actor))
    files.store(job.storage_key, data)
    db.session.add(job)
    db.session.flush()
    record("beneficiary_import.uploaded", job, actor_id=_actor_id(actor), rows=job.row_count,
           columns=len(job.headers), file_format=file_format, sha256=job.sha256)
    return job


def _editable(job: BeneficiaryImport) -> None:
    if job.status not in (ImportStatus.UPLOADED, ImportStatus.MAPPED, ImportStatus.CHECKED):
        raise ImportStateError(_("This import has started; its mapping and check can no longer change. "
                                 "Upload the file again to import it differently."))


def _mapping_errors(job: BeneficiaryImport, mapping: Mapping) -> list[str]:
    errors = [_("“{header}” is not a column of this file.").format(header=h) for h in mapping
              if h not in job.headers]
    chosen = [f for f in mapping.values() if f]
    errors += [_("“{field}” is not a field that can be imported.").format(field=f) for f in chosen
               if f not in targets.BY_KEY]
    errors += [_("“{field}” is chosen for more than one column.").format(field=targets.label_of(f))
               for f in sorted(set(chosen)) if chosen.count(f) > 1]
    if targets.BIRTH_ANY in chosen and {"birth_on", "birth_on_hijri"} & set(chosen):
        errors.append(_("Choose either one birth-date column for both calendars or one column per calendar."))
    errors += [_("Choose the column that holds “{field}”: it is required.").format(field=targets.label_of(f))
               for f in targets.REQUIRED if f not in chosen]
    return errors


def save_mapping(job: BeneficiaryImport, mapping: Mapping, actor) -> BeneficiaryImport:
    """Set which field each column fills ("" ignores it); remembered for the association's next file."""
    _editable(job)
    if not isinstance(mapping, Mapping) or not all(isinstance(v, str | None) for v in mapping.values()):
        raise ValidationError({"mapping": [_("The mapping must name a field (or nothing) for each column.")]})
    mapping = {str(h): (f or "") for h, f in mapping.items()}
    errors = _mapping_errors(job, mapping)
    if errors:
        raise ValidationError({"mapping": errors})
    job.mapping = {header: mapping.get(header, targets.IGNORE) for header in job.headers}
    job.status, job.checked_at, job.error_count, job.error_rows, job.known_count = (
        ImportStatus.MAPPED, None, 0, 0, 0)
    db.session.execute(delete(ImportIssue).where(ImportIssue.import_id == job.id)
                       .execution_options(synchronize_session=False))
    _remember(job.mapping)
    record("beneficiary_import.mapped", job, actor_id=_actor_id(actor),
           fields=sorted(f for f in job.mapping.values() if f))
    return job


def _remember(mapping: dict[str, str]) -> None:
    keys = {targets.header_key(h): (h, f) for h, f in mapping.items() if targets.header_key(h)}
    stored = {m.header_key: m for m in db.session.scalars(
        select(ImportMapping).where(ImportMapping.header_key.in_(keys)))}
    for key, (header, field) in keys.items():
        entry = stored.get(key) or ImportMapping(tenant_id=_tenant_id(), header_key=key)
        entry.header, entry.field = header[:200], field
        db.session.add(entry)


def dry_run(job: BeneficiaryImport, actor) -> BeneficiaryImport:
    """Check every row like the intake and against the registry; the report replaces any earlier one."""
    _editable(job)
    if job.status == ImportStatus.UPLOADED:
        raise ImportStateError(_("Save the mapping of the columns first."))
    sheet = read_sheet(files.read(job.storage_key), job.file_format)
    check = checking.check_rows(sheet.rows, checking.Columns(sheet.headers, job.mapping), job.tenant_id)
    db.session.execute(delete(ImportIssue).where(ImportIssue.import_id == job.id)
                       .execution_options(synchronize_session=False))
    rows = [issue_row(job, p, IssueKind.ERROR) for p in check.problems]
    rows += [issue_row(job, p, IssueKind.SKIPPED) for p in skipped_problems(check.known)]
    for start in range(0, len(rows), 1000):
        db.session.execute(insert(ImportIssue), rows[start:start + 1000])
    job.status, job.checked_at = ImportStatus.CHECKED, utcnow()
    job.error_count, job.error_rows, job.known_count = len(check.problems), check.error_rows, len(check.known)
    record("beneficiary_import.checked", job, actor_id=_actor_id(actor), errors=job.error_count,
           error_rows=job.error_rows, already_registered=job.known_count)
    return job


def start(job: BeneficiaryImport, actor) -> BeneficiaryImport:
    """Queue the import; its job is enqueued once the caller's transaction commits."""
    if not job.can_start:
        if job.status == ImportStatus.CHECKED:
            raise ImportStateError(_("The dry run found problems. Correct those rows in the file and upload "
                                     "it again; nothing is imported while any row has a problem."))
        raise ImportStateError(_("Run the dry run first; the import starts once it finds no problem."))
    job.status, job.started_by_id, job.enqueued_at, job.error = ImportStatus.QUEUED, _actor_id(actor), None, None
    db.session.flush()
    record("beneficiary_import.started", job, actor_id=_actor_id(actor), rows=job.row_count)
    jobs.enqueue_after_commit(tasks.IMPORT, job)
    return job


def if_left_waiting(job: BeneficiaryImport, then) -> None:
    """Once the request has committed, call ``then`` if the started import could not be handed to Redis."""
    jobs.if_left_waiting(tasks.IMPORT, job, then)
