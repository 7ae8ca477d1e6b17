"""The committee's votes and its decision on a case, per review round."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wasl.accounts.models import User
from wasl.db import BigId, UtcDateTime, db, utcnow
from wasl.tenancy.mixins import TenantOwned, tenant_fk, tenant_key

ACCEPT, REJECT = "accept", "reject"
VOTES = (ACCEPT, REJECT)
ACCEPTED, REJECTED = "accepted", "rejected"
OUTCOMES = (ACCEPTED, REJECTED)


class CommitteeVote(TenantOwned, db.Model):
    """One member's vote with reasons; a member may change it until the decision, never vote twice."""

    __tablename__ = "committee_vote"
    __table_args__ = (
        tenant_key(),
        tenant_fk("case_id", "service_case"),
        UniqueConstraint("tenant_id", "case_id", "review_round", "voter_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(BigInteger)
    review_round: Mapped[int] = mapped_column(Integer, default=1)
    voter_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("user_account.id"))
    vote: Mapped[str] = mapped_column(String(8))
    reasons: Mapped[str] = mapped_column(Text)
    cast_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    voter: Mapped[User] = relationship(viewonly=True)


class Decision(TenantOwned, db.Model):
    """Accepted or rejected, with reasons and the tally it was issued on; the letter is built from it."""

    __tablename__ = "case_decision"
    __table_args__ = (
        tenant_key(),
        tenant_fk("case_id", "service_case"),
        UniqueConstraint("tenant_id", "case_id", "review_round"),
        Index("ix_case_decision_tenant_decided", "tenant_id", "decided_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(BigInteger)
    review_round: Mapped[int] = mapped_column(Integer, default=1)
    outcome: Mapped[str] = mapped_column(String(10))
    reasons: Mapped[str] = mapped_column(Text)
    votes_for: Mapped[int] = mapped_column(Integer, default=0)
    votes_against: Mapped[int] = mapped_column(Integer, default=0)
    quorum: Mapped[int] = mapped_column(Integer)
    decided_by_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("user_account.id"))
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    decided_by: Mapped[User | None] = relationship(viewonly=True)
