"""GET /health (the process answers) and GET /health/ready (database and Redis answer)."""

from __future__ import annotations

from flask import Blueprint, jsonify

from wasl.accounts import access
from wasl.health import services

bp = Blueprint("health", __name__, url_prefix="/health")


@bp.route("")
@access.public
def alive():
    return jsonify(status="ok")


@bp.route("/ready")
@access.public
def ready():
    checks = services.readiness()
    ok = all(checks.values())
    body = {"status": "ready" if ok else "not ready", "checks": {k: "ok" if v else "down" for k, v in checks.items()}}
    return jsonify(body), 200 if ok else 503

