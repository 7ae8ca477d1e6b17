"""The beneficiary-relationship policy as versioned data: content, versions, board approval, publishing."""


def init_app(app) -> None:
    """The policy editor's pages, its navigation link and its API."""
    from wasl.api import register_api
    from wasl.policy import api, views

    views.init_app(app)
    register_api(app, api.bp)
