"""The policy API: the public policy, versions, drafts with a version check, approval, publishing, diffs."""

from __future__ import annotations

import pytest

from tests.support.web import bearer
from wasl.db import db
from wasl.policy import services
from wasl.tenancy.models import TenantStatus
from wasl.tenancy.scope import tenant_scope

HOPE_MESSAGE = "1445-04-06 AH is 2023-10-21, not 2024-10-21; 2024-10-21 is 1446-04-18 AH."
BASE = "/api/v1/wefaq/policy"


@pytest.fixture
def wefaq(factory):
    return factory.seed_tenant("wefaq")


@pytest.fixture
def headers(factory, wefaq):
    admin = factory.member(wefaq, "admin")
    token = factory.token(admin)
    factory.commit()
    return bearer(token)


def published_id(tenant) -> int:
    with tenant_scope(db.session, tenant.id):
        return services.published_version(tenant).id


def start(client, headers, **body) -> dict:
    response = client.post(f"{BASE}/versions", json=body or {"source": "published"}, headers=headers)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def is_problem(response, status: int) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    return response.get_json()


def test_anyone_reads_the_published_policy_without_a_token(client, wefaq):
    response = client.get(BASE)
    assert response.status_code == 200
    body = response.get_json()
    assert body["association"]["slug"] == "wefaq" and body["association"]["name"]["ar"] == wefaq.name_ar
    assert body["number"] == 1 and len(body["content"]["channels"]) == 8
    assert (body["approval_meeting_number"], body["approved_on"], body["approved_on_hijri"]) == (
        "03", "2024-04-17", "1445-10-08")
    assert "lock_version" not in body and "created_by_id" not in body


def test_no_published_policy_and_suspended_association_are_problems(client, factory, wefaq):
    factory.tenant("fresh")
    factory.commit()
    assert "not published" in is_problem(client.get("/api/v1/fresh/policy"), 404)["detail"]
    is_problem(client.get("/api/v1/nowhere/policy"), 404)
    wefaq.status = TenantStatus.SUSPENDED
    factory.commit()
    is_problem(client.get(BASE), 403)


def test_versions_are_listed_newest_first_and_paginated(client, headers, wefaq):
    draft = start(client, headers)
    body = client.get(f"{BASE}/versions?per_page=1", headers=headers).get_json()
    assert (body["total"], body["pages"], body["per_page"]) == (2, 2, 1)
    assert [(v["number"], v["status"]) for v in body["items"]] == [(2, "draft")]
    assert "content" not in body["items"][0]
    one = client.get(f"{BASE}/versions/{draft['id']}", headers=headers).get_json()
    assert one["lock_version"] == 1 and one["source"] == "editor" and "approval" not in one["content"]
    is_problem(client.get(f"{BASE}/versions?per_page=500", headers=headers), 422)


def test_starting_a_second_draft_is_a_conflict(client, headers, wefaq):
    first = client.post(f"{BASE}/versions", json={"source": "template"}, headers=headers)
    assert first.headers["Location"].endswith(f"/api/v1/wefaq/policy/versions/{first.get_json()['id']}")
    problem = is_problem(client.post(f"{BASE}/versions", json={"source": "published"}, headers=headers), 409)
    assert "Version 2" in problem["detail"]
    is_problem(client.post(f"{BASE}/versions", json={"source": "xerox"}, headers=headers), 422)


def test_a_draft_is_edited_section_by_section_with_its_lock(client, headers, wefaq):
    draft = start(client, headers)
    url = f"{BASE}/versions/{draft['id']}"
    window = {"section": "decision_window", "data": {"days": 10, "counting": "working"}, "lock_version": 1}
    saved = client.patch(url, json=window, headers=headers)
    assert saved.status_code == 200 and saved.get_json()["lock_version"] == 2
    assert saved.get_json()["content"]["decision_window"] == {"days": 10, "counting": "working"}
    stale = dict(window, data={"days": 20, "counting": "calendar"})
    problem = is_problem(client.patch(url, json=stale, headers=headers), 409)
    assert "Reload" in problem["detail"]
    current = client.get(url, headers=headers).get_json()
    assert current["content"]["decision_window"]["days"] == 10 and current["lock_version"] == 2


