"""Wasl: the beneficiary-relationship policy of Saudi non-profit associations, run as a service."""

from __future__ import annotations

import os
from importlib import import_module
from pathlib import Path

from flask import Flask

PROJECT_ROOT = Path(__file__).resolve().parents[2]

# Each registers its pages, API, commands, navigation and hooks (``<feature>.init_app``), in this order:
# ``web`` first so the unit of work commits after every other hook and the request's actor and
# tenant are known before the second factor (``operator``) and the portal gate that use them.
# ``cli`` is last: the commands that belong to no feature.
FEATURES = (
    "web", "health", "accounts", "home", "onboarding", "operator", "beneficiaries", "policy", "notifications", "cases",
    "portal", "dashboards", "surveys", "scorecard", "imports", "feedback", "transparency", "exports",
    "documents", "administration", "api", "privacy", "cli",
)


def create_app(config: dict | None = None) -> Flask:
    """Build the application; nothing touches the network or the database until a request or command."""
    from wasl.config import instance_path as configured_instance_path
    from wasl.config import load_config

    instance_path = configured_instance_path(str(PROJECT_ROOT / "instance"))
    app = Flask(__name__, instance_path=instance_path, instance_relative_config=False)
    from wasl.web import converters

    converters.install(app)  # before any route: ids past the 64-bit range are a 404
    from wasl import models  # noqa: F401 - the whole schema, before anything binds

    app.config.update(load_config(instance_path, config))
    app.config.setdefault("WASL_TENANTS_DIR", str(PROJECT_ROOT / "tenants"))
    if not app.config["WASL_TENANTS_DIR"]:
        app.config["WASL_TENANTS_DIR"] = str(PROJECT_ROOT / "tenants")
    os.makedirs(instance_path, exist_ok=True)
    _trust_proxies(app)
    _init_extensions(app)
    _register_features(app)
    return app


def _trust_proxies(app: Flask) -> None:
    """Read the client's address and scheme from the headers of the configured number of proxies."""
    x_for = int(app.config.get("WASL_PROXY_FIX_X_FOR") or 0)
    x_proto = int(app.config.get("WASL_PROXY_FIX_X_PROTO") or 0)
    if x_for or x_proto:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=x_for, x_proto=x_proto, x_host=0, x_port=0, x_prefix=0)


def _init_extensions(app: Flask) -> None:
    from wasl import i18n, jobs
    from wasl.accounts import auth
    from wasl.db import configure_engine
    from wasl.extensions import babel, bind_migrations, csrf, db, limiter, login_manager
    from wasl.ratelimit import storage_uri
    from wasl.tenancy import scoping

    scoping.install()
    jobs.install()  # hands work to the workers once a transaction commits
    db.init_app(app)
    with app.app_context():
        configure_engine(db.engine)
    bind_migrations(app, directory=str(PROJECT_ROOT / "migrations"))
    babel.init_app(
        app,
        locale_selector=i18n.select_locale,
        default_translation_directories=str(PROJECT_ROOT / "translations"),
    )
    csrf.init_app(app)
    app.config["RATELIMIT_STORAGE_URI"] = storage_uri(app)
    limiter.init_app(app)
    auth.init_app(app, login_manager)


def _register_features(app: Flask) -> None:
    for feature in FEATURES:
        import_module(f"wasl.{feature}").init_app(app)
