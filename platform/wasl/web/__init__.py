"""Cross-cutting web plumbing: request ids, security headers, the tenant router, error pages and problem+json."""


def init_app(app) -> None:
    """First of all features: the unit of work, the request's own hooks, the tenant router (before any
    feature's hook), error pages, template helpers."""
    from wasl import templating, unit_of_work
    from wasl.web import errors, hooks, routing, unavailable

    unit_of_work.init_app(app)  # commits after every other after_request hook has written
    hooks.init_app(app)
    routing.init_app(app)
    errors.init_app(app)
    unavailable.init_app(app)
    templating.init_app(app)