def test_invalid_sections_get_field_paths(client, headers, wefaq):
    draft = start(client, headers)
    steps = draft["content"]["procedure"]["steps"]
    del steps[2]["target_role"]
    body = {"section": "procedure", "data": {"steps": steps}, "lock_version": 1}
    problem = is_problem(client.patch(f"{BASE}/versions/{draft['id']}", json=body, headers=headers), 422)
    assert problem["errors"] == {"procedure": {"steps": {"2": {"target_role": [
        "A referral step must name the role it refers to."]}}}}
    problem = is_problem(client.patch(f"{BASE}/versions/{draft['id']}", json={"section": "texts"}, headers=headers),
                         422)
    assert set(problem["errors"]) == {"data", "lock_version"}


def test_a_published_version_cannot_be_edited_through_the_api(client, headers, wefaq):
    body = {"section": "decision_window", "data": {"days": 1, "counting": "working"}, "lock_version": 1}
    problem = is_problem(client.patch(f"{BASE}/versions/{published_id(wefaq)}", json=body, headers=headers), 409)
    assert "can no longer be edited" in problem["detail"]
    is_problem(client.delete(f"{BASE}/versions/{published_id(wefaq)}", headers=headers), 409)
    assert client.get(BASE).get_json()["content"]["decision_window"] == {"days": 14, "counting": "calendar"}


def test_hopes_pair_is_refused_with_both_conversions_and_hijri_alone_is_derived(client, headers, wefaq):
    draft = start(client, headers)
    url = f"{BASE}/versions/{draft['id']}/approve"
    hope = {"meeting_number": "3", "date_hijri": "1445-04-06", "date_gregorian": "2024-10-21"}
    problem = is_problem(client.post(url, json=hope, headers=headers), 422)
    assert problem["errors"] == {"date_hijri": [HOPE_MESSAGE], "date_gregorian": [HOPE_MESSAGE]}
    approved = client.post(url, json={"meeting_number": "3", "date_hijri": "1445-04-06", "lock_version": 1},
                           headers=headers)
    assert approved.status_code == 200
    body = approved.get_json()
    assert (body["status"], body["approved_on"], body["approved_on_hijri"]) == ("approved", "2023-10-21", "1445-04-06")
    is_problem(client.post(url, json={"meeting_number": "4", "date_hijri": "1445-04-06"}, headers=headers), 409)


def test_publishing_supersedes_and_the_public_policy_follows(client, headers, wefaq):
    draft = start(client, headers)
    url = f"{BASE}/versions/{draft['id']}"
    client.patch(url, json={"section": "decision_window", "data": {"days": 10, "counting": "working"},
                            "lock_version": 1}, headers=headers)
    is_problem(client.post(f"{url}/publish", headers=headers), 409)
    client.post(f"{url}/approve", json={"meeting_number": "8", "date_gregorian": "2025-05-04"}, headers=headers)
    published = client.post(f"{url}/publish", headers=headers)
    assert published.status_code == 200 and published.get_json()["status"] == "published"
    public = client.get(BASE).get_json()
    assert public["number"] == 2 and public["content"]["decision_window"]["days"] == 10
    assert published_id(wefaq) == draft["id"]
    statuses = [v["status"] for v in client.get(f"{BASE}/versions", headers=headers).get_json()["items"]]
    assert statuses == ["published", "superseded"]
    diff = client.get(f"{BASE}/diff?from={draft['id'] - 1}&to={draft['id']}", headers=headers)
    assert diff.status_code == 200
    sections = {s["key"]: s for s in diff.get_json()["sections"]}
    assert sections["decision_window"]["changes"][0]["kind"] == "changed"
    assert sections["approval"]["changes"][0]["after"] == "8"  # the meeting number, compared as a whole value
    is_problem(client.get(f"{BASE}/diff?from={draft['id']}", headers=headers), 422)


