"""The import through the JSON API: the same steps, problem+json refusals, documented in OpenAPI."""

from __future__ import annotations

import io

import pytest

from tests.imports.registers import HEADERS, csv_bytes, register_rows
from tests.support.web import bearer

DEAD_REDIS = "redis://127.0.0.1:9/0"


@pytest.fixture
def api(client, factory, app, monkeypatch):
    monkeypatch.setitem(app.config, "REDIS_URL", DEAD_REDIS)
    tenant = factory.tenant()
    token = factory.token(factory.member(tenant, "admin"))
    factory.commit()
    base = f"/api/v1/{tenant.slug}/imports"

    def call(method: str, path: str = "", **kwargs):
        return client.open(base + path, method=method, headers={**bearer(token), "Accept-Language": "en"}, **kwargs)

    return call


def _upload(api, data: bytes, name: str = "register.csv"):
    return api("POST", data={"file": (io.BytesIO(data), name)}, content_type="multipart/form-data")


def test_upload_map_dry_run_report_and_start_through_the_api(api):
    rows, planted = register_rows(120, planted=9)
    created = _upload(api, csv_bytes(rows))
    assert created.status_code == 201 and created.headers["Location"].endswith(f"/imports/{created.json['id']}")
    job = created.json
    assert job["status"] == "uploaded" and job["row_count"] == 120 and job["headers"] == HEADERS
    assert job["proposed_mapping"]["رقم الهوية"] == "national_id" and job["mapping"] == {}
    path = f"/{job['id']}"
    mapped = api("PUT", path + "/mapping", json={"mapping": job["proposed_mapping"]})
    assert mapped.status_code == 200 and mapped.json["status"] == "mapped"
    checked = api("POST", path + "/dry-run")
    assert checked.status_code == 200 and checked.json["error_count"] == 9 and not checked.json["can_start"]
    report = api("GET", path + "/report?kind=error&per_page=5")
    assert report.json["total"] == 9 and report.json["pages"] == 2
    assert {(i["row_number"], i["field"]) for i in report.json["items"]} <= planted
    assert all(i["message"] == i["message_en"] and i["message_ar"] for i in report.json["items"])
    refused = api("POST", path + "/start")
    assert refused.status_code == 409 and refused.mimetype == "application/problem+json"
    assert api("GET", path + "/report.xlsx").status_code == 200


def test_a_clean_file_starts_with_202_and_waits_queued_while_redis_is_down(api):
    job = _upload(api, csv_bytes(register_rows(10)[0])).json
    path = f"/{job['id']}"
    api("PUT", path + "/mapping", json={"mapping": job["proposed_mapping"]})
    assert api("POST", path + "/dry-run").json["can_start"]
    started = api("POST", path + "/start")
    assert started.status_code == 202 and started.json["status"] == "queued"
    assert api("GET", path).json["status"] == "queued"
    assert api("POST", path + "/start").status_code == 409
    assert api("PUT", path + "/mapping", json={"mapping": job["proposed_mapping"]}).status_code == 409


def test_refusals_are_problems_naming_the_reason(api):
    refused = _upload(api, b"<html></html>", "register.csv")
    assert refused.status_code == 415 and refused.json["type"] == "urn:wasl:problem:upload-refused"
    assert "file" in refused.json["errors"]
    job = _upload(api, csv_bytes(register_rows(2)[0])).json
    wrong = api("PUT", f"/{job['id']}/mapping", json={"mapping": {"رقم الهوية": "national_id", "Nope": "colour"}})
    assert wrong.status_code == 422
    text = " ".join(wrong.json["errors"]["mapping"])
    assert "“Nope” is not a column" in text and "“colour” is not a field" in text and "is required" in text
    assert api("PUT", f"/{job['id']}/mapping", json={}).status_code == 422
    assert api("POST", f"/{job['id']}/dry-run").status_code == 409
    assert api("GET", f"/{job['id']}/report?kind=other").status_code == 422
    assert api("GET", "/999999").status_code == 404


def test_every_import_route_is_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    for path, method in [("", "post"), ("", "get"), ("/{import_id}", "get"), ("/{import_id}/mapping", "put"),
                         ("/{import_id}/dry-run", "post"), ("/{import_id}/start", "post"),
                         ("/{import_id}/report", "get"), ("/{import_id}/report.xlsx", "get")]:
        assert method in paths[f"/api/v1/{{slug}}/imports{path}"], path
