"""What was delivered to the beneficiary under a case."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import BigInteger, Date, ForeignKey, Index, Numeric, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wasl.accounts.models import User
from wasl.db import BigId, UtcDateTime, db, utcnow
from wasl.tenancy.mixins import TenantOwned, tenant_fk, tenant_key


class ServiceDelivery(TenantOwned, db.Model):
    __tablename__ = "service_delivery"
    __table_args__ = (
        tenant_key(),
        tenant_fk("case_id", "service_case"),
        Index("ix_service_delivery_tenant_case", "tenant_id", "case_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(BigInteger)
    delivered_on: Mapped[date] = mapped_column(Date)
    description: Mapped[str] = mapped_column(Text)
    quantity: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    delivered_by_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("user_account.id"))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    delivered_by: Mapped[User | None] = relationship(viewonly=True)
