"""Bulk import of an association's existing register of beneficiaries from an XLSX or CSV file."""


def init_app(app) -> None:
    """Called by the app factory: pages, API, the admin's navigation link and the ``imports`` commands."""
    from flask_babel import lazy_gettext as _l

    from wasl.api import register_api
    from wasl.imports import api, views
    from wasl.imports.tasks import imports_cli
    from wasl.web.navigation import add_nav_item

    app.config.setdefault("WASL_IMPORT_BATCH_ROWS", 500)
    app.register_blueprint(views.bp)
    register_api(app, api.bp)
    app.cli.add_command(imports_cli)
    add_nav_item(app, "imports.index", _l("Import a register"), permission="tenant.admin", order=85)
