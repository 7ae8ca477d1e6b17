"""The association's holidays, which the decision clock skips."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from wasl.administration.models import Holiday
from wasl.administration.refusals import HolidayTaken
from wasl.audit.services import record
from wasl.db import db


def holidays_of(year: int | None = None) -> list[Holiday]:
    """The current association's holidays, oldest first (optionally one Gregorian year)."""
    stmt = select(Holiday).order_by(Holiday.on)
    if year is not None:
        stmt = stmt.where(Holiday.on >= date(year, 1, 1), Holiday.on <= date(year, 12, 31))
    return list(db.session.scalars(stmt))


def holidays_between(start: date, end: date) -> set[date]:
    """The current association's holidays from ``start`` to ``end`` inclusive (needs a tenant in scope)."""
    stmt = select(Holiday.on).where(Holiday.on >= start, Holiday.on <= end)
    return set(db.session.scalars(stmt))


def add_holiday(on: date, name_ar: str, name_en: str) -> Holiday:
    if db.session.scalar(select(Holiday.id).where(Holiday.on == on)) is not None:
        raise HolidayTaken(_("Date: this day is already a holiday."))
    holiday = Holiday(on=on, name={"ar": name_ar.strip(), "en": (name_en or name_ar).strip()})
    db.session.add(holiday)
    db.session.flush()
    record("holiday.added", holiday, on=on.isoformat())
    return holiday


def holiday_by_id(holiday_id: int) -> Holiday | None:
    return db.session.scalar(select(Holiday).where(Holiday.id == holiday_id))


def remove_holiday(holiday: Holiday) -> None:
    record("holiday.removed", holiday, on=holiday.on.isoformat())
    db.session.delete(holiday)
