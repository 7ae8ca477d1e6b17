"""Bringing an existing register in: one row per uploaded file, its report lines, and remembered mappings."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, BigInteger, Enum, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from wasl.db import BigId, UtcDateTime, db, utcnow
from wasl.jobs import JobProgress
from wasl.tenancy.mixins import TenantOwned, tenant_fk, tenant_key


class ImportStatus(enum.StrEnum):
    UPLOADED = "uploaded"  # the file is read; its columns wait for a mapping
    MAPPED = "mapped"  # every column has a field (or is ignored); a dry run comes next
    CHECKED = "checked"  # the dry run is done; ``error_count`` says whether it may start
    QUEUED = "queued"  # started: waiting for a worker (Redis may be down; it waits, it is not lost)
    RUNNING = "running"
    DONE = "done"  # every batch written, or ``failed_batches`` of them refused as a whole
    FAILED = "failed"  # the job itself stopped (the file vanished, say); ``error`` says why


class IssueKind(enum.StrEnum):
    ERROR = "error"  # the row cannot be imported as it is
    SKIPPED = "skipped"  # already in the registry by national ID: left as it is
    BATCH = "batch"  # a whole batch was refused at write time and rolled back


def _enum(cls, length: int = 16) -> Enum:
    return Enum(cls, native_enum=False, length=length, values_callable=lambda e: [m.value for m in e])


class BeneficiaryImport(TenantOwned, JobProgress, db.Model):
    """One uploaded file of beneficiaries, from upload through mapping and dry run to the finished import."""

    __tablename__ = "beneficiary_import"
    __table_args__ = (tenant_key(), Index("ix_beneficiary_import_tenant_created", "tenant_id", "created_at"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    status: Mapped[ImportStatus] = mapped_column(_enum(ImportStatus), default=ImportStatus.UPLOADED)
    original_name: Mapped[str] = mapped_column(String(200))
    file_format: Mapped[str] = mapped_column(String(8))  # "csv" or "xlsx"
    storage_key: Mapped[str] = mapped_column(String(200))
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    headers: Mapped[list] = mapped_column(JSON, default=list)
    mapping: Mapped[dict] = mapped_column(JSON, default=dict)  # column header -> Wasl field
    error_count: Mapped[int] = mapped_column(Integer, default=0)
    error_rows: Mapped[int] = mapped_column(Integer, default=0)
    known_count: Mapped[int] = mapped_column(Integer, default=0)  # rows already in the registry
    checked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    imported_count: Mapped[int] = mapped_column(Integer, default=0)
    skipped_count: Mapped[int] = mapped_column(Integer, default=0)
    failed_batches: Mapped[int] = mapped_column(Integer, default=0)
    runs: Mapped[int] = mapped_column(Integer, default=0)
    uploaded_by_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("user_account.id"))
    started_by_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    @property
    def progress(self) -> int:
        """Percent of the rows the job has been through."""
        if self.status == ImportStatus.DONE:
            return 100
        if not self.row_count:
            return 0
        return min(100, int(100 * self.processed_rows / self.row_count))

    @property
    def is_working(self) -> bool:
        return self.status in (ImportStatus.QUEUED, ImportStatus.RUNNING)

    @property
    def can_start(self) -> bool:
        """A clean dry run may start; so may a finished import with refused batches, to try those again."""
        clean = self.status == ImportStatus.CHECKED and self.error_count == 0
        return clean or (self.status == ImportStatus.DONE and self.failed_batches > 0)

    def __repr__(self) -> str:
        return f"<BeneficiaryImport {self.id} {self.status}>"


class ImportIssue(TenantOwned, db.Model):
    """One line of an import's report: a row (by its number in the file), the field, and why, in both languages."""

    __tablename__ = "beneficiary_import_issue"
    __table_args__ = (
        tenant_key(),
        tenant_fk("import_id", "beneficiary_import", ondelete="CASCADE"),
        Index("ix_beneficiary_import_issue_tenant_import_row", "tenant_id", "import_id", "kind", "row_number"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    import_id: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[IssueKind] = mapped_column(_enum(IssueKind, 8))
    row_number: Mapped[int] = mapped_column(Integer)  # as the spreadsheet shows it: the header is row 1
    field: Mapped[str | None] = mapped_column(String(40))
    column: Mapped[str | None] = mapped_column(String(200))
    message_ar: Mapped[str] = mapped_column(Text)
    message_en: Mapped[str] = mapped_column(Text)

    def message(self, locale: str) -> str:
        return self.message_en if locale == "en" else self.message_ar


class ImportMapping(TenantOwned, db.Model):
    """What an association's column header meant last time: proposed again for its next file."""

    __tablename__ = "beneficiary_import_mapping"
    __table_args__ = (tenant_key(), UniqueConstraint("tenant_id", "header_key"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    header_key: Mapped[str] = mapped_column(String(200))  # the header, normalised (see wasl.imports.targets)
    header: Mapped[str] = mapped_column(String(200))
    field: Mapped[str] = mapped_column(String(40))  # a Wasl field, or "" for a column the association ignores
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)
