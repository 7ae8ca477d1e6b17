"""The beneficiary's signed pledge that their data is true, bound to a hash of that data."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wasl.accounts.models import User
from wasl.db import BigId, UtcDateTime, db, utcnow
from wasl.tenancy.mixins import TenantOwned, tenant_fk, tenant_key


class Pledge(TenantOwned, db.Model):
    """``attested_hash`` is the SHA-256 of the beneficiary's attested fields when signed.

    When those fields change the pledge no longer holds: it is voided (``voided_at``)
    and the case cannot proceed until the beneficiary signs again.
    """

    __tablename__ = "case_pledge"
    __table_args__ = (
        tenant_key(),
        tenant_fk("case_id", "service_case"),
        Index("ix_case_pledge_tenant_case", "tenant_id", "case_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(BigInteger)
    declaration: Mapped[dict] = mapped_column(JSON)
    signed_name: Mapped[str] = mapped_column(String(200))
    signature_png: Mapped[bytes] = mapped_column(LargeBinary)
    signature_sha256: Mapped[str] = mapped_column(String(64))
    attested_hash: Mapped[str] = mapped_column(String(64))
    taken_by_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("user_account.id"))
    signed_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    voided_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    void_reason: Mapped[str | None] = mapped_column(String(200))
    taken_by: Mapped[User | None] = relationship(viewonly=True)

    @property
    def is_void(self) -> bool:
        return self.voided_at is not None
