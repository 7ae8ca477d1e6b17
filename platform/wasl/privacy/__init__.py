"""Personal-data rights: what the association holds about one person, and erasing it.

``holdings`` gathers everything held about a beneficiary for an access request;
``erasure`` anonymises a person whose requests are all closed, keeping the case
facts the association must report on. Both are recorded in the audit log.
"""


def init_app(app) -> None:
    from wasl.privacy import api, read_audit_views, reading, retention_views, views  # noqa: F401 - pages join views.bp

    app.register_blueprint(views.bp)
    reading.init_app(app)
    api.register(app)
