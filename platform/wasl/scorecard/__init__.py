"""The governance scorecard: the published policy's measurable clauses, each with its target and figure.

``clauses`` generates the rows from the policy data; ``queries`` counts each
figure in one aggregate statement and lists the cases behind it; the pages
are for the association's staff (``views``) and the platform operator
(``operator_views``).
"""


def init_app(app) -> None:
    """Called by the app factory: both pages and the link in the association's navigation."""
    from flask_babel import lazy_gettext as _l

    from wasl.scorecard.operator_views import bp as operator_bp
    from wasl.scorecard.views import bp
    from wasl.web.navigation import add_nav_item

    app.register_blueprint(bp)
    app.register_blueprint(operator_bp)
    add_nav_item(app, "scorecard.index", _l("Scorecard"), permission="cases.view", order=6)
