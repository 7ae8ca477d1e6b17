"""Arabic first: locale selection, text direction and date display."""

from __future__ import annotations

from flask import current_app, g, has_request_context, request, session
from flask_babel import get_locale

LOCALE_SESSION_KEY = "locale"


def supported_locales() -> tuple[str, ...]:
    return current_app.config["WASL_LOCALES"]


def select_locale() -> str:
    """The person's explicit choice, then the association's default, then the browser, then Arabic."""
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    choice = request.args.get("lang") or session.get(LOCALE_SESSION_KEY)
    if choice in supported_locales():
        return choice
    if request.path.startswith("/api/") and request.accept_languages:
        # An API client states its language in the header; that is its explicit choice.
        return request.accept_languages.best_match(supported_locales()) or current_app.config["BABEL_DEFAULT_LOCALE"]
    actor = g.get("actor")
    if actor is not None and actor.preferred_locale in supported_locales():
        return actor.preferred_locale
    tenant = g.get("tenant")
    if tenant is not None and tenant.default_locale in supported_locales():
        return tenant.default_locale
    return request.accept_languages.best_match(supported_locales()) or current_app.config["BABEL_DEFAULT_LOCALE"]


def current_language() -> str:
    return str(get_locale().language)


def text_direction() -> str:
    return get_locale().text_direction
