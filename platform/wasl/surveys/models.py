"""What the satisfaction survey keeps: one row per case, from the invitation to the answer.

The link's token is never stored: only its keyed hash (``wasl.crypto.blind_index``,
keyed per association), so a link from one association matches nothing in
another's. The service and the channel the request came in by are copied from
the case when the invitation is written, so every result is counted from this
one table, on the index that leads with the association and the day invited.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from wasl.db import BigId, UtcDateTime, db, utcnow
from wasl.tenancy.mixins import TenantOwned, tenant_fk, tenant_key


class SatisfactionSurvey(TenantOwned, db.Model):
    """A survey sent after the service of one case was delivered; answered at most once.

    ``score`` is the answer to the first question, on a 1–5 scale whatever the
    question's own scale, so every association's satisfaction reads the same way.
    """

    __tablename__ = "satisfaction_survey"
    __table_args__ = (
        tenant_key(),
        UniqueConstraint("tenant_id", "case_id"),
        UniqueConstraint("tenant_id", "token_hash"),
        tenant_fk("case_id", "service_case"),
        Index("ix_satisfaction_survey_tenant_invited", "tenant_id", "invited_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(BigInteger)
    token_hash: Mapped[str] = mapped_column(String(64))
    service_key: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(64))
    invited_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    language: Mapped[str | None] = mapped_column(String(2))
    score: Mapped[int | None] = mapped_column(Integer)
    answers: Mapped[dict | None] = mapped_column(JSON)
    comment: Mapped[str | None] = mapped_column(Text)

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None

