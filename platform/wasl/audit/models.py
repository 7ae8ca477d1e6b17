"""Audit events. Rows are only ever inserted; the app's database role may not change them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from wasl.db import BigId, UtcDateTime, db, utcnow
from wasl.tenancy.mixins import TenantOwned, tenant_key


class _AuditColumns:
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    actor_user_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("user_account.id"))
    action: Mapped[str] = mapped_column(String(80))
    object_type: Mapped[str | None] = mapped_column(String(60))
    object_id: Mapped[str | None] = mapped_column(String(64))
    request_id: Mapped[str | None] = mapped_column(String(64))
    ip_address: Mapped[str | None] = mapped_column(String(64))
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class AuditEvent(_AuditColumns, TenantOwned, db.Model):
    """Something that happened inside one association."""

    __tablename__ = "audit_event"
    __table_args__ = (
        tenant_key(),
        Index("ix_audit_event_tenant_created", "tenant_id", "created_at"),
        Index("ix_audit_event_tenant_object", "tenant_id", "object_type", "object_id"),
    )


class PlatformAuditEvent(_AuditColumns, db.Model):
    """Something that happened outside any association: sign-ins, operator actions."""

    __tablename__ = "platform_audit_event"
    __table_args__ = (Index("ix_platform_audit_event_created", "created_at"),)
