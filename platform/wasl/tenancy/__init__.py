"""Tenancy: associations, the current-tenant context and automatic query scoping."""


def init_app(app) -> None:
    """The association's home, its link, the ``tenants`` commands."""
    from wasl.tenancy import views
    from wasl.tenancy.cli import tenants_cli

    app.register_blueprint(views.bp)
    views.init_app(app)
    app.cli.add_command(tenants_cli)
