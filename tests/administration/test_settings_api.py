"""The settings API: roles, profile and letterhead, audit log, exports; the same rules as the pages."""

import pytest
from sqlalchemy import select

from tests.administration.test_settings_and_audit import PNG
from tests.support.web import bearer
from wasl.accounts.models import Role
from wasl.administration.letterhead import logo_file
from wasl.archive import exports
from wasl.audit.models import AuditEvent
from wasl.audit.services import record
from wasl.db import db
from wasl.tenancy.models import Tenant
from wasl.tenancy.scope import tenant_scope

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>'
EVIL_SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.fixture
def world(factory, app, monkeypatch):
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:9/0")  # export jobs wait, never enqueued
    tenant = factory.tenant()
    admin, supervisor = factory.member(tenant, "admin"), factory.member(tenant, "supervisor")
    tokens = {"admin": bearer(factory.token(admin)), "supervisor": bearer(factory.token(supervisor))}
    factory.commit()
    return {"tenant": tenant, **tokens, "url": f"/api/v1/{tenant.slug}/admin", "admin_user": admin}


def _role(tenant, key: str) -> Role:
    with tenant_scope(db.session, tenant.id):
        db.session.expire_all()
        return db.session.scalar(select(Role).where(Role.key == key))


def _reloaded(tenant) -> Tenant:
    db.session.expire_all()
    return db.session.get(Tenant, tenant.id)


def _english(headers: dict) -> dict:
    return {**headers, "Accept-Language": "en"}


# --- permission ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("method,path", [
    ("GET", "/roles"), ("POST", "/roles"), ("GET", "/profile"), ("PATCH", "/profile"), ("PUT", "/letterhead"),
    ("PUT", "/letterhead/logo"), ("GET", "/letterhead/logo"), ("GET", "/audit"), ("GET", "/exports"),
    ("POST", "/exports"),
])
def test_a_member_who_is_not_an_admin_gets_403(client, world, method, path):
    response = client.open(world["url"] + path, method=method, headers=world["supervisor"], json={})
    assert response.status_code == 403 and response.mimetype == "application/problem+json"


# --- roles ---------------------------------------------------------------------------------------------


def test_roles_are_listed_created_changed_and_removed(client, world):
    listed = client.get(world["url"] + "/roles", headers=world["admin"]).get_json()
    admin_role = next(r for r in listed if r["key"] == "admin")
    assert admin_role["holders"] == 1 and admin_role["from_template"] and "tenant.admin" in admin_role["permissions"]
    created = client.post(world["url"] + "/roles", headers=world["admin"], json={
        "key": "volunteer", "name": {"ar": " متطوع ", "en": "Volunteer"}, "permissions": ["tenant.view"]})
    assert created.status_code == 201, created.get_json()
    body = created.get_json()
    assert body["name"] == {"ar": "متطوع", "en": "Volunteer"} and not body["from_template"]
    changed = client.patch(f"{world['url']}/roles/{body['id']}", headers=world["admin"],
                           json={"permissions": ["tenant.view", "cases.view"], "name": {"en": "Helper"}})
    assert changed.status_code == 200
    assert changed.get_json()["permissions"] == ["cases.view", "tenant.view"]
    assert changed.get_json()["name"] == {"ar": "متطوع", "en": "Helper"}
    assert client.delete(f"{world['url']}/roles/{body['id']}", headers=world["admin"]).status_code == 204
    assert _role(world["tenant"], "volunteer") is None


