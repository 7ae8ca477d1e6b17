"""Exports of an association's lists (cases, beneficiaries, deliveries, survey results) as CSV or XLSX.

``datasets`` declares each list's columns, ``writing`` is the background
job's body, ``tasks`` puts it on the export queue after the commit, and
``views`` are the staff's pages. Files stay under the instance folder, one
folder per association, and are served only to its members with
``exports.create``.
"""


def init_app(app) -> None:
    """Called by the app factory: the pages, the navigation link and the ``exports`` commands."""
    from flask_babel import lazy_gettext as _l

    from wasl.exports import views
    from wasl.exports.tasks import exports_cli
    from wasl.web.navigation import add_nav_item

    app.config.setdefault("WASL_EXPORT_CHUNK_ROWS", 1000)
    app.register_blueprint(views.bp)
    app.cli.add_command(exports_cli)
    add_nav_item(app, "exports.index", _l("Exports"), permission="exports.create", order=90)
