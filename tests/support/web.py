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


def sign_in(client, user, password: str = PASSWORD):
    token = csrf_token(client)
    return client.post("/login", data={"email": user.email, "password": password, "csrf_token": token})


def post_form(client, url: str, data: dict | None = None, *, token_from: str = "/login"):
    payload = dict(data or {})
    payload["csrf_token"] = csrf_token(client, token_from)
    return client.post(url, data=payload)


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}
