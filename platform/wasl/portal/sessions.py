"""Portal sessions: a random token kept by the browser (cookie) or the API client, hashed in the database.

Separate from staff sign-in in every way: its own table, its own cookie (named
``wasl_portal`` and sent only under ``/<slug>/portal``), its own bearer tokens
(``wpt_…``, which the staff API ignores). A session ends after
``WASL_PORTAL_IDLE_MINUTES`` without use, after ``WASL_PORTAL_MAX_HOURS`` in
all, or when the person signs out.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from flask import current_app, request
from sqlalchemy import select

from wasl.api.auth import PORTAL_TOKEN_PREFIX
from wasl.crypto import blind_index
from wasl.db import db, utcnow
from wasl.kernel.moments import aware
from wasl.portal.models import PortalSession

COOKIE_NAME = "wasl_portal"
TOKEN_PREFIX = PORTAL_TOKEN_PREFIX
WEB, API = "web", "api"
TOUCH_EVERY = timedelta(minutes=1)


def idle_limit() -> timedelta:
    return timedelta(minutes=int(current_app.config.get("WASL_PORTAL_IDLE_MINUTES", 30)))


def _max_age() -> timedelta:
    return timedelta(hours=int(current_app.config.get("WASL_PORTAL_MAX_HOURS", 4)))


def _hash(raw: str, tenant_id: int) -> str:
    return blind_index("portal_session", raw, tenant_id)


def start(tenant_id: int, beneficiary_id: int, client: str) -> str:
    """A new session for the beneficiary; returns the raw token, which is never stored."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    db.session.add(PortalSession(tenant_id=tenant_id, beneficiary_id=beneficiary_id,
                                 token_hash=_hash(raw, tenant_id), client=client))
    db.session.flush()
    return raw


def find(raw: str | None, tenant_id: int) -> PortalSession | None:
    """The live session this token opens in the association in scope, or None."""
    if not raw or not raw.startswith(TOKEN_PREFIX):
        return None
    row = db.session.scalar(select(PortalSession).where(PortalSession.token_hash == _hash(raw, tenant_id)))
    if row is None or row.ended_at is not None:
        return None
    now = utcnow()
    if aware(row.last_seen_at) + idle_limit() <= now or aware(row.created_at) + _max_age() <= now:
        return None
    return row


def touch(row: PortalSession) -> bool:
    """Note that the session was used (at most once a minute); True when something needs committing."""
    now = utcnow()
    if aware(row.last_seen_at) + TOUCH_EVERY > now:
        return False
    row.last_seen_at = now
    return True


def end(row: PortalSession) -> None:
    row.ended_at = utcnow()


def raw_token() -> str | None:
    """The token this request carries: a bearer token for the API, the portal cookie for pages."""
    if request.path.startswith("/api/"):
        scheme, _, raw = request.headers.get("Authorization", "").partition(" ")
        return raw.strip() if scheme.lower() == "bearer" else None
    return request.cookies.get(COOKIE_NAME)


def cookie_path(slug: str) -> str:
    return f"/{slug}/portal"


def set_cookie(response, raw: str, slug: str):
    response.set_cookie(COOKIE_NAME, raw, path=cookie_path(slug), httponly=True, samesite="Lax",
                        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")))
    return response


def clear_cookie(response, slug: str):
    response.delete_cookie(COOKIE_NAME, path=cookie_path(slug), httponly=True, samesite="Lax",
                           secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")))
    return response