def test_bad_role_input_is_a_422_naming_the_field_and_nothing_is_saved(client, world):
    url, admin = world["url"] + "/roles", _english(world["admin"])
    unknown = client.post(url, headers=admin, json={"key": "helper", "name": {"ar": "م", "en": "H"},
                                                    "permissions": ["cases.fly"]})
    assert unknown.status_code == 422 and "permissions" in unknown.get_json()["errors"]
    bad_key = client.post(url, headers=admin, json={"key": "Bad Key", "name": {"ar": "م", "en": "H"}})
    assert bad_key.status_code == 422 and "key" in bad_key.get_json()["errors"]
    taken = client.post(url, headers=admin, json={"key": "viewer", "name": {"ar": "م", "en": "H"}})
    assert taken.status_code == 422 and "key" in taken.get_json()["errors"]
    blank = client.post(url, headers=admin, json={"key": "helper", "name": {"ar": "  ", "en": "H"}})
    assert blank.status_code == 422 and "ar" in blank.get_json()["errors"]["name"]
    assert _role(world["tenant"], "helper") is None
    viewer = _role(world["tenant"], "viewer")
    typo = client.patch(f"{url}/{viewer.id}", headers=admin, json={"permisions": []})
    assert typo.status_code == 422 and "permisions" in typo.get_json()["errors"]


def test_the_last_admin_rule_holds_with_a_409_and_nothing_changes(client, world):
    admin_role = _role(world["tenant"], "admin")
    response = client.patch(f"{world['url']}/roles/{admin_role.id}", headers=_english(world["admin"]),
                            json={"permissions": ["tenant.view"]})
    assert response.status_code == 409 and response.mimetype == "application/problem+json"
    assert "without an admin" in response.get_json()["detail"]
    assert "tenant.admin" in _role(world["tenant"], "admin").permissions
    held = client.delete(f"{world['url']}/roles/{admin_role.id}", headers=world["admin"])
    assert held.status_code == 409 and _role(world["tenant"], "admin") is not None


def test_another_associations_role_is_not_found(client, world, factory):
    other = factory.tenant()
    factory.commit()
    theirs = _role(other, "viewer").id
    assert client.patch(f"{world['url']}/roles/{theirs}", headers=world["admin"],
                        json={"name": {"en": "Mine"}}).status_code == 404
    assert client.delete(f"{world['url']}/roles/{theirs}", headers=world["admin"]).status_code == 404


# --- profile and letterhead ----------------------------------------------------------------------------


def test_the_profile_is_read_and_patched(client, world):
    url = world["url"] + "/profile"
    before = client.get(url, headers=world["admin"]).get_json()
    assert before["name_ar"] == world["tenant"].name_ar and before["letterhead"]["has_logo"] is False
    response = client.patch(url, headers=world["admin"], json={
        "city_en": "Buraydah", "contacts": {"phone": "+966163230000", "website": "https://example.org"},
        "terminology": {"beneficiary": {"ar": "مستفيد", "en": "Client"}}})
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["city_en"] == "Buraydah" and body["contacts"]["phone"] == "+966163230000"
    assert body["terminology"]["beneficiary"]["en"] == "Client"
    cleared = client.patch(url, headers=world["admin"], json={"contacts": {"phone": ""}, "city_en": None})
    assert cleared.get_json()["contacts"]["phone"] is None and cleared.get_json()["city_en"] is None
    assert cleared.get_json()["contacts"]["website"] == "https://example.org"
    with tenant_scope(db.session, world["tenant"].id):
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "tenant.profile_updated"))


def test_a_bad_profile_field_is_a_422_naming_it_and_nothing_is_saved(client, world):
    url, admin = world["url"] + "/profile", _english(world["admin"])
    response = client.patch(url, headers=admin, json={"city_en": "Unaizah", "contacts": {"phone": "call us"}})
    assert response.status_code == 422 and "phone" in response.get_json()["errors"]["contacts"]
    assert "Telephone" in response.get_json()["errors"]["contacts"]["phone"][0]
    assert _reloaded(world["tenant"]).city_en is None
    for body, field in (({"name_ar": " "}, "name_ar"), ({"default_locale": "fr"}, "default_locale"),
                        ({"slug": "taken"}, "slug"), ({"registration_number": "no spaces"}, "registration_number")):
        answer = client.patch(url, headers=admin, json=body)
        assert answer.status_code == 422 and field in answer.get_json()["errors"], body
    assert client.patch(url, headers=admin, data="[]", content_type="application/json").status_code == 400


