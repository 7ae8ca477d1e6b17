"""Date arithmetic the reporting statements share, written once for PostgreSQL and once for SQLite.

Constants are rendered into the SQL rather than bound, so an expression used in
both the select list and the GROUP BY is the same expression to PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import Date, cast, extract, func, literal_column

from wasl.db import db

RIYADH_ZONE = "Asia/Riyadh"


def _dialect() -> str:
    return db.session.get_bind().dialect.name


def riyadh_date(moment):
    """The Riyadh calendar day of a UTC timestamp column (Riyadh is UTC+3 all year)."""
    if _dialect() == "postgresql":
        return cast(func.timezone(literal_column(f"'{RIYADH_ZONE}'"), moment), Date)
    return func.date(moment, literal_column("'+3 hours'"))


def days_between(later, earlier):
    """Days, with their fraction, from ``earlier`` to ``later`` (two timestamp columns)."""
    if _dialect() == "postgresql":
        return extract("epoch", later - earlier) / 86400.0
    return func.julianday(later) - func.julianday(earlier)


def year_and_month(day):
    """Two integer expressions for a date expression: its year and its month."""
    return extract("year", day), extract("month", day)
