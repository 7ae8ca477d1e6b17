"""Absolute links for messages, which are read outside the browser that caused them."""

from __future__ import annotations

from flask import current_app, has_request_context, url_for
from werkzeug.routing import BuildError


def absolute_url(endpoint: str, **values) -> str | None:
    """``url_for(..., _external=True)``; WASL_PUBLIC_URL stands in for the host outside a request."""
    if endpoint not in current_app.view_functions:
        return None
    try:
        if has_request_context():
            return url_for(endpoint, _external=True, **values)
        base = current_app.config.get("WASL_PUBLIC_URL") or "http://127.0.0.1:5000"
        with current_app.test_request_context("/", base_url=base):
            return url_for(endpoint, _external=True, **values)
    except BuildError:
        return None
