"""What the beneficiary portal keeps: sign-in codes (hashed) and portal sessions (hashed tokens).

Neither table ever holds a code or a token in the clear: both are keyed
HMACs (``wasl.crypto.blind_index``), keyed per association, so a value from
one association's portal matches nothing in another's.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from wasl.db import BigId, UtcDateTime, db, utcnow
from wasl.tenancy.mixins import TenantOwned, tenant_fk, tenant_key


class PortalSignInCode(TenantOwned, db.Model):
    """One six-digit code asked for on the sign-in page, found again by its challenge.

    ``beneficiary_id`` is empty when the details matched nobody: such a row is
    never sent, never accepts any code, and answers exactly like a real one, so
    the portal does not reveal who is registered.
    """

    __tablename__ = "portal_sign_in_code"
    __table_args__ = (
        tenant_key(),
        UniqueConstraint("tenant_id", "challenge_hash"),
        tenant_fk("beneficiary_id", "beneficiary"),
        Index("ix_portal_sign_in_code_tenant_beneficiary", "tenant_id", "beneficiary_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    beneficiary_id: Mapped[int | None] = mapped_column(BigInteger)
    challenge_hash: Mapped[str] = mapped_column(String(64))
    code_hash: Mapped[str] = mapped_column(String(64))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class PortalSession(TenantOwned, db.Model):
    """A beneficiary signed in to one association's portal: from a browser (cookie) or the API (token)."""

    __tablename__ = "portal_session"
    __table_args__ = (
        tenant_key(),
        UniqueConstraint("tenant_id", "token_hash"),
        tenant_fk("beneficiary_id", "beneficiary"),
        Index("ix_portal_session_tenant_beneficiary", "tenant_id", "beneficiary_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    beneficiary_id: Mapped[int] = mapped_column(BigInteger)
    token_hash: Mapped[str] = mapped_column(String(64))
    client: Mapped[str] = mapped_column(String(8))  # "web" (cookie) or "api" (bearer token)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
