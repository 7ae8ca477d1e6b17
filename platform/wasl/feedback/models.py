"""What the feedback channel keeps: enquiries, suggestions and complaints, and the association's window.

An item is filed by a person signed in to the portal (``beneficiary_id``) or by
a visitor from the public policy page, who leaves a name and a mobile for the
reply (the mobile encrypted at rest, like a beneficiary's). ``names_staff``
marks a complaint about a named member of staff: only the association's admin
ever reads it (``feedback.visibility``).
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import BigInteger, Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from wasl.cases.models._common import enum_column
from wasl.crypto import Decrypted, encrypted_column
from wasl.db import BigId, UtcDateTime, db, utcnow
from wasl.tenancy.mixins import TenantOwned, tenant_fk, tenant_key

DEFAULT_RESPONSE_DAYS = 5


class FeedbackKind(enum.StrEnum):
    ENQUIRY = "enquiry"
    SUGGESTION = "suggestion"
    COMPLAINT = "complaint"


class FeedbackState(enum.StrEnum):
    OPEN = "open"  # waiting for a reply
    ANSWERED = "answered"  # replied to, not yet closed
    CLOSED = "closed"


class FeedbackSource(enum.StrEnum):
    PORTAL = "portal"
    PUBLIC = "public"


class Feedback(TenantOwned, db.Model):
    """One enquiry, suggestion or complaint, from filing to the reply, the closing and the person's rating."""

    __tablename__ = "feedback_item"
    __table_args__ = (
        tenant_key(),
        UniqueConstraint("tenant_id", "number"),
        tenant_fk("beneficiary_id", "beneficiary"),
        tenant_fk("case_id", "service_case"),
        Index("ix_feedback_item_tenant_state_filed", "tenant_id", "state", "filed_at"),
        Index("ix_feedback_item_tenant_beneficiary", "tenant_id", "beneficiary_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    number: Mapped[str] = mapped_column(String(32))
    kind: Mapped[FeedbackKind] = mapped_column(enum_column(FeedbackKind))
    state: Mapped[FeedbackState] = mapped_column(enum_column(FeedbackState), default=FeedbackState.OPEN)
    source: Mapped[FeedbackSource] = mapped_column(enum_column(FeedbackSource, 8))
    beneficiary_id: Mapped[int | None] = mapped_column(BigInteger)
    case_id: Mapped[int | None] = mapped_column(BigInteger)
    visitor_name: Mapped[str | None] = mapped_column(String(120))
    visitor_mobile_encrypted: Mapped[str | None] = encrypted_column(nullable=True)
    language: Mapped[str] = mapped_column(String(2), default="ar")
    message: Mapped[str] = mapped_column(Text)
    staff_named: Mapped[str | None] = mapped_column(String(120))
    names_staff: Mapped[bool] = mapped_column(Boolean, default=False)
    filed_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    due_on: Mapped[date] = mapped_column(Date)
    reply: Mapped[str | None] = mapped_column(Text)
    replied_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    replied_by_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("user_account.id"))
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    closed_by_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("user_account.id"))
    rating: Mapped[int | None] = mapped_column(Integer)
    rated_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    visitor_mobile = Decrypted("visitor_mobile_encrypted")

    @property
    def is_closed(self) -> bool:
        return self.state == FeedbackState.CLOSED

    @property
    def can_rate(self) -> bool:
        return self.reply is not None and self.rating is None


class FeedbackSettings(TenantOwned, db.Model):
    """At most one row per association; without it the response window is ``DEFAULT_RESPONSE_DAYS``."""

    __tablename__ = "feedback_settings"
    __table_args__ = (tenant_key(), UniqueConstraint("tenant_id"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    response_days: Mapped[int] = mapped_column(Integer, default=DEFAULT_RESPONSE_DAYS)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)
