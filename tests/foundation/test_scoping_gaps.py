"""Writes that once slipped past the scoping: core INSERTs, textual SQL, deletes and moves (both backends)."""

import pytest
from sqlalchemy import insert, select, text

from wasl.accounts.models import Role
from wasl.db import db
from wasl.tenancy.scope import TenantContextMissing, TenantScopeViolation, set_scope, tenant_scope


@pytest.fixture
def two_tenants(factory):
    return factory.tenant("alpha"), factory.tenant("beta")


def _role_values(tenant_id, key="extra"):
    return {"tenant_id": tenant_id, "key": key, "name_ar": "دور", "name_en": "Role", "permissions": []}


def test_a_core_insert_for_another_tenant_is_refused(two_tenants):
    alpha, beta = two_tenants
    with tenant_scope(db.session, alpha.id):
        with pytest.raises(TenantScopeViolation):
            db.session.execute(insert(Role).values(**_role_values(beta.id)))
        with pytest.raises(TenantScopeViolation):
            db.session.execute(insert(Role), [_role_values(alpha.id, "a"), _role_values(beta.id, "b")])
        with pytest.raises(TenantScopeViolation):
            db.session.execute(insert(Role).values(key="no-tenant", name_ar="دور", name_en="Role", permissions=[]))


def test_a_core_insert_inside_the_scope_runs(two_tenants):
    alpha, _beta = two_tenants
    with tenant_scope(db.session, alpha.id):
        db.session.execute(insert(Role).values(**_role_values(alpha.id)))
        db.session.execute(insert(Role), [_role_values(alpha.id, "x"), _role_values(alpha.id, "y")])
        assert {"extra", "x", "y"} <= set(db.session.scalars(select(Role.key)))


def test_a_core_insert_without_a_scope_is_refused(two_tenants):
    alpha, _beta = two_tenants
    set_scope(db.session, None)
    with pytest.raises(TenantContextMissing):
        db.session.execute(insert(Role).values(**_role_values(alpha.id)))


def test_textual_sql_is_refused_unless_it_declares_no_tenant_data(two_tenants):
    alpha, _beta = two_tenants
    with tenant_scope(db.session, alpha.id):
        with pytest.raises(TenantScopeViolation):
            db.session.execute(text("SELECT count(*) FROM role"))
        assert db.session.execute(text("SELECT 1").execution_options(touches_tenant_data=False)).scalar() == 1
    with tenant_scope(db.session, all_tenants=True):
        assert db.session.execute(text("SELECT count(*) FROM role")).scalar() >= 12


def test_deleting_another_tenants_object_is_refused(two_tenants):
    alpha, beta = two_tenants
    with tenant_scope(db.session, beta.id):
        beta_role = db.session.scalars(select(Role)).first()
    with tenant_scope(db.session, alpha.id):
        db.session.delete(beta_role)
        with pytest.raises(TenantScopeViolation):
            db.session.flush()
        db.session.rollback()


def test_moving_a_row_between_two_tenants_in_scope_is_refused(two_tenants):
    alpha, beta = two_tenants
    with tenant_scope(db.session, alpha.id, beta.id):
        role = db.session.scalars(select(Role).where(Role.tenant_id == alpha.id)).first()
        role.tenant_id = beta.id
        with pytest.raises(TenantScopeViolation):
            db.session.flush()
        db.session.rollback()
