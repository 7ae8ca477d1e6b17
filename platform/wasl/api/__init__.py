"""The JSON API under /api/v1: bearer tokens, problem+json errors, an OpenAPI document."""

from flask import Blueprint

API_PREFIX = "/api/v1"


def api_blueprint(name: str, import_name: str, url_prefix: str = "") -> Blueprint:
    """A feature's API blueprint; CSRF does not apply because only bearer tokens authenticate it."""
    return Blueprint(f"api_{name}", import_name, url_prefix=API_PREFIX + url_prefix)


def register_api(app, *blueprints: Blueprint) -> None:
    """Called from a feature's ``init_app`` for its API blueprints: registered, and exempt from CSRF."""
    from wasl.extensions import csrf

    for blueprint in blueprints:
        csrf.exempt(blueprint)
        app.register_blueprint(blueprint)


def init_app(app) -> None:
    """The API's own operations: who am I, the OpenAPI document."""
    from wasl.api.views import bp

    register_api(app, bp)
