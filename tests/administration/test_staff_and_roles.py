from sqlalchemy import select

from tests.administration.helpers import admin_of, flashed, post, sign_in_as
from wasl.accounts.models import Membership, Role
from wasl.db import db
from wasl.tenancy.scope import tenant_scope


def _role_id(tenant, key):
    with tenant_scope(db.session, tenant.id):
        return db.session.scalar(select(Role.id).where(Role.key == key))


_post = post


def test_staff_page_lists_only_this_associations_people(client, factory):
    tenant, other = factory.tenant(), factory.tenant()
    admin = admin_of(client, factory, tenant)
    outsider = factory.member(other, "relations_officer")
    factory.commit()
    page = client.get(f"/{tenant.slug}/admin/staff").get_data(as_text=True)
    assert admin.email in page and outsider.email not in page
    assert client.get(f"/{other.slug}/admin/staff").status_code == 404


def test_admin_pages_need_the_admin_permission(client, factory):
    tenant = factory.tenant()
    officer = admin_of(client, factory, tenant, role="relations_officer")
    assert officer is not None
    assert client.get(f"/{tenant.slug}/admin/staff").status_code == 403


def test_admin_pages_ask_for_the_second_factor(client, factory):
    tenant = factory.tenant()
    admin = factory.member(tenant, "admin")
    factory.commit()
    sign_in_as(client, admin)
    response = client.get(f"/{tenant.slug}/admin/staff")
    assert response.status_code == 302 and "/two-factor/setup" in response.headers["Location"]


def test_change_role_and_deactivation_take_effect_on_the_next_request(client, factory, app):
    tenant = factory.tenant()
    admin_of(client, factory, tenant)
    officer = factory.member(tenant, "relations_officer")
    factory.commit()
    membership = factory.membership(officer, tenant)
    other_client = app.test_client()
    sign_in_as(other_client, officer)
    assert other_client.get(f"/{tenant.slug}/").status_code == 200
    staff_url = f"/{tenant.slug}/admin/staff"
    response = _post(client, f"/{tenant.slug}/admin/staff/{membership.id}/role",
                     {"role_id": _role_id(tenant, "supervisor")}, staff_url)
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Membership, membership.id).role_id == _role_id(tenant, "supervisor")
    _post(client, f"/{tenant.slug}/admin/staff/{membership.id}/deactivate", form_page=staff_url)
    assert other_client.get(f"/{tenant.slug}/").status_code == 404
    _post(client, f"/{tenant.slug}/admin/staff/{membership.id}/reactivate", form_page=staff_url)
    assert other_client.get(f"/{tenant.slug}/").status_code == 200


def test_the_last_admin_cannot_be_demoted_or_deactivated(client, factory):
    tenant = factory.tenant()
    admin = admin_of(client, factory, tenant)
    membership = factory.membership(admin, tenant)
    staff_url = f"/{tenant.slug}/admin/staff"
    assert "The only admin" in client.get(staff_url + "?lang=en").get_data(as_text=True)
    response = _post(client, f"/{tenant.slug}/admin/staff/{membership.id}/role",
                     {"role_id": _role_id(tenant, "viewer")}, staff_url)
    assert "last admin" in flashed(client.get(response.headers["Location"]))
    response = _post(client, f"/{tenant.slug}/admin/staff/{membership.id}/deactivate", form_page=staff_url)
    assert "last admin" in flashed(client.get(response.headers["Location"]))
    db.session.expire_all()
    kept = db.session.get(Membership, membership.id)
    assert kept.active and kept.role_id == _role_id(tenant, "admin")


def test_a_second_admin_makes_demotion_possible(client, factory):
    tenant = factory.tenant()
    admin = admin_of(client, factory, tenant)
    factory.member(tenant, "admin")
    factory.commit()
    membership = factory.membership(admin, tenant)
    _post(client, f"/{tenant.slug}/admin/staff/{membership.id}/role", {"role_id": _role_id(tenant, "viewer")},
          f"/{tenant.slug}/admin/staff")
    db.session.expire_all()
    assert db.session.get(Membership, membership.id).role_id == _role_id(tenant, "viewer")


def test_another_associations_membership_is_not_found(client, factory):
    tenant, other = factory.tenant(), factory.tenant()
    admin_of(client, factory, tenant)
    foreign = factory.membership(factory.member(other, "viewer"), other)
    factory.commit()
    response = _post(client, f"/{tenant.slug}/admin/staff/{foreign.id}/deactivate",
                     form_page=f"/{tenant.slug}/admin/staff")
    assert response.status_code == 404
    db.session.expire_all()
    assert db.session.get(Membership, foreign.id).active


def test_roles_are_created_from_the_permission_registry(client, factory):
    tenant = factory.tenant()
    admin_of(client, factory, tenant)
    form = client.get(f"/{tenant.slug}/admin/roles/new").get_data(as_text=True)
    assert 'value="cases.create"' in form and 'value="tenant.admin"' in form
    response = _post(client, f"/{tenant.slug}/admin/roles/new", {
        "key": "intake_clerk", "name_ar": "موظف استقبال", "name_en": "Intake clerk",
        "permissions": ["tenant.view", "cases.create"]})
    assert response.status_code == 302
    with tenant_scope(db.session, tenant.id):
        role = db.session.scalar(select(Role).where(Role.key == "intake_clerk"))
    assert role.permissions == ["cases.create", "tenant.view"]
    refused = _post(client, f"/{tenant.slug}/admin/roles/new", {
        "key": "intake_clerk", "name_ar": "مكرر", "name_en": "Again", "permissions": ["tenant.view"]},
        f"/{tenant.slug}/admin/roles/new")
    assert refused.status_code == 422


def test_taking_the_admin_right_from_the_last_admins_role_is_refused(client, factory):
    tenant = factory.tenant()
    admin_of(client, factory, tenant)
    admin_role = _role_id(tenant, "admin")
    response = _post(client, f"/{tenant.slug}/admin/roles/{admin_role}", {
        "name_ar": "مدير", "name_en": "Admin", "permissions": ["tenant.view"]})
    assert response.status_code == 409
    assert "without an admin" in response.get_data(as_text=True)
    with tenant_scope(db.session, tenant.id):
        db.session.expire_all()
        assert "tenant.admin" in db.session.get(Role, admin_role).permissions


def test_a_role_in_use_cannot_be_removed_but_an_unused_one_can(client, factory):
    tenant = factory.tenant()
    admin_of(client, factory, tenant)
    factory.member(tenant, "viewer")
    factory.commit()
    roles_url = f"/{tenant.slug}/admin/roles"
    viewer, committee = _role_id(tenant, "viewer"), _role_id(tenant, "committee_member")
    response = _post(client, f"/{tenant.slug}/admin/roles/{viewer}/delete", form_page=roles_url)
    assert "held by staff" in flashed(client.get(response.headers["Location"]))
    _post(client, f"/{tenant.slug}/admin/roles/{committee}/delete", form_page=roles_url)
    assert _role_id(tenant, "committee_member") is None and _role_id(tenant, "viewer") == viewer
