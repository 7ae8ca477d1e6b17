"""The ORM scopes every query on a tenant-owned model and refuses to run without a tenant."""

import pytest
from sqlalchemy import select, update

from wasl.accounts.models import Membership, Role
from wasl.audit.models import AuditEvent
from wasl.db import db
from wasl.tenancy.scope import (
    TenantContextMissing,
    TenantScopeViolation,
    get_in_scope,
    set_scope,
    tenant_scope,
)


@pytest.fixture
def two_tenants(factory):
    return factory.tenant("alpha"), factory.tenant("beta")


def test_query_without_tenant_raises(two_tenants):
    set_scope(db.session, None)
    with pytest.raises(TenantContextMissing):
        db.session.scalars(select(Role)).all()


def test_update_without_tenant_raises(two_tenants):
    set_scope(db.session, None)
    with pytest.raises(TenantContextMissing):
        db.session.execute(update(Role).values(name_en="x"))


def test_an_explicit_all_tenants_scope_is_the_only_way_round(two_tenants):
    with tenant_scope(db.session, all_tenants=True):
        roles = db.session.scalars(select(Role)).all()
    assert {t.id for t in two_tenants} <= {r.tenant_id for r in roles}


def test_query_sees_only_the_tenant_in_scope(two_tenants):
    alpha, beta = two_tenants
    with tenant_scope(db.session, alpha.id):
        assert {r.tenant_id for r in db.session.scalars(select(Role))} == {alpha.id}
        assert db.session.get(Role, _role_id(beta)) is None


def test_a_row_the_session_already_holds_is_answered_only_inside_its_scope(two_tenants):
    alpha, beta = two_tenants
    with tenant_scope(db.session, beta.id):
        held = db.session.scalars(select(Role)).first()  # now in the session's identity map
        assert get_in_scope(db.session, Role, held.id) is held
    with tenant_scope(db.session, alpha.id):
        assert get_in_scope(db.session, Role, held.id) is None
    with tenant_scope(db.session, alpha.id, beta.id):
        assert get_in_scope(db.session, Role, held.id) is held
    set_scope(db.session, None)
    with pytest.raises(TenantContextMissing):
        get_in_scope(db.session, Role, held.id)


def test_joins_and_aliases_are_scoped_too(two_tenants, factory):
    alpha, beta = two_tenants
    factory.member(alpha, "viewer")
    factory.member(beta, "viewer")
    with tenant_scope(db.session, alpha.id):
        stmt = select(Membership, Role).join(Role, Role.id == Membership.role_id)
        rows = db.session.execute(stmt).all()
    assert rows and {role.tenant_id for _m, role in rows} == {alpha.id}


def test_lazy_load_of_a_relationship_is_scoped(two_tenants, factory):
    alpha, beta = two_tenants
    user = factory.member(beta, "viewer")
    membership = factory.membership(user, beta)
    db.session.expire(membership)
    with tenant_scope(db.session, alpha.id):
        assert membership.role is None  # beta's role is invisible from alpha


def test_new_rows_are_stamped_with_the_tenant(two_tenants):
    alpha, _ = two_tenants
    with tenant_scope(db.session, alpha.id):
        event = AuditEvent(action="test.stamped")
        db.session.add(event)
        db.session.flush()
    assert event.tenant_id == alpha.id


def test_writing_a_row_for_another_tenant_is_refused(two_tenants):
    alpha, beta = two_tenants
    with tenant_scope(db.session, alpha.id):
        db.session.add(AuditEvent(action="test.cross", tenant_id=beta.id))
        with pytest.raises(TenantScopeViolation):
            db.session.flush()
        db.session.rollback()


def test_a_new_row_needs_exactly_one_tenant(two_tenants):
    alpha, beta = two_tenants
    with tenant_scope(db.session, alpha.id, beta.id):
        db.session.add(AuditEvent(action="test.ambiguous"))
        with pytest.raises(TenantScopeViolation):
            db.session.flush()
        db.session.rollback()


def test_moving_a_row_to_another_tenant_is_refused(two_tenants):
    alpha, beta = two_tenants
    with tenant_scope(db.session, alpha.id):
        role = db.session.scalars(select(Role)).first()
        role.tenant_id = beta.id
        with pytest.raises(TenantScopeViolation):
            db.session.flush()
        db.session.rollback()


def _role_id(tenant) -> int:
    with tenant_scope(db.session, tenant.id):
        return db.session.scalars(select(Role.id)).first()


def test_counts_and_subqueries_are_scoped(two_tenants):
    from sqlalchemy import func

    alpha, _ = two_tenants
    with tenant_scope(db.session, alpha.id):
        assert db.session.scalar(select(func.count()).select_from(Role)) == 6
        inner = select(Role).subquery()
        assert db.session.scalar(select(func.count()).select_from(inner)) == 6


def test_counts_without_tenant_raise(two_tenants):
    from sqlalchemy import func

    set_scope(db.session, None)
    with pytest.raises(TenantContextMissing):
        db.session.scalar(select(func.count()).select_from(Role))


def test_bare_tables_of_tenant_owned_models_are_refused(two_tenants):
    alpha, _ = two_tenants
    with tenant_scope(db.session, alpha.id), pytest.raises(TenantScopeViolation):
        db.session.execute(select(Role.__table__.c.id)).all()


def test_get_from_the_identity_map_respects_the_scope(two_tenants):
    alpha, beta = two_tenants
    with tenant_scope(db.session, beta.id):
        role = db.session.scalars(select(Role)).first()  # now in the identity map
    with tenant_scope(db.session, alpha.id):
        assert db.session.get(Role, role.id) is None
    set_scope(db.session, None)
    with pytest.raises(TenantContextMissing):
        db.session.get(Role, role.id)
