"""Dashboards: an association's figures (workload, decision clock, intake, decisions, deliveries) for staff."""


def init_app(app) -> None:
    """Called by the app factory: the page, its link in the association's navigation, and its API."""
    from flask_babel import lazy_gettext as _l

    from wasl.api import register_api
    from wasl.dashboards import api
    from wasl.dashboards.views import bp
    from wasl.web.navigation import add_nav_item

    app.register_blueprint(bp)
    register_api(app, api.bp)
    add_nav_item(app, "dashboards.index", _l("Dashboard"), permission="cases.view", order=5)
