"""PostgreSQL row-level security as the backstop, exercised with raw SQL as the application role."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from tests.support.databases import APP_ROLE
from wasl.accounts.models import Role
from wasl.db import db
from wasl.tenancy import scoping
from wasl.tenancy.mixins import TenantOwned
from wasl.tenancy.scope import set_tenant

pytestmark = [pytest.mark.postgres, pytest.mark.no_db_session]


class _RawSession(Session):
    """A plain session with Wasl's tenancy listeners, on an engine the test controls."""


@pytest.fixture(scope="module")
def engines(test_database):
    owner = create_engine(test_database.owner_url)
    app_engine = create_engine(test_database.app_url, pool_size=1, max_overflow=0)
    yield owner, app_engine
    app_engine.dispose()
    owner.dispose()


@pytest.fixture(scope="module")
def tenants(engines, app):
    owner, _ = engines
    with owner.begin() as conn:
        ids = [
            conn.execute(text(
                "INSERT INTO tenant (slug, name_ar, name_en, contacts, social_accounts, letterhead, terminology,"
                " default_locale, status, created_at, updated_at) VALUES (:s, :s, :s, '{}', '[]', '{}', '{}',"
                " 'ar', 'active', now(), now()) RETURNING id"), {"s": slug}).scalar_one()
            for slug in ("rls-a", "rls-b")
        ]
        for tenant_id in ids:
            conn.execute(text(
                "INSERT INTO role (tenant_id, key, name_ar, name_en, permissions, created_at)"
                " VALUES (:t, 'viewer', 'مطلع', 'Viewer', '[]', now())"), {"t": tenant_id})
    yield ids
    with owner.begin() as conn:
        conn.execute(text("DELETE FROM role WHERE tenant_id = ANY(:ids)"), {"ids": ids})
        conn.execute(text("DELETE FROM tenant WHERE id = ANY(:ids)"), {"ids": ids})


def _role_tenants(conn, ids) -> set[int]:
    rows = conn.execute(text("SELECT tenant_id FROM role WHERE tenant_id = ANY(:ids)"), {"ids": ids})
    return {r[0] for r in rows}


def _allow(conn, *tenant_ids) -> None:
    conn.execute(text("SELECT set_config('wasl.tenant_ids', :v, true)"), {"v": ",".join(map(str, tenant_ids))})


def test_no_tenant_set_sees_no_rows(engines, tenants):
    with engines[1].begin() as conn:
        assert conn.execute(text("SELECT current_user")).scalar() == APP_ROLE
        assert _role_tenants(conn, tenants) == set()


def test_tenant_a_set_sees_only_a(engines, tenants):
    a, b = tenants
    with engines[1].begin() as conn:
        _allow(conn, a)
        assert _role_tenants(conn, tenants) == {a}


def test_inserting_a_b_row_while_a_is_set_is_refused(engines, tenants):
    a, b = tenants
    with pytest.raises(DBAPIError, match="row-level security"), engines[1].begin() as conn:
        _allow(conn, a)
        conn.execute(text("INSERT INTO role (tenant_id, key, name_ar, name_en, permissions, created_at)"
                          " VALUES (:b, 'intruder', 'x', 'x', '[]', now())"), {"b": b})


def test_updating_b_rows_while_a_is_set_changes_nothing(engines, tenants):
    a, b = tenants
    with engines[1].begin() as conn:
        _allow(conn, a)
        changed = conn.execute(text("UPDATE role SET name_en = 'hijacked' WHERE tenant_id = :b"), {"b": b})
        assert changed.rowcount == 0


def test_every_tenant_owned_table_has_rls_enabled_and_forced(engines):
    tables = {mapper.local_table.name for mapper in db.Model.registry.mappers
              if issubclass(mapper.class_, TenantOwned)}
    assert "role" in tables
    with engines[0].connect() as conn:
        rows = conn.execute(text(
            "SELECT relname, relrowsecurity, relforcerowsecurity, pg_get_userbyid(relowner)"
            " FROM pg_class WHERE relname = ANY(:t) AND relkind = 'r'"), {"t": list(tables)}).all()
    assert {r[0] for r in rows} == tables
    for name, enabled, forced, owner in rows:
        assert enabled and forced, f"{name}: RLS enabled={enabled} forced={forced}"
        assert owner != APP_ROLE
        policies = _policies(engines[0], name)
        assert "tenant_isolation" in policies, f"{name} has no tenant_isolation policy"


def _policies(engine, table) -> set[str]:
    with engine.connect() as conn:
        return set(conn.execute(text("SELECT policyname FROM pg_policies WHERE tablename = :t"), {"t": table}).scalars())


def test_app_role_owns_nothing_and_cannot_bypass(engines):
    with engines[0].connect() as conn:
        role = conn.execute(text("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = :r"),
                            {"r": APP_ROLE}).one()
        owned = conn.execute(text("SELECT count(*) FROM pg_tables WHERE tableowner = :r"), {"r": APP_ROLE}).scalar()
    assert role == (False, False)
    assert owned == 0


def test_app_role_cannot_rewrite_the_audit_trail(engines, tenants):
    with pytest.raises(DBAPIError, match="permission denied"), engines[1].begin() as conn:
        conn.execute(text("UPDATE audit_event SET action = 'forged'"))


def test_pooled_connection_after_a_failed_transaction_for_a_serves_b_only(engines, tenants):
    a, b = tenants
    scoping.install(_RawSession)
    with pytest.raises(DBAPIError), Session(engines[1]) as failing, failing.begin():
        _allow(failing.connection(), a)
        failing.execute(text("SELECT 1 / 0"))
    with _RawSession(engines[1]) as session:
        setting = text("SELECT current_setting('wasl.tenant_ids', true)").execution_options(touches_tenant_data=False)
        assert session.execute(setting).scalar() in ("", None)
        session.rollback()
        set_tenant(session, b)
        seen = {role.tenant_id for role in session.scalars(select(Role).where(Role.tenant_id.in_(tenants)))}
        raw = _role_tenants(session.connection(), tenants)
    assert seen == {b}
    assert raw == {b}
