"""Public transparency: an association publishes its satisfaction results and beneficiary statistics.

Off until an admin turns it on (``settings``); the figures (``figures``) come
from aggregate statements shared with the dashboard and the satisfaction
results, and none built from fewer than five people is shown.
"""


def init_app(app) -> None:
    """Called by the app factory: the public page, the admin's page and its API, and the policy page's link."""
    from wasl.api import register_api
    from wasl.transparency import api, views

    app.register_blueprint(views.bp)
    register_api(app, api.bp)
    app.add_template_global(published_url, "transparency_url")


def published_url() -> str | None:
    """The association's transparency page when it is published (for the public policy page's link)."""
    from flask import g, url_for

    from wasl.transparency.settings import current_choice

    tenant = g.get("tenant")
    if tenant is None or not current_choice().published:
        return None
    return url_for("transparency.public_page", slug=tenant.slug)
