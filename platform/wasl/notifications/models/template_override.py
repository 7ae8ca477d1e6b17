"""An association's own wording of one message (event, channel, locale), replacing the shipped file."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from wasl.db import BigId, UtcDateTime, db, utcnow
from wasl.notifications.models.notification import Channel, _enum
from wasl.tenancy.mixins import TenantOwned, tenant_key


class NotificationTemplate(TenantOwned, db.Model):
    """Saved only after it rendered cleanly in the sandbox with the event's sample data."""

    __tablename__ = "notification_template"
    __table_args__ = (tenant_key(), UniqueConstraint("tenant_id", "event", "channel", "locale"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    event: Mapped[str] = mapped_column(String(64))
    channel: Mapped[Channel] = mapped_column(_enum(Channel))
    locale: Mapped[str] = mapped_column(String(8))
    subject: Mapped[str | None] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text, default="")
    whatsapp_template: Mapped[str | None] = mapped_column(String(120))
    whatsapp_params: Mapped[list] = mapped_column(JSON, default=list)
    updated_by_user_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)
