"""The archive of an association's data: one row per requested zip, with its progress."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import BigInteger, Enum, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from wasl.db import BigId, UtcDateTime, db, utcnow
from wasl.tenancy.mixins import TenantOwned, tenant_key


class ExportStatus(enum.StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class DataExport(TenantOwned, db.Model):
    """A zip of everything an association owns, built by a background job."""

    __tablename__ = "data_export"
    __table_args__ = (tenant_key(), Index("ix_data_export_tenant_created", "tenant_id", "created_at"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    requested_by_user_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("user_account.id"))
    status: Mapped[ExportStatus] = mapped_column(
        Enum(ExportStatus, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e]),
        default=ExportStatus.PENDING,
    )
    progress: Mapped[int] = mapped_column(Integer, default=0)
    file_name: Mapped[str | None] = mapped_column(String(120))
    size_bytes: Mapped[int | None] = mapped_column(BigInteger)
    sha256: Mapped[str | None] = mapped_column(String(64))
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    enqueued_at: Mapped[datetime | None] = mapped_column(UtcDateTime())  # handed to Redis (None: waits for it)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    @property
    def is_finished(self) -> bool:
        return self.status in (ExportStatus.DONE, ExportStatus.FAILED)
