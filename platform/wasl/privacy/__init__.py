"""Personal-data rights: what the association holds about one person, and erasing it.

``holdings`` gathers everything held about a beneficiary for an access request;
``erasure`` anonymises a person whose requests are all closed, keeping the case
facts the association must report on. Both are recorded in the audit log.
"""


def init_app(app) -> None:
    from wasl.privacy import api, retention_views, views  # noqa: F401 - retention_views adds to views.bp

    app.register_blueprint(views.bp)
    api.register(app)
