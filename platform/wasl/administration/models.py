"""Invitations to join an association's staff, and the association's holidays."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, BigInteger, Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from wasl.db import BigId, UtcDateTime, db, utcnow
from wasl.kernel.bilingual import pick
from wasl.kernel.moments import aware
from wasl.tenancy.mixins import TenantOwned, tenant_fk, tenant_key


class StaffInvitation(TenantOwned, db.Model):
    """An e-mailed, single-use link to join the association with a role; only the token's hash is kept."""

    __tablename__ = "staff_invitation"
    __table_args__ = (
        tenant_key(),
        tenant_fk("role_id", "role"),
        UniqueConstraint("token_hash"),
        Index("ix_staff_invitation_tenant_email", "tenant_id", "email"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    name: Mapped[str | None] = mapped_column(String(200))
    role_id: Mapped[int] = mapped_column(BigInteger)
    token_hash: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    accepted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    accepted_user_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("user_account.id"))
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # The e-mailed code that proves the address, awaited after the link set a new account's password.
    code_hash: Mapped[str | None] = mapped_column(String(64))
    code_expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    code_attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    invited_by_user_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and aware(self.expires_at) > utcnow()


class Holiday(TenantOwned, db.Model):
    """A day the association does not count towards its decision window."""

    __tablename__ = "holiday"
    __table_args__ = (tenant_key(), UniqueConstraint("tenant_id", "on"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    on: Mapped[date] = mapped_column(Date)
    name: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    def label(self, locale: str) -> str:
        return pick(self.name, locale)
