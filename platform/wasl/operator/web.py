"""Registering the operator side and association administration with the application."""

from __future__ import annotations


def init_app(app) -> None:
    from wasl.administration import audit_views as _admin_audit  # noqa: F401 - routes attach to the blueprint
    from wasl.administration import settings_views as _admin_settings  # noqa: F401
    from wasl.administration import staging
    from wasl.administration import views as _admin_views  # noqa: F401
    from wasl.administration.blueprint import bp as administration_bp
    from wasl.administration.public_views import bp as invitations_bp
    from wasl.operator import audit_views as _operator_audit  # noqa: F401
    from wasl.operator import views as _operator_views  # noqa: F401
    from wasl.operator import wizard as _wizard  # noqa: F401
    from wasl.operator.blueprint import bp as operator_bp
    from wasl.operator.cli import operator_cli
    from wasl.operator.twofactor_views import bp as twofactor_bp

    staging.install()
    app.config.setdefault("WASL_INVITATION_TTL_HOURS", 72)
    app.config.setdefault("WASL_PUBLIC_URL", "http://127.0.0.1:5000")
    for blueprint in (twofactor_bp, operator_bp, administration_bp, invitations_bp):
        app.register_blueprint(blueprint)
    app.cli.add_command(operator_cli)
    _add_navigation(app)


def _add_navigation(app) -> None:
    from flask_babel import lazy_gettext as _l

    from wasl.web.navigation import add_nav_item

    add_nav_item(app, "administration.staff_list", _l("Staff and roles"), permission="tenant.admin", order=80)
    add_nav_item(app, "administration.audit_log", _l("Audit log"), permission="tenant.admin", order=90)
