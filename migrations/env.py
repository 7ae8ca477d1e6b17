"""Alembic environment: migrations run as the schema owner, then grant the app role its rights."""

import logging
import os
from logging.config import fileConfig

from alembic import context
from flask import current_app
from sqlalchemy import create_engine

from wasl.tenancy import rls

config = context.config
fileConfig(config.config_file_name, disable_existing_loggers=False)  # the app's own loggers stay on
logger = logging.getLogger("alembic.env")

target_metadata = current_app.extensions["migrate"].db.metadata


def migration_url() -> str:
    """The owner's URL when given (PostgreSQL), otherwise the application's."""
    url = os.environ.get("WASL_MIGRATION_DATABASE_URL")
    if url:
        return url
    return current_app.extensions["migrate"].db.engine.url.render_as_string(hide_password=False)


def skip_empty_autogenerate(context_, revision, directives):
    if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
        directives[:] = []
        logger.info("No changes in schema detected.")


def run_migrations_offline():
    context.configure(url=migration_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    engine = create_engine(migration_url())
    conf_args = dict(current_app.extensions["migrate"].configure_args)
    conf_args.setdefault("process_revision_directives", skip_empty_autogenerate)
    conf_args["render_as_batch"] = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            **conf_args,
        )
        with context.begin_transaction():
            context.run_migrations()
            rls.grant_app_role(connection, os.environ.get("WASL_APP_ROLE", "wasl_app"))
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
