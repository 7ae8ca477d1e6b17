"""Personal-data rights: what the association holds about one person, and erasing it.

``holdings`` gathers everything held about a beneficiary for an access request;
``erasure`` anonymises a person whose requests are all closed, keeping the case
facts the association must report on. Both are recorded in the audit log.
"""


def init_app(app) -> None:
    """The person's pages, the reason asked before reading their data, and the API."""
    from wasl.api import register_api
    from wasl.privacy import api, read_audit_api, reading, retention_api, views
    from wasl.privacy import read_audit_views as _read_audit_pages  # noqa: F401 - their routes join views.bp
    from wasl.privacy import retention_views as _retention_pages  # noqa: F401
    from wasl.privacy.cli import privacy_cli

    app.register_blueprint(views.bp)
    reading.init_app(app)
    register_api(app, api.bp, retention_api.bp, read_audit_api.bp)
    app.cli.add_command(privacy_cli)
