"""Driving the pages like a browser would: CSRF tokens from forms, signing in."""

from __future__ import annotations

import re

from tests.support.factories import PASSWORD

_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(client, url: str = "/login") -> str:
    page = client.get(url, follow_redirects=True)
    match = _CSRF.search(page.get_data(as_text=True))
    assert match, f"no CSRF token on {url}"
    return match.group(1)


def sign_in(client, user, password: str = PASSWORD, *, second_factor: bool = False):
    """Sign in with the form; with ``second_factor``, as someone enrolled who passed the check."""
    token = csrf_token(client)
    response = client.post("/login", data={"email": user.email, "password": password, "csrf_token": token})
    if second_factor:
        pass_second_factor(client, user)
    return response


def pass_second_factor(client, user) -> None:
    """Enrol ``user``'s authenticator if needed and mark this browser session as having passed it."""
    import pyotp

    from wasl.db import db
    from wasl.operator import twofactor

    if not twofactor.is_enrolled(user):
        credential = twofactor.begin_enrolment(user)
        twofactor.confirm_enrolment(user, pyotp.TOTP(twofactor.secret_of(credential)).now())
        db.session.commit()
    with client.session_transaction() as session:
        session[twofactor.SESSION_KEY] = f"{user.id}:{user.session_nonce}"


def post_form(client, url: str, data: dict | None = None, *, token_from: str = "/login"):
    payload = dict(data or {})
    payload["csrf_token"] = csrf_token(client, token_from)
    return client.post(url, data=payload)


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}
