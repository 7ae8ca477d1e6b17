"""Rate limits of the public form: per IP address and per mobile number (hashed, like the portal's sign-in)."""

from __future__ import annotations

from flask import current_app

DEFAULTS = {"WASL_FEEDBACK_LIMIT_IP": "10 per hour", "WASL_FEEDBACK_LIMIT_MOBILE": "5 per hour"}


def _setting(name: str) -> str:
    return current_app.config.get(name) or DEFAULTS[name]


def per_ip() -> str:
    return _setting("WASL_FEEDBACK_LIMIT_IP")


def per_mobile() -> str:
    return _setting("WASL_FEEDBACK_LIMIT_MOBILE")


def mobile_key() -> str:
    from wasl.portal.limits import mobile_key as hashed_mobile

    return "feedback-" + hashed_mobile()
