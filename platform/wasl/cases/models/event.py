"""The case's timeline: everything that happened to it, in order, in words staff can read."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wasl.accounts.models import User
from wasl.db import BigId, UtcDateTime, db, utcnow
from wasl.tenancy.mixins import TenantOwned, tenant_fk, tenant_key


class CaseEvent(TenantOwned, db.Model):
    """One entry of the timeline; written in the same transaction as the change it describes."""

    __tablename__ = "case_event"
    __table_args__ = (
        tenant_key(),
        tenant_fk("case_id", "service_case"),
        Index("ix_case_event_tenant_case", "tenant_id", "case_id", "id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(40))
    action: Mapped[str | None] = mapped_column(String(40))
    step: Mapped[str | None] = mapped_column(String(32))
    to_step: Mapped[str | None] = mapped_column(String(32))
    review_round: Mapped[int | None] = mapped_column(Integer)
    actor_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("user_account.id"))
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    actor: Mapped[User | None] = relationship(viewonly=True)
