"""Satisfaction surveys: after a delivery the person rates the service through a one-time link.

The questions come from the case's policy version (``questions``); the
invitation is written with the delivery (``handlers``); the link's page needs
no sign-in (``views``); results are counted in single aggregate statements
(``results``) for the dashboard, the satisfaction page and the scorecard.
"""


def init_app(app) -> None:
    """Called by the app factory: the survey page, the results page and the delivery handler."""
    from wasl.surveys import handlers
    from wasl.surveys.results_views import bp as results_bp
    from wasl.surveys.views import bp

    app.config.setdefault("WASL_SURVEY_TTL_DAYS", 14)
    app.register_blueprint(bp)
    app.register_blueprint(results_bp)
    handlers.subscribe(app)