def test_sharing_and_the_copyable_list(client, factory, headers, wefaq):
    shaair = factory.seed_tenant("shaair")
    shaair_token = factory.token(factory.member(shaair, "admin"))
    factory.commit()
    url = f"{BASE}/versions/{published_id(wefaq)}/shareable"
    assert client.put(url, json={"shareable": True}, headers=headers).get_json()["shareable"] is True
    listed = client.get("/api/v1/shaair/policy/copyable", headers=bearer(shaair_token)).get_json()
    assert [(p["association"], p["number"]) for p in listed] == [("wefaq", 1)]
    copied = client.post("/api/v1/shaair/policy/versions", json={"source": "copy", "copy_from": "wefaq"},
                         headers=bearer(shaair_token))
    assert copied.status_code == 201 and copied.get_json()["copied_from"] == {"association": "wefaq", "number": 1}
    assert client.delete(f"/api/v1/shaair/policy/versions/{copied.get_json()['id']}",
                         headers=bearer(shaair_token)).status_code == 204


def test_each_route_needs_its_permission(client, factory, wefaq):
    viewer = bearer(factory.token(factory.member(wefaq, "viewer")))
    officer = bearer(factory.token(factory.member(wefaq, "relations_officer")))
    factory.commit()
    assert client.get(f"{BASE}/versions", headers=viewer).status_code == 200
    is_problem(client.post(f"{BASE}/versions", json={"source": "published"}, headers=viewer), 403)
    version = f"{BASE}/versions/{published_id(wefaq)}"
    is_problem(client.post(f"{version}/approve", json={"meeting_number": "1"}, headers=officer), 403)
    is_problem(client.post(f"{version}/publish", headers=officer), 403)
    is_problem(client.get(f"{BASE}/versions"), 401)


def _routes(version_id: int, slug: str = "wefaq") -> list[tuple[str, str]]:
    base = f"/api/v1/{slug}/policy"
    one = f"{base}/versions/{version_id}"
    return [("GET", f"{base}/versions"), ("POST", f"{base}/versions"), ("GET", one), ("PATCH", one),
            ("DELETE", one), ("POST", f"{one}/approve"), ("POST", f"{one}/publish"), ("PUT", f"{one}/shareable"),
            ("GET", f"{base}/diff?from={version_id}&to={version_id}"), ("GET", f"{base}/copyable")]


def test_a_member_of_another_association_gets_404_everywhere_but_the_public_policy(client, factory, wefaq):
    shaair = factory.seed_tenant("shaair")
    outsider = bearer(factory.token(factory.member(shaair, "admin")))
    factory.commit()
    theirs = published_id(wefaq)
    their_objects_under_my_slug = [(m, url) for m, url in _routes(theirs, "shaair")
                                   if str(theirs) in url.partition("/policy")[2]]
    assert len(their_objects_under_my_slug) == 7
    failures = [(method, url, status) for method, url in _routes(theirs) + their_objects_under_my_slug
                if (status := client.open(url, method=method, json={}, headers=outsider).status_code) != 404]
    assert not failures
    assert client.get(BASE, headers=outsider).status_code == 200


def test_the_policy_operations_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert paths["/api/v1/{slug}/policy"]["get"]["security"] == []
    assert {"get", "post"} <= set(paths["/api/v1/{slug}/policy/versions"])
    assert {"get", "patch", "delete"} <= set(paths["/api/v1/{slug}/policy/versions/{policy_version_id}"])
    for tail in ("approve", "publish", "shareable"):
        assert f"/api/v1/{{slug}}/policy/versions/{{policy_version_id}}/{tail}" in paths
    assert "/api/v1/{slug}/policy/diff" in paths
