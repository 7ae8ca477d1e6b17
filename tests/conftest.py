"""Shared fixtures: one migrated database per run, one rolled-back transaction per test.

The test runs in an application context of its own; each client request gets another, with its own ``g``
and its own session on the test's connection (``tests.support.client``)."""

from __future__ import annotations

import logging
import os
import re

import pytest
from flask_migrate import upgrade
from sqlalchemy import event

from tests.support import databases
from tests.support.browser import browser  # noqa: F401 - the browser tests' fixture, shared
from tests.support.client import OwnContextClient
from tests.support.factories import Factory
from wasl import create_app
from wasl.db import WaslSession, db

BACKEND = databases.backend()
_SAVEPOINT = re.compile(r"(RELEASE |ROLLBACK TO )?SAVEPOINT ", re.IGNORECASE)


def pytest_report_header(config):
    return f"wasl database backend: {BACKEND}"


def _redis_up() -> bool:
    from wasl.ratelimit import redis_answers

    return redis_answers(os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"), 1.0)


def pytest_collection_modifyitems(config, items):
    skip_pg = pytest.mark.skip(reason="PostgreSQL-only test; this run uses SQLite")
    skip_redis = pytest.mark.skip(reason="needs Redis, which is not running here")
    redis_up = None
    for item in items:
        if "postgres" in item.keywords and BACKEND != "postgresql":
            item.add_marker(skip_pg)
        if "redis" in item.keywords:
            redis_up = _redis_up() if redis_up is None else redis_up
            if not redis_up:
                item.add_marker(skip_redis)


@pytest.fixture(autouse=True)
def wasl_loggers_enabled():
    """Alembic's logging set-up (run by any test that migrates a database) disables the loggers made before
    it, the app's own among them; every test starts with them enabled, whatever ran before it."""
    for name, logger in logging.root.manager.loggerDict.items():
        if name.startswith("wasl") and isinstance(logger, logging.Logger):
            logger.disabled = False


@pytest.fixture(scope="session")
def test_database(tmp_path_factory):
    if BACKEND == "postgresql":
        admin_url = os.environ.get("WASL_TEST_PG_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
        name = os.environ.get("WASL_TEST_PG_DATABASE", "wasl_test")
        worker = os.environ.get("PYTEST_XDIST_WORKER")
        return databases.prepare_postgres(admin_url, f"{name}_{worker}" if worker else name)
    return databases.prepare_sqlite(str(tmp_path_factory.mktemp("db")))


def make_app(test_database, **overrides):
    config = {
        "TESTING": True,
        "WASL_ENV": "test",
        "SQLALCHEMY_DATABASE_URI": test_database.app_url,
        "RATELIMIT_STORAGE_URI": "memory://",
        "LOGIN_RATE_LIMIT": "1000 per minute",
        "SERVER_NAME": "wasl.test",
    }
    config.update(overrides)
    application = create_app(config)
    application.test_client_class = OwnContextClient
    return application


@pytest.fixture(scope="session")
def app(test_database, tmp_path_factory):
    os.environ["WASL_INSTANCE_PATH"] = str(tmp_path_factory.mktemp("instance"))
    application = make_app(test_database)
    if test_database.owner_url:
        os.environ["WASL_MIGRATION_DATABASE_URL"] = test_database.owner_url
    with application.app_context():
        upgrade(directory=application.extensions["migrate"].directory, revision="heads")
    return application


class _JoinedSession(WaslSession):
    """Uses the test's connection for every table, so the outer transaction can be rolled back."""

    def get_bind(self, mapper=None, clause=None, bind=None, **kwargs):
        return self.bind


@pytest.fixture(autouse=True)
def db_session(request, app):
    if "no_db_session" in request.keywords:
        yield None
        return
    ctx = app.app_context()
    ctx.push()
    connection = db.engine.connect()
    outer = connection.begin()
    original = db.session
    db.session = db._make_scoped_session(
        {"bind": connection, "join_transaction_mode": "create_savepoint", "class_": _JoinedSession}
    )
    try:
        yield db.session
    finally:
        db.session.remove()
        db.session = original
        outer.rollback()
        connection.close()
        ctx.pop()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def factory(db_session) -> Factory:
    return Factory(db_session)


@pytest.fixture
def count_queries(app):
    """Counts the SQL statements sent while the block runs: ``with count_queries() as counted: ...``.

    The savepoints are left out: they are how each test's writes stay inside its own transaction
    (a request's commit releases one), and no request sends them outside the tests.
    """
    from contextlib import contextmanager

    @contextmanager
    def counting():
        statements = []

        def before(conn, cursor, statement, parameters, context, executemany):
            if not _SAVEPOINT.match(statement):
                statements.append(statement)

        event.listen(db.engine, "before_cursor_execute", before)
        try:
            yield statements
        finally:
            event.remove(db.engine, "before_cursor_execute", before)

    return counting
