"""The dashboard's figures, each one aggregate statement over one association's rows.

Every statement selects ORM entities, so the tenant scope adds
``tenant_id = :tenant`` itself and the planner can start from the
tenant-leading indexes: ``(tenant_id, status, decision_due_on)`` for open
cases, ``(tenant_id, created_at)`` for intake, ``(tenant_id, decided_at)`` for
decisions and ``(tenant_id, case_id)`` for deliveries. Bands and months are
counted in one row or grouped by expressions without bound parameters, so
PostgreSQL and SQLite read the same statement the same way.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Integer as SqlInteger
from sqlalchemy import and_, case, cast, extract, func, select

from wasl.cases.models import ACTIVE_STATUSES, Case, Decision, ServiceDelivery
from wasl.db import db

AGE_BAND_DAYS = (7, 14, 30, 60)  # upper bounds (days since the request was received); the last band is open
PERCENTILES = (0.5, 0.9)


@dataclass(frozen=True)
class Period:
    """The inclusive Riyadh days asked for, their UTC bounds, and an optional service."""

    first: date
    last: date
    starts_at: datetime
    ends_at: datetime  # exclusive: the start of the day after ``last``
    service: str | None = None


def _of_service(stmt, period: Period):
    return stmt.where(Case.service_key == period.service) if period.service else stmt


def _case_join(stmt):
    return stmt.join(Case, and_(Case.id == Decision.case_id, Case.tenant_id == Decision.tenant_id))


def open_by_step(period: Period) -> dict[str, int]:
    """Active (open or referred) cases now, per current step."""
    stmt = select(Case.step, func.count(Case.id)).where(Case.status.in_(ACTIVE_STATUSES)).group_by(Case.step)
    return {step: count for step, count in db.session.execute(_of_service(stmt, period))}


def open_by_age(period: Period, today: date) -> list[int]:
    """Active cases now, per age band (days since received): one count per band, youngest first."""
    bounds = [today - timedelta(days=days) for days in AGE_BAND_DAYS]
    columns, newer = [], None
    for bound in bounds:
        condition = Case.received_on >= bound if newer is None else and_(Case.received_on >= bound,
                                                                         Case.received_on < newer)
        columns.append(func.count(Case.id).filter(condition))
        newer = bound
    columns.append(func.count(Case.id).filter(Case.received_on < newer))
    stmt = select(*columns).where(Case.status.in_(ACTIVE_STATUSES))
    return [int(value or 0) for value in db.session.execute(_of_service(stmt, period)).one()]


def decision_clock(period: Period, today: date, week_last: date) -> tuple[int, int]:
    """Cases waiting for a decision now: (overdue, due from today to ``week_last``)."""
    due = Case.decision_due_on
    stmt = select(func.count(Case.id).filter(due < today),
                  func.count(Case.id).filter(and_(due >= today, due <= week_last))).where(
        Case.status.in_(ACTIVE_STATUSES), Case.decided_at.is_(None), due.is_not(None))
    overdue, due_soon = db.session.execute(_of_service(stmt, period)).one()
    return int(overdue or 0), int(due_soon or 0)


def intake_by_channel(period: Period) -> dict[str, int]:
    """Requests received in the period, per channel."""
    stmt = (select(Case.channel, func.count(Case.id))
            .where(Case.created_at >= period.starts_at, Case.created_at < period.ends_at).group_by(Case.channel))
    return {channel: count for channel, count in db.session.execute(_of_service(stmt, period))}


def decision_outcomes(period: Period) -> dict[str, int]:
    """Decisions issued in the period, per outcome (every review round counts)."""
    stmt = (_case_join(select(Decision.outcome, func.count(Decision.id)))
            .where(Decision.decided_at >= period.starts_at, Decision.decided_at < period.ends_at)
            .group_by(Decision.outcome))
    return {outcome: count for outcome, count in db.session.execute(_of_service(stmt, period))}


@dataclass(frozen=True)
class Spread:
    """How many decisions were timed, and the median and 90th percentile of their days (None if none)."""

    count: int
    median: float | None
    p90: float | None


def time_to_decision(period: Period) -> Spread:
    """Days from submission to the committee to the decision, for decisions issued in the period."""
    dialect = db.session.get_bind().dialect.name
    if dialect == "postgresql":
        return _spread_postgresql(period)
    return _spread_portable(period)


def _timed(period: Period, *columns):
    """Decisions of the period with the submission of their own round (earlier rounds' times are not kept)."""
    stmt = _case_join(select(*columns)).where(
        Decision.decided_at >= period.starts_at, Decision.decided_at < period.ends_at,
        Decision.review_round == Case.review_round, Case.committee_submitted_at.is_not(None),
        Decision.decided_at >= Case.committee_submitted_at)
    return _of_service(stmt, period)


def _spread_postgresql(period: Period) -> Spread:
    days = extract("epoch", Decision.decided_at - Case.committee_submitted_at) / 86400.0
    stmt = _timed(period, func.count(Decision.id), *(func.percentile_cont(p).within_group(days) for p in PERCENTILES))
    count, median, p90 = db.session.execute(stmt).one()
    return Spread(int(count or 0), _float(median), _float(p90))


def _spread_portable(period: Period) -> Spread:
    """SQLite has no percentile aggregate: rank the rows in a window and pick the two around each position."""
    days = func.julianday(Decision.decided_at) - func.julianday(Case.committee_submitted_at)
    ranked = _timed(period, days.label("days"), func.row_number().over(order_by=days).label("rank"),
                    func.count().over().label("total")).subquery()
    picks = []
    for p in PERCENTILES:
        lower = cast(p * (ranked.c.total - 1), SqlInteger) + 1
        picks.append(func.max(case((ranked.c.rank == lower, ranked.c.days))))
        picks.append(func.max(case((ranked.c.rank == lower + 1, ranked.c.days))))
    row = db.session.execute(select(func.max(ranked.c.total), *picks)).one()
    total = int(row[0] or 0)
    if not total:
        return Spread(0, None, None)
    values = [_interpolate(p, total, row[1 + 2 * i], row[2 + 2 * i]) for i, p in enumerate(PERCENTILES)]
    return Spread(total, *values)


def _interpolate(p: float, total: int, low, high) -> float:
    """``percentile_cont``: linear between the values either side of position p·(n−1)."""
    position = p * (total - 1)
    fraction = position - math.floor(position)
    low = float(low)
    return low if high is None or fraction == 0 else low + fraction * (float(high) - low)


def _float(value) -> float | None:
    return None if value is None else float(value)


def deliveries_by_service_month(period: Period) -> list[tuple[str, int, int, int, float]]:
    """Deliveries made in the period: (service, year, month, count, amount), by service and month."""
    year, month = extract("year", ServiceDelivery.delivered_on), extract("month", ServiceDelivery.delivered_on)
    stmt = (select(Case.service_key, year, month, func.count(ServiceDelivery.id),
                   func.coalesce(func.sum(ServiceDelivery.amount), 0))
            .join(Case, and_(Case.id == ServiceDelivery.case_id, Case.tenant_id == ServiceDelivery.tenant_id))
            .where(ServiceDelivery.delivered_on >= period.first, ServiceDelivery.delivered_on <= period.last)
            .group_by(Case.service_key, year, month).order_by(year, month, Case.service_key))
    return [(service, int(y), int(m), int(count), float(amount or 0))
            for service, y, m, count, amount in db.session.execute(_of_service(stmt, period))]
