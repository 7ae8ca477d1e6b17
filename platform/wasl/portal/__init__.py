"""The beneficiary portal: a person signs in with a one-time code and follows their own requests.

Pages at ``/<slug>/portal/…`` and the API at ``/api/v1/<slug>/portal/…`` share
one set of services, which read through the cases feature inside the
beneficiary scope (``portal.scope``) that ``portal.gate`` installs.
"""


def init_app(app) -> None:
    """Called by the app factory after the tenancy router: the gate, the scope, the pages and the API."""
    from wasl.api import register_api
    from wasl.portal import api, apply_views, gate, my_data  # noqa: F401 - their routes join the blueprint
    from wasl.portal.views import bp

    gate.init_app(app)
    app.register_blueprint(bp)
    register_api(app, api.bp)
