"""The beneficiary registry: identity, encrypted contact data, Arabic name search, consents."""


def init_app(app) -> None:
    """The register's pages, its navigation link and its API."""
    from wasl.api import register_api
    from wasl.beneficiaries import api, views

    app.register_blueprint(views.bp)
    views.init_app(app)
    register_api(app, api.bp)
