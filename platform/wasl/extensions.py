"""Flask extension objects, created unbound and initialised by the app factory."""

from __future__ import annotations

from functools import cached_property

import click
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf import CSRFProtect

from wasl.db import db

login_manager = LoginManager()
babel = Babel()
csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address, default_limits=[], headers_enabled=True)


class Migrations:
    """What Flask-Migrate keeps in ``app.extensions["migrate"]``, with Flask-Migrate imported on first use.

    Flask-Migrate brings Alembic, Mako and Pygments with it; a web worker never migrates, so it never pays
    for them. ``flask_migrate.upgrade()`` and friends, and ``migrations/env.py``, read the attributes below.
    """

    def __init__(self, directory: str) -> None:
        self.db = db
        self.directory = directory

    @cached_property
    def migrate(self):
        from flask_migrate import Migrate

        return Migrate(db=db, directory=self.directory)

    @property
    def configure_args(self) -> dict:
        return self.migrate.alembic_ctx_kwargs

    @property
    def metadata(self):
        return db.metadata


def bind_migrations(app, directory: str) -> None:
    """Give the app its migrations; under the ``flask`` command also the ``flask db ...`` commands."""
    app.extensions["migrate"] = Migrations(directory)
    if click.get_current_context(silent=True) is not None:
        from flask_migrate.cli import db as migration_commands

        app.cli.add_command(migration_commands, name="db")


__all__ = ["db", "bind_migrations", "login_manager", "babel", "csrf", "limiter"]
