"""Migration 0014 gives roles seeded before it the export permissions their templates now hold, and takes them
back on downgrade, along with its two tables."""

from __future__ import annotations

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, select

from wasl import PROJECT_ROOT, create_app
from wasl.accounts.models import Role
from wasl.db import db
from wasl.onboarding.definitions import onboard
from wasl.tenancy.scope import tenant_scope

pytestmark = pytest.mark.no_db_session
EXPORTS = {"exports.create", "exports.personal_data"}


def _held(tenant_id: int) -> dict[str, set]:
    db.session.expire_all()
    with tenant_scope(db.session, tenant_id):
        return {role.key: set(role.permissions) & EXPORTS for role in db.session.scalars(select(Role))}


def _as_before_0014(tenant_id: int) -> None:
    with tenant_scope(db.session, tenant_id):
        for role in db.session.scalars(select(Role)):
            role.permissions = sorted(set(role.permissions) - EXPORTS)
    db.session.commit()


def test_seeded_roles_get_the_export_permissions_and_lose_them_on_downgrade(tmp_path, monkeypatch):
    monkeypatch.delenv("WASL_MIGRATION_DATABASE_URL", raising=False)
    app = create_app({"WASL_ENV": "test", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/migration.sqlite3",
                      "RATELIMIT_STORAGE_URI": "memory://"})
    directory = app.extensions["migrate"].directory
    with app.app_context():
        # Onboarded by today's code on today's schema, then taken back to before 0014: the code of
        # later migrations' features cannot be asked to run on an older schema.
        upgrade(directory=directory, revision="heads")
        tenant_id = onboard(PROJECT_ROOT / "tenants" / "wefaq").tenant.id
        db.session.commit()
        db.session.remove()
        downgrade(directory=directory, revision="0013")
        _as_before_0014(tenant_id)
        db.session.remove()
        upgrade(directory=directory, revision="0014")
        held = _held(tenant_id)
        assert held.pop("admin") == EXPORTS and held.pop("supervisor") == {"exports.create"}
        assert not any(held.values())
        assert {"export_job", "transparency_setting"} <= set(inspect(db.engine).get_table_names())
        db.session.remove()
        downgrade(directory=directory, revision="0013")
        assert not any(_held(tenant_id).values())
        assert "export_job" not in inspect(db.engine).get_table_names()
        db.session.remove()
        db.engine.dispose()
