"""Request ids and security headers on every response."""

from __future__ import annotations

import re
import uuid

from flask import g, request

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


# Per-request caches other extensions keep on ``g``. A request normally gets a fresh
# ``g``; when a caller reuses one application context for several requests (the
# test client inside a pushed context does), stale values must not carry over.
_REQUEST_CACHES = ("_flask_babel", "csrf_token", "_login_user", "tenant", "membership", "actor")


def assign_request_id() -> None:
    for key in _REQUEST_CACHES:
        g.pop(key, None)
    incoming = request.headers.get("X-Request-ID", "")
    g.request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex


def security_headers(response):
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "frame-ancestors 'none'; form-action 'self'",
    )
    if g.get("request_id"):
        response.headers["X-Request-ID"] = g.request_id
    return response


def init_app(app) -> None:
    app.before_request(assign_request_id)
    app.after_request(security_headers)
