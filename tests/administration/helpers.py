"""Signing people in with their second factor, and small builders shared by the administration tests."""

from __future__ import annotations

import re
import time

import pyotp

from tests.support.web import csrf_token, sign_in
from wasl.operator import twofactor


def enrol(user) -> tuple[pyotp.TOTP, list[str]]:
    """Enrol an authenticator for ``user`` through the service; returns the TOTP and recovery codes."""
    credential = twofactor.begin_enrolment(user)
    totp = pyotp.TOTP(twofactor.secret_of(credential))
    codes = twofactor.confirm_enrolment(user, totp.at(time.time() - 30))
    return totp, codes


def post(client, url: str, data: dict | None = None, form_page: str | None = None):
    """POST ``data`` with a CSRF token taken from ``form_page`` (default ``url``) of the same client."""
    return client.post(url, data=dict(data or {}, csrf_token=csrf_token(client, form_page or url)))


def sign_in_as(client, user):
    return sign_in(client, user)


def in_english(client) -> None:
    """Assertions read English messages, whatever the catalogue translates them to."""
    with client.session_transaction() as session:
        session["locale"] = "en"


def sign_in_with_second_factor(client, user) -> None:
    """Sign in and mark the browser session as having passed the second factor."""
    assert sign_in_as(client, user).status_code == 302
    with client.session_transaction() as session:
        session[twofactor.SESSION_KEY] = f"{user.id}:{user.session_nonce}"
        session["locale"] = "en"


def admin_of(client, factory, tenant, role: str = "admin"):
    """A member of ``tenant`` with ``role`` and an enrolled second factor, signed in on ``client``."""
    user = factory.member(tenant, role)
    enrol(user)
    factory.commit()
    sign_in_with_second_factor(client, user)
    return user


def flashed(page) -> str:
    return " ".join(re.findall(r'role="alert">([^<]*)<', page.get_data(as_text=True)))
