"""GET /health (the process answers) and GET /health/ready (database and Redis answer)."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text

from wasl.accounts import access
from wasl.db import db
from wasl.ratelimit import redis_answers

bp = Blueprint("health", __name__, url_prefix="/health")


@bp.route("")
@access.public
def alive():
    return jsonify(status="ok")


@bp.route("/ready")
@access.public
def ready():
    checks = {"database": _database_answers(), "redis": redis_answers(current_app.config["REDIS_URL"], 1.0)}
    ok = all(checks.values())
    body = {"status": "ready" if ok else "not ready", "checks": {k: "ok" if v else "down" for k, v in checks.items()}}
    return jsonify(body), 200 if ok else 503


def _database_answers() -> bool:
    try:
        db.session.execute(text("SELECT 1").execution_options(touches_tenant_data=False))
        return True
    except Exception:  # noqa: BLE001 - any failure means not ready
        db.session.rollback()
        return False
