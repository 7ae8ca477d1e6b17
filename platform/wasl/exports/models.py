"""An export of one of the association's lists (cases, beneficiaries, deliveries, survey results) as a file."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import BigInteger, Boolean, Enum, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from wasl.db import BigId, UtcDateTime, db, utcnow
from wasl.jobs import JobProgress
from wasl.tenancy.mixins import TenantOwned, tenant_key


class ExportJobStatus(enum.StrEnum):
    QUEUED = "queued"  # waiting for a worker (Redis may be down; it waits, it is not lost)
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


def _enum(cls, length: int = 16) -> Enum:
    return Enum(cls, native_enum=False, length=length, values_callable=lambda e: [m.value for m in e])


class ExportJob(TenantOwned, JobProgress, db.Model):
    """One list written to a CSV or XLSX file by a background job, kept under the association's folder."""

    __tablename__ = "export_job"
    __table_args__ = (tenant_key(), Index("ix_export_job_tenant_created", "tenant_id", "created_at"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    dataset: Mapped[str] = mapped_column(String(32))  # a key of wasl.exports.datasets.DATASETS
    file_format: Mapped[str] = mapped_column(String(8))  # "csv" or "xlsx"
    personal_data: Mapped[bool] = mapped_column(Boolean, default=False)
    language: Mapped[str] = mapped_column(String(2), default="ar")  # of the headers and labels
    status: Mapped[ExportJobStatus] = mapped_column(_enum(ExportJobStatus), default=ExportJobStatus.QUEUED)
    file_name: Mapped[str | None] = mapped_column(String(120))
    size_bytes: Mapped[int | None] = mapped_column(BigInteger)
    requested_by_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    @property
    def progress(self) -> int:
        """Percent of the rows written so far."""
        if self.status == ExportJobStatus.DONE:
            return 100
        if not self.row_count:
            return 0
        return min(99, int(100 * self.processed_rows / self.row_count))

    @property
    def is_working(self) -> bool:
        return self.status in (ExportJobStatus.QUEUED, ExportJobStatus.RUNNING)

    def __repr__(self) -> str:
        return f"<ExportJob {self.id} {self.dataset} {self.status}>"
