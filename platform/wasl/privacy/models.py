"""Per-association privacy settings: how long personal data is kept, and whether reading it is recorded."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from wasl.db import BigId, UtcDateTime, db, utcnow
from wasl.tenancy.mixins import TenantOwned, tenant_key

KEEP_CHOICES = (12, 24, 36, 60, 120)  # months after the person's last request was closed


class RetentionSetting(TenantOwned, db.Model):
    """One row per association that set a period; none (or ``keep_months`` empty) keeps data until erased by hand."""

    __tablename__ = "privacy_retention_setting"
    __table_args__ = (tenant_key(), UniqueConstraint("tenant_id"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    keep_months: Mapped[int | None] = mapped_column(Integer)
    updated_by_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("user_account.id"))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)


class ReadAuditSetting(TenantOwned, db.Model):
    """Whether the association records who reads a person's data, and why; no row means it does not."""

    __tablename__ = "privacy_read_audit_setting"
    __table_args__ = (tenant_key(), UniqueConstraint("tenant_id"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_by_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("user_account.id"))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)
