"""The transparency setting of the association in scope: off by default, the last 365 days when on."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from wasl.audit.services import record
from wasl.db import db
from wasl.transparency.models import DEFAULT_PERIOD_DAYS, PERIOD_CHOICES, TransparencySetting


@dataclass(frozen=True)
class Choice:
    """What the admin chose: whether the page is published, and how many days up to today it covers."""

    published: bool = False
    period_days: int = DEFAULT_PERIOD_DAYS


def current_choice() -> Choice:
    """The association's choice, or the defaults when it never changed them."""
    row = db.session.scalar(select(TransparencySetting))
    return Choice(row.published, row.period_days) if row is not None else Choice()


def choose(tenant, published: bool, period_days: int, actor) -> Choice:
    """Publish or withdraw the page and set its period (one of ``PERIOD_CHOICES``); audited when it changes."""
    if period_days not in PERIOD_CHOICES:
        raise ValueError(period_days)
    row = db.session.scalar(select(TransparencySetting))
    if row is None:
        row = TransparencySetting(tenant_id=tenant.id, published=False, period_days=DEFAULT_PERIOD_DAYS)
        db.session.add(row)
    if (row.published, row.period_days) != (published, period_days):
        row.published, row.period_days = published, period_days
        row.updated_by_id = actor.id if actor is not None else None
        db.session.flush()
        record("transparency.changed", tenant, actor_id=row.updated_by_id, enabled=published,
               period_days=period_days)
    return Choice(row.published, row.period_days)
