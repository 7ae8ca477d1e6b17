"""Preparing the test database: PostgreSQL with its two roles, or a SQLite file.

The PostgreSQL set-up mirrors production: the schema is migrated as the owner
role, and the application (and so every test) connects as ``wasl_app``, which
owns nothing, is not a superuser and cannot bypass row-level security.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

OWNER_ROLE = "wasl_owner"
APP_ROLE = "wasl_app"
APP_PASSWORD = "wasl-app-test"
OWNER_PASSWORD = "wasl-owner-test"


@dataclass(frozen=True)
class TestDatabase:
    backend: str
    app_url: str
    owner_url: str | None = None


def backend() -> str:
    return os.environ.get("WASL_TEST_BACKEND", "sqlite")


def prepare_postgres(admin_url: str, name: str) -> TestDatabase:
    """Create the roles if missing, and a fresh database ``name`` owned by the owner role."""
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        # Parallel test workers prepare their databases at once; roles are cluster-wide.
        conn.execute(text("SELECT pg_advisory_lock(7215)"))
        try:
            _ensure_role(conn, OWNER_ROLE, OWNER_PASSWORD, "NOSUPERUSER BYPASSRLS")
            _ensure_role(conn, APP_ROLE, APP_PASSWORD, "NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE")
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(7215)"))
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}" OWNER {OWNER_ROLE}'))
    admin.dispose()
    base = make_url(admin_url).set(database=name)
    with create_engine(base, isolation_level="AUTOCOMMIT").connect() as conn:
        conn.execute(text(f"ALTER SCHEMA public OWNER TO {OWNER_ROLE}"))
        conn.execute(text("REVOKE CREATE ON SCHEMA public FROM PUBLIC"))
    owner = base.set(username=OWNER_ROLE, password=OWNER_PASSWORD)
    app = base.set(username=APP_ROLE, password=APP_PASSWORD)
    return TestDatabase("postgresql", app.render_as_string(False), owner.render_as_string(False))


def _ensure_role(conn, role: str, password: str, attributes: str) -> None:
    exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).scalar()
    verb = "ALTER" if exists else "CREATE"
    conn.execute(text(f"{verb} ROLE {role} LOGIN PASSWORD '{password}' {attributes}"))


def prepare_sqlite(folder: str) -> TestDatabase:
    return TestDatabase("sqlite", "sqlite:///" + os.path.join(folder, "wasl-test.sqlite3"))
