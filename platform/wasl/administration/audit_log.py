"""Reading an audit trail: filters, pages and a streamed CSV."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from wasl.accounts.models import User
from wasl.audit.models import AuditEvent, PlatformAuditEvent
from wasl.db import db
from wasl.i18n.dates import RIYADH, in_riyadh

CSV_COLUMNS = ("created_at", "actor_email", "action", "object_type", "object_id", "request_id", "ip_address",
               "details")


@dataclass(frozen=True)
class AuditFilter:
    actor: str | None = None
    action: str | None = None
    object_type: str | None = None
    object_id: str | None = None
    date_from: date | None = None
    date_to: date | None = None


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=RIYADH)


def filtered(model, criteria: AuditFilter):
    """SELECT of events (newest first) with their actor, narrowed by ``criteria``; days are Riyadh days."""
    stmt = select(model, User.email).outerjoin(User, User.id == model.actor_user_id)
    if criteria.actor:
        stmt = stmt.where(User.email.ilike(f"%{criteria.actor.strip()}%"))
    if criteria.action:
        stmt = stmt.where(model.action.startswith(criteria.action.strip()))
    if criteria.object_type:
        stmt = stmt.where(model.object_type == criteria.object_type.strip())
    if criteria.object_id:
        stmt = stmt.where(model.object_id == criteria.object_id.strip())
    if criteria.date_from:
        stmt = stmt.where(model.created_at >= _day_start(criteria.date_from))
    if criteria.date_to:
        stmt = stmt.where(model.created_at < _day_start(criteria.date_to + timedelta(days=1)))
    return stmt.order_by(model.created_at.desc(), model.id.desc())


def tenant_events(criteria: AuditFilter):
    """The current association's events (scoped automatically)."""
    return filtered(AuditEvent, criteria)


def platform_events(criteria: AuditFilter):
    """Events outside any association: operators' actions, sign-ins."""
    return filtered(PlatformAuditEvent, criteria)


def page_of(stmt, page: int, per_page: int = 50) -> tuple[list, int]:
    """One page of ``(event, actor_email)`` rows and whether there is a next page."""
    rows = db.session.execute(stmt.limit(per_page + 1).offset((page - 1) * per_page)).all()
    return rows[:per_page], len(rows) > per_page


def object_types(model) -> list[str]:
    return [t for t in db.session.scalars(select(model.object_type).distinct().order_by(model.object_type)) if t]


def _cell(value: str) -> str:
    """Spreadsheets run cells that start like a formula; a leading apostrophe keeps them text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def csv_rows(stmt, batch: int = 500):
    """The CSV text, a chunk at a time, so a long trail never sits in memory whole."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    yield "\ufeff" + buffer.getvalue()
    for event, email in db.session.execute(stmt.execution_options(yield_per=batch)):
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([_cell(v) for v in (
            in_riyadh(event.created_at).isoformat(), email or "", event.action, event.object_type or "", event.object_id or "",
            event.request_id or "", event.ip_address or "",
            json.dumps(event.details or {}, ensure_ascii=False, sort_keys=True))])
        yield buffer.getvalue()
