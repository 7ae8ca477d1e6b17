"""Liveness and readiness probes."""


def init_app(app) -> None:
    from wasl.health.views import bp

    app.register_blueprint(bp)
