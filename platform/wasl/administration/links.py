"""Absolute links for messages sent outside a request (CLI onboarding, jobs)."""

from __future__ import annotations

from flask import current_app, has_request_context, url_for


def absolute_url(endpoint: str, **values) -> str:
    """``url_for(..., _external=True)``, using WASL_PUBLIC_URL when there is no request to take the host from."""
    if has_request_context():
        return url_for(endpoint, _external=True, **values)
    base = current_app.config.get("WASL_PUBLIC_URL") or "http://127.0.0.1:5000"
    with current_app.test_request_context("/", base_url=base):
        return url_for(endpoint, _external=True, **values)
