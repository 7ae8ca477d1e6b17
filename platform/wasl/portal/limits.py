"""Rate limits of the portal's sign-in: per IP address, per mobile number and per national ID.

The keys hold keyed hashes, never the numbers themselves, and normalise the
digits first so that ``٠٥٠…`` and ``050…`` count as the same mobile. Limits
are settings, so an association behind one shared address can be given more.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac

from flask import current_app, request

from wasl.beneficiaries.identity import IdentityError, ascii_digits, normalise_mobile

DEFAULTS = {
    "WASL_PORTAL_CODE_LIMIT_PERSON": "5 per 15 minutes",
    "WASL_PORTAL_CODE_LIMIT_IP": "30 per 15 minutes",
    "WASL_PORTAL_VERIFY_LIMIT_IP": "30 per 15 minutes",
}


def _setting(name: str) -> str:
    return current_app.config.get(name) or DEFAULTS[name]


def per_person() -> str:
    return _setting("WASL_PORTAL_CODE_LIMIT_PERSON")


def code_per_ip() -> str:
    return _setting("WASL_PORTAL_CODE_LIMIT_IP")


def verify_per_ip() -> str:
    return _setting("WASL_PORTAL_VERIFY_LIMIT_IP")


def _submitted(name: str) -> str:
    if request.path.startswith("/api/"):
        body = request.get_json(silent=True)
        value = body.get(name) if isinstance(body, dict) else ""
    else:
        value = request.form.get(name, "")
    return ascii_digits(str(value or ""))


def _hashed(kind: str, value: str) -> str:
    secret = str(current_app.config["SECRET_KEY"]).encode()
    return f"portal-{kind}:" + hmac.new(secret, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()[:32]


def national_id_key() -> str:
    return _hashed("national-id", _submitted("national_id"))


def mobile_key() -> str:
    raw = _submitted("mobile")
    with contextlib.suppress(IdentityError):  # an invalid number is refused anyway; it counts as typed
        raw = normalise_mobile(raw)
    return _hashed("mobile", raw)
