"""The outbox row (one message to one person on one channel) and its delivery attempts."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Enum,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from wasl.crypto import Decrypted, encrypted_column
from wasl.db import BigId, UtcDateTime, db, utcnow
from wasl.tenancy.mixins import TenantOwned, tenant_fk, tenant_key


class NotificationStatus(enum.StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"  # the last attempt failed; another one is scheduled
    DEAD = "dead"  # no attempt left, or the provider refused for good


class Channel(enum.StrEnum):
    EMAIL = "email"
    SMS = "sms"
    WHATSAPP = "whatsapp"


class Outcome(enum.StrEnum):
    SENT = "sent"
    RETRYABLE = "retryable"
    PERMANENT = "permanent"
    INTERRUPTED = "interrupted"


OPEN_STATUSES = (NotificationStatus.PENDING, NotificationStatus.SENDING, NotificationStatus.FAILED)
_OPEN_SQL = "status IN ('pending', 'sending', 'failed')"


def _enum(cls, length: int = 16) -> Enum:
    return Enum(cls, native_enum=False, length=length, values_callable=lambda e: [m.value for m in e])


class Notification(TenantOwned, db.Model):
    """A message in the outbox: written with the change that causes it, delivered after the commit."""

    __tablename__ = "notification"
    __table_args__ = (
        tenant_key(),
        UniqueConstraint("tenant_id", "idempotency_key"),
        Index("ix_notification_tenant_created", "tenant_id", "created_at"),
        Index("ix_notification_tenant_event", "tenant_id", "event"),
        # Only open rows are in it, so the sweep reads a small index however long the history grows.
        Index("ix_notification_tenant_open", "tenant_id", "next_attempt_at",
              postgresql_where=text(_OPEN_SQL), sqlite_where=text(_OPEN_SQL)),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    event: Mapped[str] = mapped_column(String(64))
    channel: Mapped[Channel] = mapped_column(_enum(Channel))
    locale: Mapped[str] = mapped_column(String(8))
    recipient_kind: Mapped[str] = mapped_column(String(16))
    recipient_ref_id: Mapped[int | None] = mapped_column(BigInteger)
    recipient_name: Mapped[str] = mapped_column(String(200), default="")
    recipient_address_encrypted: Mapped[str | None] = encrypted_column(nullable=True)
    object_type: Mapped[str | None] = mapped_column(String(40))
    object_id: Mapped[str | None] = mapped_column(String(64))
    subject: Mapped[str | None] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text, default="")
    template_name: Mapped[str | None] = mapped_column(String(120))
    template_params: Mapped[list] = mapped_column(JSON, default=list)
    segments: Mapped[int | None] = mapped_column(Integer)
    essential: Mapped[bool] = mapped_column(Boolean, default=False)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    sensitive: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[NotificationStatus] = mapped_column(_enum(NotificationStatus), default=NotificationStatus.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    max_attempts: Mapped[int] = mapped_column(Integer, default=6)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    enqueued_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    provider: Mapped[str | None] = mapped_column(String(32))
    provider_message_id: Mapped[str | None] = mapped_column(String(128))
    idempotency_key: Mapped[str] = mapped_column(String(64))
    last_error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)

    recipient_address = Decrypted("recipient_address_encrypted")

    @property
    def is_dead(self) -> bool:
        return self.status == NotificationStatus.DEAD

    def __repr__(self) -> str:
        return f"<Notification {self.id} {self.event} {self.channel} {self.status}>"


class NotificationAttempt(TenantOwned, db.Model):
    """One try at handing a notification to its provider, with the provider's answer."""

    __tablename__ = "notification_attempt"
    __table_args__ = (
        tenant_key(),
        tenant_fk("notification_id", "notification", ondelete="CASCADE"),
        Index("ix_notification_attempt_tenant_notification", "tenant_id", "notification_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    notification_id: Mapped[int] = mapped_column(BigInteger)
    number: Mapped[int] = mapped_column(Integer)
    provider: Mapped[str | None] = mapped_column(String(32))
    outcome: Mapped[Outcome | None] = mapped_column(_enum(Outcome))
    status_code: Mapped[int | None] = mapped_column(Integer)
    provider_message_id: Mapped[str | None] = mapped_column(String(128))
    detail: Mapped[str | None] = mapped_column(String(1000))
    started_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
