"""Whether an association publishes its transparency page, and for which period."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from wasl.db import BigId, UtcDateTime, db, utcnow
from wasl.tenancy.mixins import TenantOwned, tenant_key

PERIOD_CHOICES = (90, 180, 365)  # days up to today
DEFAULT_PERIOD_DAYS = 365


class TransparencySetting(TenantOwned, db.Model):
    """One row per association that changed the default (off, the last 365 days)."""

    __tablename__ = "transparency_setting"
    __table_args__ = (tenant_key(), UniqueConstraint("tenant_id"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    published: Mapped[bool] = mapped_column(Boolean, default=False)
    period_days: Mapped[int] = mapped_column(Integer, default=DEFAULT_PERIOD_DAYS)
    updated_by_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("user_account.id"))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)
