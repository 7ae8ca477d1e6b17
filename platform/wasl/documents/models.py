"""A file a member of the association uploaded: its facts here, its bytes in the upload directory."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wasl.accounts.models import User
from wasl.db import BigId, UtcDateTime, db, utcnow
from wasl.tenancy.mixins import TenantOwned, tenant_fk, tenant_key


class Document(TenantOwned, db.Model):
    """One stored upload; its type is what its bytes are, whatever its name says.

    ``case_id`` is the service request the document was supplied for (the
    completeness check reads a case's documents by ``kind``, the required
    document's key in the policy); ``None`` for a document not tied to a case.
    ``store_upload`` checks that the case exists in the association in scope.
    """

    __tablename__ = "document"
    __table_args__ = (
        tenant_key(),
        UniqueConstraint("tenant_id", "storage_key"),
        Index("ix_document_tenant_id_case_id", "tenant_id", "case_id"),
        tenant_fk("case_id", "service_case"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    original_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(64))
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(160))
    kind: Mapped[str | None] = mapped_column(String(64))
    expires_on: Mapped[date | None] = mapped_column(Date)
    case_id: Mapped[int | None] = mapped_column(BigInteger)
    uploaded_by_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("user_account.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    uploaded_by: Mapped[User | None] = relationship(lazy="joined")

    def is_valid_on(self, day: date) -> bool:
        """Valid on ``day``: no expiry, or expiring on that day or later."""
        return self.expires_on is None or self.expires_on >= day

    def __repr__(self) -> str:
        return f"<Document {self.id} {self.content_type}>"
