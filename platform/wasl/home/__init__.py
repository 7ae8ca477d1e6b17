"""The landing pages: the list of my associations, and an association's staff space."""


def init_app(app) -> None:
    """The pages (the ``tenancy`` blueprint, named before this package) and the space's link."""
    from wasl.home import views

    app.register_blueprint(views.bp)
    views.init_app(app)
