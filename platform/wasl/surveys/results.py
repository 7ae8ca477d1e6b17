"""Satisfaction results: each figure one aggregate statement over the survey table.

Surveys are counted by the Riyadh day they were sent (the day the service was
delivered), on the ``(tenant_id, invited_at)`` index; the tenant scope adds the
association itself. CSAT is the share of answers scoring 4 or 5 out of 5.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from wasl.dashboards.queries import Period
from wasl.dashboards.sql import riyadh_date, year_and_month
from wasl.db import db
from wasl.surveys.models import SatisfactionSurvey as S

SATISFIED_FROM = 4


@dataclass(frozen=True)
class Tally:
    """Surveys sent, answered, answered 4–5, and the mean score of the answers (None if none)."""

    invited: int
    answered: int
    satisfied: int
    average: float | None

    @property
    def response_rate(self) -> float | None:
        return self.answered / self.invited if self.invited else None

    @property
    def csat(self) -> float | None:
        return self.satisfied / self.answered if self.answered else None


EMPTY = Tally(0, 0, 0, None)


def _columns():
    return (func.count(S.id), func.count(S.answered_at), func.count(S.id).filter(S.score >= SATISFIED_FROM),
            func.avg(S.score))


def _tally(row) -> Tally:
    invited, answered, satisfied, average = row
    return Tally(int(invited or 0), int(answered or 0), int(satisfied or 0),
                 None if average is None else float(average))


def in_period(stmt, period: Period):
    stmt = stmt.where(S.invited_at >= period.starts_at, S.invited_at < period.ends_at)
    return stmt.where(S.service_key == period.service) if period.service else stmt


def summary(period: Period) -> Tally:
    return _tally(db.session.execute(in_period(select(*_columns()), period)).one())


def by_service(period: Period) -> dict[str, Tally]:
    stmt = in_period(select(S.service_key, *_columns()), period).group_by(S.service_key)
    return {row[0]: _tally(row[1:]) for row in db.session.execute(stmt)}


def by_channel(period: Period) -> dict[str, Tally]:
    stmt = in_period(select(S.channel, *_columns()), period).group_by(S.channel)
    return {row[0]: _tally(row[1:]) for row in db.session.execute(stmt)}


def by_month(period: Period) -> dict[tuple[int, int], Tally]:
    """(year, month) of the Riyadh day each survey was sent -> its tally."""
    year, month = year_and_month(riyadh_date(S.invited_at))
    stmt = in_period(select(year, month, *_columns()), period).group_by(year, month).order_by(year, month)
    return {(int(row[0]), int(row[1])): _tally(row[2:]) for row in db.session.execute(stmt)}


def comments(period: Period, limit: int = 200) -> list[tuple]:
    """The latest free-text comments of the period, with their service and day only (for admins)."""
    stmt = in_period(select(S.answered_at, S.service_key, S.comment), period).where(S.comment.is_not(None))
    return list(db.session.execute(stmt.order_by(S.answered_at.desc()).limit(limit)))
