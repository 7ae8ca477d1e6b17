"""The JSON API under /api/v1: bearer tokens, problem+json errors, an OpenAPI document."""

from flask import Blueprint

API_PREFIX = "/api/v1"


def api_blueprint(name: str, import_name: str, url_prefix: str = "") -> Blueprint:
    """A feature's API blueprint; CSRF does not apply because only bearer tokens authenticate it."""
    return Blueprint(f"api_{name}", import_name, url_prefix=API_PREFIX + url_prefix)


def register(app) -> None:
    from wasl.administration.api import bp as administration_bp
    from wasl.api.views import bp as core_bp
    from wasl.beneficiaries.api import bp as beneficiaries_bp
    from wasl.cases.api.routes import bp as cases_bp
    from wasl.cases.api.routes import inbox_bp as cases_inbox_bp
    from wasl.dashboards.api import bp as dashboards_bp
    from wasl.documents.api import bp as documents_bp
    from wasl.extensions import csrf
    from wasl.notifications.api import bp as notifications_bp
    from wasl.operator.api import bp as operator_bp
    from wasl.policy.api import bp as policy_bp
    from wasl.portal.api import bp as portal_bp

    for blueprint in (core_bp, beneficiaries_bp, documents_bp, operator_bp, administration_bp, policy_bp,
                      notifications_bp, cases_bp, cases_inbox_bp, dashboards_bp, portal_bp):
        csrf.exempt(blueprint)
        app.register_blueprint(blueprint)
