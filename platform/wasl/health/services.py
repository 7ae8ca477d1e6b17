"""What the probes report: whether the database and Redis answer."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import text

from wasl.db import db
from wasl.ratelimit import redis_answers


def readiness() -> dict[str, bool]:
    """Each dependency by name, True when it answers; a failed database leaves the request's rollback to the
    unit of work, since an answer of 503 rolls back."""
    return {"database": _database_answers(), "redis": redis_answers(current_app.config["REDIS_URL"], 1.0)}


def _database_answers() -> bool:
    try:
        db.session.execute(text("SELECT 1").execution_options(touches_tenant_data=False))
        return True
    except Exception:  # noqa: BLE001 - any failure means not ready
        return False
