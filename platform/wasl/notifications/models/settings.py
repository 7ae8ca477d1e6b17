"""An association's delivery rules: quiet hours for text messages and the fallback order of channels."""

from __future__ import annotations

from datetime import datetime, time

from sqlalchemy import JSON, Boolean, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from wasl.db import BigId, UtcDateTime, db, utcnow
from wasl.tenancy.mixins import TenantOwned, tenant_key

DEFAULT_QUIET_START = time(22, 0)
DEFAULT_QUIET_END = time(7, 0)
DEFAULT_FALLBACK_ORDER = ["sms", "whatsapp", "email"]


class NotificationSettings(TenantOwned, db.Model):
    """At most one row per association; without one the defaults below apply."""

    __tablename__ = "notification_settings"
    __table_args__ = (tenant_key(), UniqueConstraint("tenant_id"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    quiet_hours_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    quiet_start: Mapped[time] = mapped_column(Time, default=DEFAULT_QUIET_START)
    quiet_end: Mapped[time] = mapped_column(Time, default=DEFAULT_QUIET_END)
    fallback_order: Mapped[list] = mapped_column(JSON, default=lambda: list(DEFAULT_FALLBACK_ORDER))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)

    @classmethod
    def defaults(cls) -> NotificationSettings:
        """An unsaved row carrying the defaults, for associations that never changed them."""
        return cls(quiet_hours_enabled=True, quiet_start=DEFAULT_QUIET_START, quiet_end=DEFAULT_QUIET_END,
                   fallback_order=list(DEFAULT_FALLBACK_ORDER))
