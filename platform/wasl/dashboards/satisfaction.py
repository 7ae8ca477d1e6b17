"""The dashboard's satisfaction trend: each month's share of satisfied answers (4–5 out of 5).

One aggregate statement (the survey results by month); the period's total is
added up from the months, so it costs nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import format_date

from wasl.dashboards.queries import Period


@dataclass(frozen=True)
class SatisfactionMonth:
    key: str  # YYYY-MM
    label: str
    invited: int
    answered: int
    csat: float | None  # satisfied / answered (0-1); None when nobody answered


def months_of(first: date, last: date) -> list[date]:
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return months


def trend(period: Period) -> dict:
    """``satisfaction`` (the period's tally) and ``satisfaction_by_month`` (every month, answered or not)."""
    from wasl.surveys.results import EMPTY, Tally, by_month

    tallies = by_month(period)
    rows, kept = [], []
    for month in months_of(period.first, period.last):
        tally = tallies.get((month.year, month.month), EMPTY)
        kept.append(tally)
        rows.append(SatisfactionMonth(month.isoformat()[:7], format_date(month, "MMMM y"), tally.invited,
                                      tally.answered, tally.csat))
    answered = sum(t.answered for t in kept)
    average = sum((t.average or 0) * t.answered for t in kept) / answered if answered else None
    total = Tally(sum(t.invited for t in kept), answered, sum(t.satisfied for t in kept), average)
    return {"satisfaction": total, "satisfaction_by_month": rows}
