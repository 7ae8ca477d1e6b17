"""An association running its own house: staff, invitations, roles, profile, holidays and audit."""


def init_app(app) -> None:
    """The association's administration pages, the invitation page, their links and the API."""
    from flask_babel import lazy_gettext as _l

    from wasl.administration import api, staging
    from wasl.administration import audit_views as _admin_audit  # noqa: F401 - routes attach to the blueprint
    from wasl.administration import settings_views as _admin_settings  # noqa: F401
    from wasl.administration import views as _admin_views  # noqa: F401
    from wasl.administration.blueprint import bp
    from wasl.administration.public_views import bp as invitations_bp
    from wasl.api import register_api
    from wasl.web.navigation import add_nav_item

    staging.install()
    app.config.setdefault("WASL_INVITATION_TTL_HOURS", 72)
    app.register_blueprint(bp)
    app.register_blueprint(invitations_bp)
    register_api(app, api.bp)
    add_nav_item(app, "administration.staff_list", _l("Staff and roles"), permission="tenant.admin", order=80)
    add_nav_item(app, "administration.audit_log", _l("Audit log"), permission="tenant.admin", order=90)
