"""The platform operator's side: console, second factor, onboarding, lifecycle and export."""


def init_app(app) -> None:
    """The second factor's gate (after the tenant router's hooks), the console's pages, API and commands."""
    from wasl.api import register_api
    from wasl.operator import api, gate
    from wasl.operator import audit_views as _operator_audit  # noqa: F401 - routes attach to the blueprint
    from wasl.operator import views as _operator_views  # noqa: F401
    from wasl.operator import wizard as _wizard  # noqa: F401
    from wasl.operator.blueprint import bp
    from wasl.operator.cli import operator_cli
    from wasl.operator.twofactor_views import bp as twofactor_bp

    gate.init_app(app)
    app.register_blueprint(twofactor_bp)
    app.register_blueprint(bp)
    register_api(app, api.bp)
    app.cli.add_command(operator_cli)
