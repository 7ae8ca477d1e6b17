"""The case: one beneficiary's service request, handled under the policy version it was opened with."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import BigInteger, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wasl.accounts.models import User
from wasl.cases.models._common import enum_column, same_tenant
from wasl.db import BigId, UtcDateTime, db, utcnow
from wasl.tenancy.mixins import TenantOwned, tenant_fk, tenant_key
from wasl.tenancy.models import Tenant


class CaseStatus(enum.StrEnum):
    OPEN = "open"  # being handled at its current step
    REFERRED = "referred"  # waiting for a referee's answer
    WITHDRAWN = "withdrawn"
    REJECTED = "rejected"
    CLOSED = "closed"  # the procedure ran to its end


ACTIVE_STATUSES = (CaseStatus.OPEN, CaseStatus.REFERRED)


class Priority(enum.StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class Case(TenantOwned, db.Model):
    """A service request. ``policy_version_id`` is fixed at opening: a later policy never rewrites it.

    ``step`` is the current step type of that version's procedure; ``waiting_role``
    is the role key whose holders the case waits for (the step's responsible
    role, or the referral's target role), kept here so inboxes are one query.
    """

    __tablename__ = "service_case"
    __table_args__ = (
        tenant_key(),
        UniqueConstraint("tenant_id", "number"),
        tenant_fk("beneficiary_id", "beneficiary"),
        tenant_fk("policy_version_id", "policy_version"),
        Index("ix_service_case_tenant_created", "tenant_id", "created_at", "id"),  # the list's order, whole
        Index("ix_service_case_tenant_beneficiary", "tenant_id", "beneficiary_id"),
        Index("ix_service_case_tenant_assignee", "tenant_id", "assignee_id"),
        Index("ix_service_case_tenant_status_due", "tenant_id", "status", "decision_due_on"),
        Index("ix_service_case_tenant_waiting_role", "tenant_id", "waiting_role", "status"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    number: Mapped[str] = mapped_column(String(32))
    beneficiary_id: Mapped[int] = mapped_column(BigInteger)
    policy_version_id: Mapped[int] = mapped_column(BigInteger)
    service_key: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(64))
    step: Mapped[str] = mapped_column(String(32))
    status: Mapped[CaseStatus] = mapped_column(enum_column(CaseStatus), default=CaseStatus.OPEN)
    waiting_role: Mapped[str | None] = mapped_column(String(64))
    priority: Mapped[Priority] = mapped_column(enum_column(Priority, 8), default=Priority.NORMAL)
    description: Mapped[str | None] = mapped_column(Text)
    assignee_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("user_account.id"))
    opened_by_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("user_account.id"))
    # The day (Riyadh) the request was submitted: documents must be valid on it.
    received_on: Mapped[date] = mapped_column(Date)
    review_round: Mapped[int] = mapped_column(Integer, default=1)
    committee_submitted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    decision_due_on: Mapped[date | None] = mapped_column(Date)
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    due_soon_reminded_on: Mapped[date | None] = mapped_column(Date)
    overdue_reminded_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)
    lock_version: Mapped[int] = mapped_column(Integer)

    # Two people acting on the same case at once: the second write fails instead of overwriting.
    __mapper_args__ = {"version_id_col": lock_version}

    tenant: Mapped[Tenant] = relationship(foreign_keys="Case.tenant_id", viewonly=True)
    beneficiary = same_tenant("Case", "Beneficiary", "beneficiary_id")
    policy_version = same_tenant("Case", "PolicyVersion", "policy_version_id")
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id], viewonly=True)
    opened_by: Mapped[User | None] = relationship(foreign_keys=[opened_by_id], viewonly=True)

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    def is_overdue(self, today: date) -> bool:
        return (self.is_active and self.decided_at is None and self.decision_due_on is not None
                and self.decision_due_on < today)

    def __repr__(self) -> str:
        return f"<Case {self.number} tenant={self.tenant_id} {self.step}/{self.status}>"