def test_the_letterhead_tagline_and_logo(client, world):
    url = world["url"] + "/letterhead"
    tagline = client.put(url, headers=world["admin"], json={"tagline": {"ar": "معاً للخير", "en": "Together"}})
    assert tagline.status_code == 200 and tagline.get_json()["tagline"] == {"ar": "معاً للخير", "en": "Together"}
    stored = client.put(url + "/logo", headers={**world["admin"], "Content-Type": "image/png"}, data=PNG)
    assert stored.status_code == 200, stored.get_json()
    assert stored.get_json()["has_logo"] and stored.get_json()["logo_media_type"] == "image/png"
    assert stored.get_json()["tagline"]["en"] == "Together"
    fetched = client.get(url + "/logo", headers=world["admin"])
    assert fetched.status_code == 200 and fetched.data == PNG and fetched.mimetype == "image/png"
    svg = client.put(url + "/logo", headers={**world["admin"], "Content-Type": "image/svg+xml"}, data=SVG)
    assert svg.status_code == 200 and svg.get_json()["logo_media_type"] == "image/svg+xml"
    profile = client.get(world["url"] + "/profile", headers=world["admin"]).get_json()
    assert profile["letterhead"]["has_logo"] and profile["letterhead"]["tagline"]["ar"] == "معاً للخير"


@pytest.mark.parametrize("content_type,data", [
    ("image/svg+xml", EVIL_SVG), ("image/png", b"not an image"), ("image/png", SVG), ("image/png", b""),
])
def test_a_refused_logo_is_a_422_naming_logo_and_nothing_is_stored(client, world, content_type, data):
    response = client.put(world["url"] + "/letterhead/logo", data=data,
                          headers={**_english(world["admin"]), "Content-Type": content_type})
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    assert response.get_json()["errors"]["logo"][0].startswith("Logo:")
    tenant = _reloaded(world["tenant"])
    assert logo_file(tenant) is None and not (tenant.letterhead or {}).get("logo")
    assert client.get(world["url"] + "/letterhead/logo", headers=world["admin"]).status_code == 404


def test_a_logo_of_another_type_is_a_415(client, world):
    response = client.put(world["url"] + "/letterhead/logo", data=PNG,
                          headers={**world["admin"], "Content-Type": "image/gif"})
    assert response.status_code == 415 and logo_file(_reloaded(world["tenant"])) is None


def test_a_bad_tagline_is_a_422(client, world):
    url = world["url"] + "/letterhead"
    response = client.put(url, headers=world["admin"], json={"tagline": {"ar": "x" * 300}})
    assert response.status_code == 422 and "ar" in response.get_json()["errors"]["tagline"]
    assert not (_reloaded(world["tenant"]).letterhead or {}).get("tagline")


# --- audit log -----------------------------------------------------------------------------------------


def _events(tenant, actor) -> None:
    with tenant_scope(db.session, tenant.id):
        record("case.opened", actor_id=actor.id, number="1")
        record("case.opened", actor_id=actor.id, number="2")
        record("policy.published", actor_id=actor.id)


def test_the_audit_log_is_filtered_and_paginated(client, world, factory):
    _events(world["tenant"], world["admin_user"])
    other = factory.tenant()
    with tenant_scope(db.session, other.id):
        record("case.opened", number="elsewhere")
    factory.commit()
    url = world["url"] + "/audit"
    page = client.get(url + "?action=case.&per_page=1", headers=world["admin"]).get_json()
    assert (page["total"], page["pages"], len(page["items"])) == (2, 2, 1)
    item = page["items"][0]
    assert item["action"] == "case.opened" and item["actor_email"] == world["admin_user"].email
    assert item["details"]["number"] == "2"
    mine = client.get(url + f"?actor={world['admin_user'].email}", headers=world["admin"]).get_json()
    assert mine["total"] == 3
    assert client.get(url + "?date_to=2000-01-01", headers=world["admin"]).get_json()["total"] == 0


