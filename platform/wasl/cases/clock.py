"""The decision clock: when a decision is due, from the policy's decision window.

``counting: working`` counts working days only: Sunday to Thursday (Friday and
Saturday are the Saudi weekend) and not the association's holidays.
``counting: calendar`` counts every day. The day of submission itself is
never counted: a 14-day window from a Sunday ends on the Sunday two weeks later.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta

CALENDAR, WORKING = "calendar", "working"
FRIDAY, SATURDAY = 4, 5  # date.weekday()
WEEKEND = frozenset({FRIDAY, SATURDAY})


def is_working_day(day: date, holidays: Iterable[date] = ()) -> bool:
    return day.weekday() not in WEEKEND and day not in holidays


def due_on(start: date, days: int, counting: str, holidays: Callable[[date, date], set[date]] | None = None) -> date:
    """The day a decision is due when the window of ``days`` starts on ``start``.

    ``holidays(first, last)`` returns the holidays in a range (inclusive); it is
    asked for wider ranges until the window fits, so any number of holidays works.
    """
    if counting != WORKING:
        return start + timedelta(days=days)
    lookup = holidays or (lambda first, last: set())
    span = days * 2 + 14  # a generous first guess: two weekend days a week plus a few holidays
    while True:
        last = start + timedelta(days=span)
        day = _count_working_days(start, days, lookup(start + timedelta(days=1), last), last)
        if day is not None:
            return day
        span *= 2


def _count_working_days(start: date, days: int, holidays: set[date], last: date) -> date | None:
    counted, day = 0, start
    while counted < days:
        day += timedelta(days=1)
        if day > last:
            return None
        if is_working_day(day, holidays):
            counted += 1
    return day


def decision_due_on(start: date, window: dict) -> date:
    """``due_on`` for the association in scope, with its holidays (see ``administration.holidays``)."""
    from wasl.administration.holidays import holidays_between

    return due_on(start, int(window.get("days", 14)), window.get("counting", CALENDAR), holidays_between)
