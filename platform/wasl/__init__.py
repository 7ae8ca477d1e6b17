"""Wasl: the beneficiary-relationship policy of Saudi non-profit associations, run as a service."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask

PROJECT_ROOT = Path(__file__).resolve().parents[2]


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
    from wasl import cli, documents, privacy, templating
    from wasl.accounts.views import bp as accounts_bp
    from wasl.api import register as register_api
    from wasl.beneficiaries import views as beneficiaries_views
    from wasl.beneficiaries.views import bp as beneficiaries_bp
    from wasl.cases import init_app as init_cases
    from wasl.cases.web import views as case_pages
    from wasl.dashboards import init_app as init_dashboards
    from wasl.exports import init_app as init_exports
    from wasl.feedback import init_app as init_feedback
    from wasl.health.views import bp as health_bp
    from wasl.imports import init_app as init_imports
    from wasl.notifications import init_app as init_notifications
    from wasl.notifications.views import bp as notifications_bp
    from wasl.operator import gate as second_factor_gate
    from wasl.operator import web as operator_web
    from wasl.policy import views as policy_views
    from wasl.portal import init_app as init_portal
    from wasl.scorecard import init_app as init_scorecard
    from wasl.surveys import init_app as init_surveys
    from wasl.tenancy import routing
    from wasl.tenancy import views as tenancy_views
    from wasl.tenancy.views import bp as tenancy_bp
    from wasl.transparency import init_app as init_transparency
    from wasl.web import errors, hooks, unavailable, unit_of_work

    unit_of_work.init_app(app)  # commits after every other after_request hook has written
    hooks.init_app(app)
    routing.init_app(app)
    second_factor_gate.init_app(app)
    errors.init_app(app)
    unavailable.init_app(app)
    templating.init_app(app)
    app.register_blueprint(health_bp)
    app.register_blueprint(accounts_bp)
    app.register_blueprint(tenancy_bp)
    app.register_blueprint(beneficiaries_bp)
    beneficiaries_views.init_app(app)
    policy_views.init_app(app)
    app.register_blueprint(notifications_bp)
    init_notifications(app)
    init_cases(app)
    case_pages.init_app(app)
    init_portal(app)
    init_dashboards(app)
    init_surveys(app)
    init_scorecard(app)
    init_imports(app)
    init_feedback(app)
    init_transparency(app)
    init_exports(app)
    tenancy_views.init_app(app)
    documents.init_app(app)
    operator_web.init_app(app)
    register_api(app)
    privacy.init_app(app)
    cli.init_app(app)
