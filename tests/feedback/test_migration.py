"""Migration 0013 gives the roles that handle feedback the new permission, and takes it back on downgrade."""

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


def _granted(tenant_id: int) -> dict[str, bool]:
    db.session.expire_all()
    with tenant_scope(db.session, tenant_id):
        return {role.key: "feedback.handle" in role.permissions for role in db.session.scalars(select(Role))}


def test_the_seeded_roles_get_feedback_handle_and_lose_it_on_downgrade(tmp_path, monkeypatch):
    monkeypatch.delenv("WASL_MIGRATION_DATABASE_URL", raising=False)
    app = create_app({"WASL_ENV": "test", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/migration.sqlite3",
                      "RATELIMIT_STORAGE_URI": "memory://"})
    directory = app.extensions["migrate"].directory
    with app.app_context():
        upgrade(directory=directory, revision="heads")
        tenant_id = onboard(PROJECT_ROOT / "tenants" / "wefaq").tenant.id
        db.session.commit()
        expected = {"admin": True, "relations_officer": True, "supervisor": True, "social_researcher": False,
                    "committee_member": False, "viewer": False}
        assert _granted(tenant_id) == expected
        db.session.remove()
        downgrade(directory=directory, revision="0013-1")
        assert "feedback_item" not in inspect(db.engine).get_table_names()
        assert not any(_granted(tenant_id).values())
        db.session.remove()
        upgrade(directory=directory, revision="heads")
        assert _granted(tenant_id) == expected
        db.session.remove()
        db.engine.dispose()
