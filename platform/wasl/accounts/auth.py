"""Flask-Login wiring: the session cookie names a user and the nonce of their account state."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from wasl.accounts.models import User


def load_user(session_id: str) -> User | None:
    """Reload the signed-in user on every request; a changed nonce or a deactivated account ends the session."""
    user_id, _, nonce = (session_id or "").partition(":")
    if not user_id.isdigit():
        return None
    user = User.with_active_memberships(int(user_id))
    if user is None or not user.active or user.session_nonce != nonce:
        return None
    return user


def init_app(app, login_manager) -> None:
    login_manager.user_loader(load_user)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please sign in to continue.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    login_manager.init_app(app)