@pytest.mark.parametrize("query,field", [("date_from=yesterday", "date_from"), ("date_to=9999-12-31", "date_to"),
                                         ("per_page=1000", "per_page"), ("action=" + "a" * 81, "action")])
def test_bad_audit_filters_are_a_422_naming_the_field(client, world, query, field):
    response = client.get(world["url"] + "/audit?" + query, headers=world["admin"])
    assert response.status_code == 422 and field in response.get_json()["errors"]


# --- exports -------------------------------------------------------------------------------------------


def test_an_export_is_enqueued_after_its_commit_and_downloads_when_done(client, world, monkeypatch):
    from wasl import jobs

    queued = []

    def put(kind, export_id, tenant_id):
        db.session.rollback()  # a job sees only what was committed
        queued.append((export_id, tenant_id, exports.export_of(world["tenant"], export_id) is not None))
        return True

    monkeypatch.setattr(jobs, "put", put)
    url = world["url"] + "/exports"
    started = client.post(url, headers=world["admin"])
    assert started.status_code == 202 and started.get_json()["status"] == "pending"
    export_id = started.get_json()["id"]
    assert queued == [(export_id, world["tenant"].id, True)]
    assert started.headers["Location"].endswith(f"/exports/{export_id}")
    assert client.get(f"{url}/{export_id}/download", headers=world["admin"]).status_code == 404
    exports.build_export(export_id, world["tenant"].id)
    status = client.get(f"{url}/{export_id}", headers=world["admin"]).get_json()
    assert status["status"] == "done" and status["progress"] == 100
    assert [e["id"] for e in client.get(url, headers=world["admin"]).get_json()] == [export_id]
    download = client.get(f"{url}/{export_id}/download", headers=world["admin"])
    assert download.status_code == 200 and download.mimetype == "application/zip"
    assert client.get(f"{url}/{export_id + 1000}", headers=world["admin"]).status_code == 404


def test_answers_with_real_data_match_the_openapi_document(client, world):
    import schemathesis

    schema = schemathesis.openapi.from_dict(client.get("/api/v1/openapi.json").get_json())
    _events(world["tenant"], world["admin_user"])
    db.session.commit()
    admin, base = world["admin"], "/api/v1/{slug}/admin"
    client.put(world["url"] + "/letterhead/logo", headers={**admin, "Content-Type": "image/png"}, data=PNG)
    exports.build_export(exports.request_export(world["tenant"], None).id, world["tenant"].id)
    answers = {
        ("/roles", "GET"): client.get(world["url"] + "/roles", headers=admin),
        ("/profile", "GET"): client.get(world["url"] + "/profile", headers=admin),
        ("/profile", "PATCH"): client.patch(world["url"] + "/profile", headers=admin, json={"city_ar": "عنيزة"}),
        ("/letterhead", "PUT"): client.put(world["url"] + "/letterhead", headers=admin,
                                           json={"tagline": {"ar": "سطر", "en": None}}),
        ("/audit", "GET"): client.get(world["url"] + "/audit", headers=admin),
        ("/exports", "GET"): client.get(world["url"] + "/exports", headers=admin),
        ("/roles", "POST"): client.post(world["url"] + "/roles", headers=admin,
                                        json={"key": "nothing_allowed", "name": {"ar": "أ", "en": "B"}}),
        ("/roles/{role_id}", "PATCH"): client.patch(f"{world['url']}/roles/{_role(world['tenant'], 'admin').id}",
                                                    headers=admin, json={"permissions": []}),
    }
    for (path, method), response in answers.items():
        assert response.status_code < 500, (path, response.get_json())
        schema[base + path][method].validate_response(response)


def test_the_audit_log_leaves_lang_alone(client, world):
    response = client.get(world["url"] + "/audit?lang=en&action=tenant.", headers=world["admin"])
    assert response.status_code == 200 and response.get_json()["total"] == 0
