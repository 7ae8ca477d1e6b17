"""Tenancy: associations, the current-tenant context and automatic query scoping."""


def init_app(app) -> None:
    """The association's home and its link."""
    from wasl.tenancy import views

    app.register_blueprint(views.bp)
    views.init_app(app)
