"""Second-factor credentials of people, and archives of an association's data."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import BigInteger, Enum, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from wasl.db import BigId, UtcDateTime, db, utcnow
from wasl.tenancy.mixins import TenantOwned, tenant_key


class TotpCredential(db.Model):
    """A person's authenticator app (RFC 6238); the shared secret is encrypted at rest."""

    __tablename__ = "totp_credential"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("user_account.id", ondelete="CASCADE"),
                                         unique=True)
    secret_encrypted: Mapped[str] = mapped_column(String(255))
    confirmed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # The last accepted time step: a code is accepted once, never replayed within its window.
    last_step: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class RecoveryCode(db.Model):
    """A single-use code that stands in for the authenticator app; only its hash is kept."""

    __tablename__ = "recovery_code"
    __table_args__ = (Index("ix_recovery_code_user_id", "user_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("user_account.id", ondelete="CASCADE"))
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


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
