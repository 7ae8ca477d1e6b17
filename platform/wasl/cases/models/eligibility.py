"""Eligibility verification: the checks a service's mechanisms call for, and the criteria, one by one."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wasl.accounts.models import User
from wasl.db import BigId, UtcDateTime, db, utcnow
from wasl.tenancy.mixins import TenantOwned, tenant_fk, tenant_key

ADMINISTRATIVE_REVIEW = "administrative_review"
PERSONAL_INTERVIEW = "personal_interview"
FIELD_VISIT = "field_visit"
SCHEDULED_MECHANISMS = (PERSONAL_INTERVIEW, FIELD_VISIT)
CHECK_OUTCOMES = ("satisfied", "not_satisfied")


class EligibilityCheck(TenantOwned, db.Model):
    """An administrative review (a checklist), or an interview or field visit (scheduled, then reported)."""

    __tablename__ = "eligibility_check"
    __table_args__ = (
        tenant_key(),
        tenant_fk("case_id", "service_case"),
        Index("ix_eligibility_check_tenant_case", "tenant_id", "case_id", "review_round"),
        Index("ix_eligibility_check_tenant_assignee", "tenant_id", "assignee_id", "completed_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(BigInteger)
    review_round: Mapped[int] = mapped_column(Integer, default=1)
    mechanism: Mapped[str] = mapped_column(String(32))
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    scheduled_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    assignee_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("user_account.id"))
    address: Mapped[str | None] = mapped_column(Text)
    checklist: Mapped[list] = mapped_column(JSON, default=list)
    report: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(String(16))
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    completed_by_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id], viewonly=True)

    @property
    def has_evidence(self) -> bool:
        """An outcome, and the evidence the mechanism calls for: a written report or a checked list."""
        if self.outcome is None:
            return False
        if self.mechanism == ADMINISTRATIVE_REVIEW:
            return bool(self.checklist) or bool((self.report or "").strip())
        return bool((self.report or "").strip())


class CriterionEvaluation(TenantOwned, db.Model):
    """Whether the case meets one criterion of the policy (by its position in the policy's list)."""

    __tablename__ = "criterion_evaluation"
    __table_args__ = (
        tenant_key(),
        tenant_fk("case_id", "service_case"),
        UniqueConstraint("tenant_id", "case_id", "review_round", "criterion_index"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(BigInteger)
    review_round: Mapped[int] = mapped_column(Integer, default=1)
    criterion_index: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(40))
    text: Mapped[dict] = mapped_column(JSON)
    met: Mapped[bool] = mapped_column(Boolean)
    notes: Mapped[str | None] = mapped_column(Text)
    evaluated_by_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("user_account.id"))
    evaluated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
