"""A referral: the case is sent to the role the policy names, with a question, and comes back answered."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wasl.accounts.models import User
from wasl.cases.models._common import same_tenant
from wasl.db import BigId, UtcDateTime, db, utcnow
from wasl.tenancy.mixins import TenantOwned, tenant_fk, tenant_key


class Referral(TenantOwned, db.Model):
    __tablename__ = "case_referral"
    __table_args__ = (
        tenant_key(),
        tenant_fk("case_id", "service_case"),
        Index("ix_case_referral_tenant_open", "tenant_id", "target_role", "answered_at"),
        Index("ix_case_referral_tenant_case", "tenant_id", "case_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(BigInteger)
    target_role: Mapped[str] = mapped_column(String(64))
    question: Mapped[str] = mapped_column(Text)
    referred_by_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("user_account.id"))
    referred_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    answer: Mapped[str | None] = mapped_column(Text)
    answered_by_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("user_account.id"))
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    case = same_tenant("Referral", "Case", "case_id")
    referred_by: Mapped[User | None] = relationship(foreign_keys=[referred_by_id], viewonly=True)
    answered_by: Mapped[User | None] = relationship(foreign_keys=[answered_by_id], viewonly=True)

    @property
    def is_open(self) -> bool:
        return self.answered_at is None
