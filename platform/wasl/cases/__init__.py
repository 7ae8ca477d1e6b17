"""Service requests (cases): opened under a policy version and moved through the steps it prescribes."""


def init_app(app) -> None:
    """Called by the app factory: react to other features' events; the pages, their links and the API."""
    from wasl.api import register_api
    from wasl.cases.api import routes as api
    from wasl.cases.attestation import on_beneficiary_updated
    from wasl.cases.web import views
    from wasl.events import subscribe

    subscribe(app, "beneficiary.updated", on_beneficiary_updated)
    views.init_app(app)
    register_api(app, api.bp, api.inbox_bp)
