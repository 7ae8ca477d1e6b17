"""The response clock: when a reply is due, and how an item stands against it today.

The window counts working days (Sunday to Thursday, not the association's
holidays) with the decision clock's rules (``cases.clock``): the day of filing
is not counted. How far an item is from its due day is counted the same way,
so "two days left" means two working days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select

from wasl.administration.holidays import holidays_between
from wasl.cases.clock import WORKING, due_on, is_working_day
from wasl.db import db
from wasl.feedback.models import DEFAULT_RESPONSE_DAYS, FeedbackSettings
from wasl.i18n.dates import RIYADH

ON_TIME, DUE_TODAY, OVERDUE, ANSWERED = "on_time", "due_today", "overdue", "answered"


def local_day(moment: datetime) -> date:
    return moment.astimezone(RIYADH).date()


def today() -> date:
    return datetime.now(RIYADH).date()


def settings_row() -> FeedbackSettings | None:
    return db.session.scalar(select(FeedbackSettings))


def response_days() -> int:
    """The association's response window in working days (``DEFAULT_RESPONSE_DAYS`` until it sets one)."""
    row = settings_row()
    return row.response_days if row is not None else DEFAULT_RESPONSE_DAYS


def reply_due_on(filed_on: date, days: int | None = None) -> date:
    return due_on(filed_on, days if days is not None else response_days(), WORKING, holidays_between)


@dataclass(frozen=True)
class Standing:
    """Where an item stands: ``state`` is one of the constants above; ``days`` are working days."""

    state: str
    days: int
    age_days: int


def working_days_between(first: date, last: date, holidays: set[date]) -> int:
    """Working days after ``first`` up to and including ``last`` (0 when ``last`` is not after ``first``)."""
    count, day = 0, first
    while day < last:
        day += timedelta(days=1)
        count += is_working_day(day, holidays)
    return count


def standing(filed_at: datetime, due: date, answered: bool, on: date, holidays: set[date]) -> Standing:
    """The item's age in working days and its standing against ``due`` on the day ``on``."""
    age = working_days_between(local_day(filed_at), on, holidays)
    if answered:
        return Standing(ANSWERED, 0, age)
    if on > due:
        return Standing(OVERDUE, working_days_between(due, on, holidays), age)
    if on == due:
        return Standing(DUE_TODAY, 0, age)
    return Standing(ON_TIME, working_days_between(on, due, holidays), age)


def holidays_for(items, on: date) -> set[date]:
    """The holidays between the oldest item's filing and the latest due day: one statement for a page."""
    if not items:
        return set()
    first = min(local_day(item.filed_at) for item in items)
    last = max([on, *(item.due_on for item in items)])
    return holidays_between(first, last)
