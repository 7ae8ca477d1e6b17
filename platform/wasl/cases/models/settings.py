"""An association's own settings for cases: the case-number prefix and the committee quorum."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from wasl.db import BigId, UtcDateTime, db, utcnow
from wasl.tenancy.mixins import TenantOwned, tenant_key


class CaseSettings(TenantOwned, db.Model):
    """At most one row per association; absent values fall back to the defaults (see ``cases.settings``)."""

    __tablename__ = "case_settings"
    __table_args__ = (tenant_key(), UniqueConstraint("tenant_id"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    number_prefix: Mapped[str | None] = mapped_column(String(8))
    quorum: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)
