"""The registry's API: create, read, search, change, consents; duplicates and bad input as problems."""

import pytest

from tests.beneficiaries.conftest import CITIZEN_ID, RESIDENT_ID, person
from tests.support.beneficiaries import count_in
from tests.support.web import bearer
from wasl.beneficiaries.models import Consent


@pytest.fixture
def api(client, factory, tenant, officer):
    headers = bearer(factory.token(officer))
    factory.commit()
    base = f"/api/v1/{tenant.slug}/beneficiaries"

    def call(method: str, path: str = "", **kwargs):
        return client.open(base + path, method=method, headers=headers, **kwargs)

    return call


def test_create_then_get(api, tenant):
    created = api("POST", json=person(consents=[{"purpose": "data_processing", "channel": "in_person"}]))
    assert created.status_code == 201
    body = created.get_json()
    assert body["national_id"] == CITIZEN_ID and body["mobile"] == "+966501234567"
    assert body["id_kind"] == "citizen" and body["birth_on"] == "1989-12-10"
    assert body["birth_on_hijri"] == "1410-05-12" and body["birth_calendar"] == "hijri"
    assert body["is_registered"] is False and body["file_number"] is None
    assert [c["purpose"] for c in body["consents"]] == ["data_processing"]
    assert created.headers["Location"].endswith(f"/beneficiaries/{body['id']}")
    fetched = api("GET", f"/{body['id']}")
    assert fetched.status_code == 200 and fetched.get_json() == body


def test_duplicate_is_a_409_problem_naming_the_existing_record(api, tenant):
    first = api("POST", json=person()).get_json()
    again = api("POST", json=person(full_name_ar="شخص آخر", national_id="١٠١٢٣٤٥٦٧٢"))
    assert again.status_code == 409
    assert again.mimetype == "application/problem+json"
    problem = again.get_json()
    assert problem["existing_id"] == first["id"] and problem["type"] == "urn:wasl:problem:duplicate-beneficiary"
    assert count_in(tenant) == 1


def test_same_person_in_another_association(api, client, factory, officer):
    api("POST", json=person())
    other = factory.tenant()
    factory.member(other, "relations_officer", user=officer)
    token = factory.token(officer)
    factory.commit()
    response = client.post(f"/api/v1/{other.slug}/beneficiaries", json=person(), headers=bearer(token))
    assert response.status_code == 201


@pytest.mark.parametrize("field, value, words", [
    ("national_id", "1012345673", "check digit"),
    ("national_id", "3012345678", "start with 1"),
    ("mobile", "+201001234567", "Saudi number"),
    ("mobile", "0112345678", "not a landline"),
    ("birth_on_hijri", "1445-13-01", "Birth date (Hijri)"),
    ("gender", "x", "“Gender” must be one of"),
])
def test_bad_input_is_a_422_with_field_paths(api, tenant, field, value, words):
    refused = api("POST", "?lang=en", json=person(**{field: value}))
    assert refused.status_code == 422
    problem = refused.get_json()
    assert list(problem["errors"]) == [field]
    assert words in problem["errors"][field][0]
    assert count_in(tenant) == 0


def test_nested_errors_keep_their_path(api, tenant):
    refused = api("POST", "?lang=en", json=person(consents=[{"purpose": "data_processing", "channel": "fax"}]))
    assert refused.status_code == 422
    assert "channel" in refused.get_json()["errors"]["consents"]["0"]
    assert count_in(tenant) == 0 and count_in(tenant, Consent) == 0


def test_missing_fields_and_bad_bodies(api):
    refused = api("POST", "?lang=en", json={"full_name_ar": "أحمد"})
    errors = refused.get_json()["errors"]
    assert refused.status_code == 422
    assert errors["national_id"] == ["“National ID or Iqama number” is required."]
    assert set(errors) == {"national_id", "mobile", "gender"}
    assert api("POST", data="not json", content_type="application/json").status_code == 400


def test_search(api):
    api("POST", json=person())
    api("POST", json=person(national_id=RESIDENT_ID, full_name_ar="فاطمة مصطفى", mobile="0559998877"))
    by_name = api("GET", "?q=فاطمه").get_json()
    assert by_name["total"] == 1 and by_name["items"][0]["full_name_ar"] == "فاطمة مصطفى"
    assert by_name["items"][0]["national_id_masked"] == "2•••••••70"
    assert "national_id" not in by_name["items"][0] and "mobile" not in by_name["items"][0]
    assert api("GET", "?q=٠٥٥٩٩٩٨٨٧٧").get_json()["total"] == 1
    assert api("GET", f"?q={CITIZEN_ID}").get_json()["items"][0]["full_name_ar"] == "أحمد محمد العتيبي"
    everyone = api("GET", "?per_page=1&page=2").get_json()
    assert (everyone["total"], everyone["pages"], everyone["page"], len(everyone["items"])) == (2, 2, 2, 1)
    assert api("GET", "?per_page=500").status_code == 422


def test_patch_and_consents(api, tenant):
    created = api("POST", json=person()).get_json()
    changed = api("PATCH", f"/{created['id']}", json={"mobile": "+966 55 999 8877", "preferred_channel": "whatsapp"})
    assert changed.status_code == 200
    assert changed.get_json()["mobile"] == "+966559998877" and changed.get_json()["preferred_channel"] == "whatsapp"
    refused = api("PATCH", f"/{created['id']}", json={"preferred_channel": "email"})
    assert refused.status_code == 422 and list(refused.get_json()["errors"]) == ["preferred_channel"]
    consent = api("POST", f"/{created['id']}/consents", json={"purpose": "notifications", "channel": "sms"})
    assert consent.status_code == 201 and consent.get_json()["purpose"] == "notifications"
    assert len(api("GET", f"/{created['id']}").get_json()["consents"]) == 1


def test_patch_to_an_existing_id_is_a_409(api):
    first = api("POST", json=person()).get_json()
    second = api("POST", json=person(national_id=RESIDENT_ID)).get_json()
    refused = api("PATCH", f"/{second['id']}", json={"national_id": CITIZEN_ID})
    assert refused.status_code == 409 and refused.get_json()["existing_id"] == first["id"]
    assert api("GET", f"/{second['id']}").get_json()["national_id"] == RESIDENT_ID


def test_viewer_token_can_read_but_not_write(client, factory, tenant, api):
    created = api("POST", json=person()).get_json()
    viewer = factory.member(tenant, "viewer")
    token = factory.token(viewer)
    factory.commit()
    base = f"/api/v1/{tenant.slug}/beneficiaries"
    assert client.get(f"{base}/{created['id']}", headers=bearer(token)).status_code == 200
    assert client.post(base, json=person(national_id=RESIDENT_ID), headers=bearer(token)).status_code == 403


def test_unknown_id_is_404(api):
    assert api("GET", "/999999").status_code == 404


def test_documented_in_openapi(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    collection = spec["paths"]["/api/v1/{slug}/beneficiaries"]
    assert set(collection) >= {"get", "post"} and "201" in collection["post"]["responses"]
    item = spec["paths"]["/api/v1/{slug}/beneficiaries/{beneficiary_id}"]
    assert set(item) >= {"get", "patch"}
    schemas = spec["components"]["schemas"]
    assert "national_id" in schemas["BeneficiaryInput"]["required"]
    assert "required" not in schemas["BeneficiaryChanges"]
    assert "consents" not in schemas["BeneficiaryChanges"]["properties"]
    assert "/api/v1/{slug}/beneficiaries/{beneficiary_id}/consents" in spec["paths"]
