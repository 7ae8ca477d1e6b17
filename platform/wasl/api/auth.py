"""Bearer-token authentication for the API."""

from __future__ import annotations

from flask import abort, request

from wasl.accounts.models import User
from wasl.accounts.services import user_for_token

PORTAL_TOKEN_PREFIX = "wpt_"


def bearer_user() -> User | None:
    """The token's user; None when no token was sent; 401 when one was sent and is not good."""
    header = request.headers.get("Authorization", "")
    if not header:
        return None
    scheme, _, raw = header.partition(" ")
    if scheme.lower() != "bearer" or not raw.strip():
        abort(401)
    if raw.strip().startswith(PORTAL_TOKEN_PREFIX):
        return None  # a beneficiary's portal token: never a staff user (see wasl.portal.sessions)
    user = user_for_token(raw.strip())
    if user is None:
        abort(401)
    return user
