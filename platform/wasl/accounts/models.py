"""User, Role, Membership and API token."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    String,
    UniqueConstraint,
    select,
)
from sqlalchemy.orm import Mapped, contains_eager, mapped_column, relationship

from wasl.accounts.permissions import check_known
from wasl.db import BigId, UtcDateTime, db, utcnow
from wasl.reads import known, remembered
from wasl.tenancy.mixins import TenantOwned, tenant_fk, tenant_key
from wasl.tenancy.models import Tenant


def new_session_nonce() -> str:
    return secrets.token_hex(8)


class User(UserMixin, db.Model):
    """One person, one account, whatever number of associations they work for."""

    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    preferred_locale: Mapped[str | None] = mapped_column(String(8))
    is_operator: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    session_nonce: Mapped[str] = mapped_column(String(32), default=new_session_nonce)
    last_login_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # Set when the person proved they read mail at ``email`` (or an operator created the account).
    email_verified_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    memberships: Mapped[list[Membership]] = relationship(back_populates="user", lazy="raise")

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        # The nonce binds the browser session to the account's current state:
        # rotating it signs the person out everywhere on their next request.
        return f"{self.id}:{self.session_nonce}"

    def active_memberships(self) -> list[Membership]:
        """The associations this person works in, by Arabic name (read once per request, see ``wasl.reads``)."""
        return list(remembered(("active_memberships", self.id),
                               lambda: list(db.session.scalars(active_memberships_of(self.id))), scoped=False))

    @classmethod
    def with_active_memberships(cls, user_id: int) -> User | None:
        """The user and their active memberships in one statement (the memberships are remembered as read)."""
        rows = db.session.execute(
            select(User, Membership).where(User.id == user_id)
            .outerjoin(Membership, (Membership.user_id == User.id) & Membership.active.is_(True))
            .outerjoin(Tenant, Tenant.id == Membership.tenant_id)
            .options(contains_eager(Membership.tenant)).order_by(Tenant.name_ar)).all()
        if not rows:
            return None
        user = rows[0][0]
        known(("active_memberships", user.id), [membership for _, membership in rows if membership is not None],
              scoped=False)
        return user


def active_memberships_of(user_id: int):
    return (select(Membership).join(Tenant, Tenant.id == Membership.tenant_id)
            .where(Membership.user_id == user_id, Membership.active.is_(True)).order_by(Tenant.name_ar))


class Role(TenantOwned, db.Model):
    """A named set of permissions inside one association."""

    __tablename__ = "role"
    __table_args__ = (tenant_key(), UniqueConstraint("tenant_id", "key"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    key: Mapped[str] = mapped_column(String(64))
    name_ar: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    permissions: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    def grants(self, permission: str) -> bool:
        return check_known(permission) in (self.permissions or [])

    def name(self, locale: str) -> str:
        return self.name_en if locale == "en" else self.name_ar


class Membership(db.Model):
    """Who may enter which association, with which role.

    This table decides the tenant scope itself, so it is read before any scope
    exists and is not tenant-owned; its role reference still carries tenant_id.
    """

    __tablename__ = "membership"
    __table_args__ = (
        UniqueConstraint("tenant_id", "user_id"),
        tenant_fk("role_id", "role"),
        Index("ix_membership_user_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    tenant_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("tenant.id"))
    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("user_account.id"))
    role_id: Mapped[int] = mapped_column(BigInteger)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    user: Mapped[User] = relationship(back_populates="memberships")
    tenant: Mapped[Tenant] = relationship(lazy="joined")
    role: Mapped[Role] = relationship(
        primaryjoin="and_(Membership.role_id == Role.id, Membership.tenant_id == Role.tenant_id)",
        foreign_keys="[Membership.tenant_id, Membership.role_id]",
        viewonly=True,
    )

    def grants(self, permission: str) -> bool:
        return self.active and self.role.grants(permission)


class ApiToken(db.Model):
    """A bearer token acting with its user's memberships; only its hash is stored."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("user_account.id"), index=True)
    label: Mapped[str] = mapped_column(String(120))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    user: Mapped[User] = relationship(lazy="joined")

    @staticmethod
    def hash(raw: str) -> str:
        # Tokens carry 256 bits of randomness, so a fast hash is enough here.
        return hashlib.sha256(raw.encode()).hexdigest()
