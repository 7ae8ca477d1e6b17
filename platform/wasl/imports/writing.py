"""The import job's body: the checked file written into the registry batch by batch.

Each batch of rows (``WASL_IMPORT_BATCH_ROWS``, 500 by default) is checked
again and written inside one savepoint, then committed with the progress: a
row that fails at write time (a national ID registered by someone else since
the check, a constraint) rolls back its whole batch, which is reported and may
be tried again by starting the import once more. Rows whose national ID is
already registered are skipped, so running the same file twice adds nothing.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import and_, delete, insert, or_, select, text, update
from sqlalchemy.exc import IntegrityError

from wasl.audit.services import record
from wasl.beneficiaries.crypto import national_id_index
from wasl.beneficiaries.models import Beneficiary
from wasl.beneficiaries.services import _apply
from wasl.db import db, utcnow
from wasl.imports import checking, files
from wasl.imports.models import BeneficiaryImport, ImportIssue, ImportStatus, IssueKind
from wasl.imports.reading import read_sheet
from wasl.tenancy.scope import tenant_scope

log = logging.getLogger(__name__)
DEFAULT_BATCH_ROWS = 500
DEFAULT_LEASE_SECONDS = 900


class RefusedBatch(Exception):
    """A row of the batch does not pass the check any more; nothing of the batch is written."""

    def __init__(self, problem: checking.Problem):
        super().__init__(problem.message_en)
        self.problem = problem


def batch_rows() -> int:
    return int(current_app.config.get("WASL_IMPORT_BATCH_ROWS") or DEFAULT_BATCH_ROWS)


def lease_seconds() -> int:
    return int(current_app.config.get("WASL_IMPORT_LEASE_SECONDS") or DEFAULT_LEASE_SECONDS)


def run_import(import_id: int, tenant_id: int) -> None:
    """Claim the import (once, however often it was enqueued) and write it; a second run changes nothing."""
    with tenant_scope(db.session, tenant_id):
        if not _claim(import_id):
            log.info("import %s: not waiting to run (already running or finished)", import_id)
            return
        job = db.session.scalar(select(BeneficiaryImport).where(BeneficiaryImport.id == import_id))
        try:
            _write(job)
        except Exception as error:
            db.session.rollback()
            _mark_failed(import_id, error)
            raise


def _claim(import_id: int) -> bool:
    now = utcnow()
    stale = now - timedelta(seconds=lease_seconds())
    waiting = or_(BeneficiaryImport.status == ImportStatus.QUEUED,
                  and_(BeneficiaryImport.status == ImportStatus.RUNNING, BeneficiaryImport.heartbeat_at < stale))
    claimed = db.session.execute(
        update(BeneficiaryImport).where(BeneficiaryImport.id == import_id, waiting)
        .values(status=ImportStatus.RUNNING, started_at=now, heartbeat_at=now, runs=BeneficiaryImport.runs + 1,
                processed_rows=0, imported_count=0, skipped_count=0, failed_batches=0, error=None)
        .execution_options(synchronize_session=False)).rowcount
    if claimed:
        db.session.execute(delete(ImportIssue).where(
            ImportIssue.import_id == import_id, ImportIssue.kind.in_([IssueKind.SKIPPED, IssueKind.BATCH]))
            .execution_options(synchronize_session=False))
    db.session.commit()
    return bool(claimed)


def _write(job: BeneficiaryImport) -> None:
    sheet = read_sheet(files.read(job.storage_key), job.file_format)
    columns = checking.Columns(sheet.headers, job.mapping)
    seen: dict[str, int] = {}
    size = batch_rows()
    for start in range(0, len(sheet.rows), size):
        _write_batch(job, sheet.rows[start:start + size], columns, seen)
        job.processed_rows = min(start + size, len(sheet.rows))
        job.heartbeat_at = utcnow()
        db.session.commit()
    job.status, job.finished_at = ImportStatus.DONE, utcnow()
    record("beneficiary_import.finished", job, actor_id=job.started_by_id, imported=job.imported_count,
           skipped=job.skipped_count, failed_batches=job.failed_batches)
    db.session.commit()


def _write_batch(job: BeneficiaryImport, rows, columns: checking.Columns, seen: dict[str, int]) -> None:
    check = None
    try:
        with db.session.begin_nested():
            check = checking.check_rows(rows, columns, job.tenant_id, seen)
            if check.problems:
                raise RefusedBatch(check.problems[0])
            _add_people(job, [clean for _number, clean in check.clean])
    except (IntegrityError, RefusedBatch) as error:
        job.failed_batches += 1
        _add_issues(job, [_batch_problem(job, rows, check, error)], IssueKind.BATCH)
        log.warning("import %s: rows %s-%s refused as a batch: %s", job.id, rows[0][0], rows[-1][0], error)
        return
    job.imported_count += len(check.clean)
    job.skipped_count += len(check.known)
    _add_issues(job, skipped_problems(check.known), IssueKind.SKIPPED)


def _add_people(job: BeneficiaryImport, cleaned: list[dict]) -> None:
    people = []
    for person_id, clean in zip(_reserve_ids("beneficiary", len(cleaned)), cleaned, strict=True):
        person = Beneficiary(id=person_id, tenant_id=job.tenant_id, created_by_id=job.started_by_id)
        _apply(person, clean, job.tenant_id)
        people.append(person)
    db.session.add_all(people)
    db.session.flush()
    event_ids = _reserve_ids("audit_event", len(people))
    for person, clean, event_id in zip(people, cleaned, event_ids, strict=True):
        event = record("beneficiary.created", person, actor_id=job.started_by_id, fields=sorted(clean),
                       import_id=job.id)
        event.id = event_id
    db.session.flush()


def _reserve_ids(table: str, count: int) -> list[int | None]:
    """On PostgreSQL, ``count`` ids taken from the table's sequence in one query.

    With their ids known, a batch's rows go out as one pipelined ``executemany``
    instead of a many-row INSERT … RETURNING that the driver must parse afresh.
    """
    if db.session.connection().dialect.name != "postgresql" or not count:
        return [None] * count
    statement = text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :count)")
    return list(db.session.scalars(statement.execution_options(touches_tenant_data=False),
                                   {"table": table, "count": count}))


def _add_issues(job: BeneficiaryImport, problems: list[checking.Problem], kind: IssueKind) -> None:
    if problems:
        db.session.execute(insert(ImportIssue), [issue_row(job, p, kind) for p in problems])


def issue_row(job: BeneficiaryImport, problem: checking.Problem, kind: IssueKind) -> dict:
    return {"tenant_id": job.tenant_id, "import_id": job.id, "kind": kind, "row_number": problem.row_number,
            "field": problem.field, "column": problem.column, "message_ar": problem.message_ar,
            "message_en": problem.message_en}


def both(say) -> tuple[str, str]:
    """A message made by ``say()`` in Arabic and in English."""
    with force_locale("ar"):
        arabic = say()
    with force_locale("en"):
        english = say()
    return arabic, english


def skipped_problems(numbers: list[int]) -> list[checking.Problem]:
    """One report line per row already registered (the message made once, in both languages)."""
    if not numbers:
        return []
    arabic, english = both(lambda: _("Already registered with this national ID: skipped, left as it is."))
    return [checking.Problem(number, "national_id", None, arabic, english) for number in numbers]


def _batch_problem(job, rows, check, error) -> checking.Problem:
    first, last = rows[0][0], rows[-1][0]
    refused = isinstance(error, RefusedBatch)
    culprit = error.problem.row_number if refused else _registered_meanwhile(job, check)

    def say() -> str:
        if refused:
            reason = _("row {row} no longer passes the check").format(row=culprit)
        elif culprit is not None:
            reason = _("row {row} was registered by someone else while the import ran").format(row=culprit)
        else:
            reason = _("the database refused one of its rows")
        return _("Rows {first} to {last} were not imported: {reason}. Nothing of these rows was written; "
                 "start the import again to bring them in.").format(first=first, last=last, reason=reason)

    arabic, english = both(say)
    return checking.Problem(culprit or first, None, None, arabic, english)


def _registered_meanwhile(job, check) -> int | None:
    """The first row of the batch whose national ID is now registered: the one a concurrent intake took."""
    if check is None:
        return None
    by_index = {national_id_index(clean["national_id"], job.tenant_id): number for number, clean in check.clean}
    found = sorted(by_index[i] for i in checking.registered_indexes(by_index))
    return found[0] if found else None


def _mark_failed(import_id: int, error: Exception) -> None:
    job = db.session.scalar(select(BeneficiaryImport).where(BeneficiaryImport.id == import_id))
    if job is None:
        return
    job.status, job.error, job.finished_at = ImportStatus.FAILED, str(error)[:2000], utcnow()
    record("beneficiary_import.failed", job, actor_id=job.started_by_id)
    db.session.commit()
