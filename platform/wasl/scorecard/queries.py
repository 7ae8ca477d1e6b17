"""The scorecard's figures and the cases behind each: one aggregate statement per figure.

Each figure has a ``*_base`` that fixes its rows (FROM, joins, period) and a
``meets`` expression; the figure counts the rows and those that meet the
clause, the drill-down lists the same rows with the same expression, so a
drill-down always holds exactly the cases behind its figure. The tenant scope
adds the association; periods are on tenant-leading indexes:
``(tenant_id, decided_at)`` for decisions, ``(tenant_id, created_at)`` for
cases received, ``(tenant_id, invited_at)`` for surveys.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, exists, func, literal, or_, select
from sqlalchemy import case as when

from wasl.cases.models import Case, Decision, Pledge, Referral
from wasl.dashboards.queries import Period
from wasl.dashboards.sql import days_between, riyadh_date
from wasl.db import db
from wasl.surveys.models import SatisfactionSurvey as Survey
from wasl.surveys.results import SATISFIED_FROM

DRILL_LIMIT = 500


@dataclass(frozen=True)
class Count:
    total: int
    met: int

    @property
    def share(self) -> float | None:
        return self.met / self.total if self.total else None


@dataclass(frozen=True)
class Base:
    """Rows of one figure: the statement's FROM and WHERE (as a function of columns) and what "met" is."""

    build: object  # (columns...) -> Select
    meets: object  # a boolean SQL expression, or None when every row counts as met
    moment: object  # the column the drill-down shows as the row's date


def _received(period: Period):
    return and_(Case.created_at >= period.starts_at, Case.created_at < period.ends_at)


def decision_window(period: Period) -> Base:
    """Decisions of the period (the current round of each case), on time when issued by the due day."""
    join = and_(Case.id == Decision.case_id, Case.tenant_id == Decision.tenant_id)

    def build(*columns):
        return (select(*columns).select_from(Decision).join(Case, join)
                .where(Decision.decided_at >= period.starts_at, Decision.decided_at < period.ends_at,
                       Decision.review_round == Case.review_round, Case.decision_due_on.is_not(None)))

    return Base(build, riyadh_date(Decision.decided_at) <= Case.decision_due_on, Decision.decided_at)


def pledge(period: Period) -> Base:
    """Cases received in the period that went to the committee; met when a standing pledge was signed first."""
    signed_first = exists(select(Pledge.id).where(
        Pledge.tenant_id == Case.tenant_id, Pledge.case_id == Case.id, Pledge.voided_at.is_(None),
        Pledge.signed_at <= Case.committee_submitted_at))

    def build(*columns):
        return select(*columns).select_from(Case).where(_received(period), Case.committee_submitted_at.is_not(None))

    return Base(build, signed_first, Case.committee_submitted_at)


def received(period: Period, channels: tuple[str, ...]) -> Base:
    """Cases received in the period; met when they came in on one of ``channels``."""

    def build(*columns):
        return select(*columns).select_from(Case).where(_received(period))

    return Base(build, Case.channel.in_(channels) if channels else None, Case.created_at)


def surveys(period: Period, answered_only: bool = False) -> Base:
    """Surveys sent in the period (met: answered); or the answers only (met: satisfied, 4–5 of 5)."""
    join = and_(Case.id == Survey.case_id, Case.tenant_id == Survey.tenant_id)

    def build(*columns):
        stmt = (select(*columns).select_from(Survey).join(Case, join)
                .where(Survey.invited_at >= period.starts_at, Survey.invited_at < period.ends_at))
        return stmt.where(Survey.answered_at.is_not(None)) if answered_only else stmt

    meets = Survey.score >= SATISFIED_FROM if answered_only else Survey.answered_at.is_not(None)
    return Base(build, meets, Survey.invited_at)


def referrals(period: Period, days: int, now: datetime) -> Base:
    """Referrals made in the period and answered or overdue; met when answered within ``days`` days."""
    join = and_(Case.id == Referral.case_id, Case.tenant_id == Referral.tenant_id)
    answered = Referral.answered_at.is_not(None)

    def build(*columns):
        return (select(*columns).select_from(Referral).join(Case, join)
                .where(Referral.referred_at >= period.starts_at, Referral.referred_at < period.ends_at,
                       or_(answered, Referral.referred_at < now - timedelta(days=days))))

    return Base(build, and_(answered, days_between(Referral.answered_at, Referral.referred_at) <= days),
                Referral.referred_at)


def count(base: Base) -> Count:
    """The figure: one aggregate statement."""
    met = func.count(Case.id).filter(base.meets) if base.meets is not None else func.count(Case.id)
    total, hits = db.session.execute(base.build(func.count(Case.id), met)).one()
    return Count(int(total or 0), int(hits or 0))


def channel_counts(period: Period) -> dict[str, int]:
    """Cases received in the period per channel: the channels clause and the online share, in one statement."""
    stmt = select(Case.channel, func.count(Case.id)).where(_received(period)).group_by(Case.channel)
    return {channel: int(n) for channel, n in db.session.execute(stmt)}


@dataclass(frozen=True)
class DrillRow:
    case_id: int
    number: str
    service_key: str
    channel: str
    moment: datetime
    met: bool | None


def drill(base: Base, with_outcome: bool = True, limit: int = DRILL_LIMIT) -> list[DrillRow]:
    """The rows behind a figure, those that miss it first; ``with_outcome`` False hides what each row scored."""
    met = when((base.meets, True), else_=False) if base.meets is not None else literal(True)
    columns = [Case.id, Case.number, Case.service_key, Case.channel, base.moment, met.label("met")]
    order = (met, base.moment, Case.id) if with_outcome else (base.moment, Case.id)
    stmt = base.build(*columns).order_by(*order).limit(limit)
    return [DrillRow(i, number, service, channel, moment, bool(hit) if with_outcome else None)
            for i, number, service, channel, moment, hit in db.session.execute(stmt)]
