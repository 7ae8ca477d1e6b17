"""Applying from home and answering staff in the portal API: problem+json refusals, nothing half-written."""

from __future__ import annotations

import io

from tests.cases.support import act, advance_to, scope, signature
from tests.portal.apply_support import PERSON_DATA, count_rows, valid_until, without_website
from tests.portal.support import api_token
from tests.support.files import PDF_BYTES, SCRIPT_BYTES
from wasl.cases.models import Case
from wasl.db import db


def token_for(app, wefaq, who, gateway) -> dict:
    raw = api_token(app.test_client(), wefaq.slug, wefaq.tenant.id, gateway, who.national_id, who.mobile)
    return {"Authorization": f"Bearer {raw}"}


def body(**overrides) -> dict:
    data = {**PERSON_DATA, "service": "support_request", "signed_name": "نورة سعد القحطاني",
            "signature": signature(), "expires-national_id": valid_until(),
            "file-national_id": (io.BytesIO(PDF_BYTES), "id.pdf")}
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def post(client, url, headers, data):
    return client.post(url, headers=headers, data=data, content_type="multipart/form-data")


def test_the_application_form_offers_the_services_and_the_pledge(client, app, wefaq, noura, gateway):
    answer = client.get(f"/api/v1/{wefaq.slug}/portal/application-form?lang=en",
                        headers=token_for(app, wefaq, noura, gateway))
    assert answer.status_code == 200
    form = answer.get_json()
    assert form["services"][0]["key"] == "support_request"
    assert form["services"][0]["documents"][0]["key"] == "national_id"
    assert form["declaration"].startswith("I declare") and form["consent_needed"] is False
    assert form["person"]["full_name_ar"] == "فاطمة علي الزهراني"


def test_applying_answers_201_with_the_new_online_request(client, app, wefaq, noura, gateway):
    headers = token_for(app, wefaq, noura, gateway)
    answer = post(client, f"/api/v1/{wefaq.slug}/portal/requests", headers, body())
    assert answer.status_code == 201, answer.get_json()
    created = answer.get_json()
    assert created["channel"] == "website" and created["pledge_wanted"] is False
    assert [e["kind"] for e in created["timeline"]][-1] == "opened"
    listed = client.get(f"/api/v1/{wefaq.slug}/portal/requests", headers=headers).get_json()
    assert created["id"] in [row["id"] for row in listed]
    staff = client.get("/api/v1/inbox", headers={"Authorization": f"Bearer {wefaq.tokens['relations_officer']}"})
    assert any(row["channel"] == "website" and row["id"] == created["id"] for row in staff.get_json()["items"])


def test_refusals_are_problems_naming_the_field_and_nothing_is_written(client, app, wefaq, noura, gateway):
    headers = token_for(app, wefaq, noura, gateway)
    before = count_rows(wefaq)
    url = f"/api/v1/{wefaq.slug}/portal/requests"
    disguised = post(client, url, headers, body(**{"file-national_id": (io.BytesIO(SCRIPT_BYTES), "x.pdf")}))
    assert disguised.status_code == 415 and disguised.mimetype == "application/problem+json"
    assert "file-national_id" in disguised.get_json()["errors"]
    expired = post(client, url + "?lang=en", headers, body(**{"expires-national_id": "2001-01-01"}))
    assert expired.status_code == 422 and "expired on" in expired.get_json()["errors"]["expires-national_id"][0]
    missing = post(client, url + "?lang=en", headers, body(full_name_ar="", signature=None))
    errors = missing.get_json()["errors"]
    assert missing.status_code == 422 and "Full name in Arabic" in errors["full_name_ar"][0]
    assert "Signature" in errors["signature"][0]
    assert count_rows(wefaq) == before


def test_a_policy_without_the_website_is_a_403_problem(client, app, wefaq, noura, gateway):
    without_website(wefaq)
    headers = token_for(app, wefaq, noura, gateway)
    answer = post(client, f"/api/v1/{wefaq.slug}/portal/requests", headers, body())
    assert answer.status_code == 403 and answer.mimetype == "application/problem+json"
    assert client.get(f"/api/v1/{wefaq.slug}/portal/application-form", headers=headers).status_code == 403


def test_answering_a_document_request_and_a_new_pledge(client, app, wefaq, noura, gateway):
    from wasl.beneficiaries.services import update_beneficiary

    with scope(wefaq.tenant):
        case = db.session.get(Case, noura.case_id)
    advance_to(wefaq, case, "completeness_check")
    act(wefaq, case, "request_documents")
    db.session.commit()
    headers = token_for(app, wefaq, noura, gateway)
    url = f"/api/v1/{wefaq.slug}/portal/requests/{noura.case_id}"
    assert client.get(url, headers=headers).get_json()["documents_wanted"] == ["national_id"]
    early = client.post(url + "/pledge", headers=headers, json={"signed_name": "نورة", "signature": signature()})
    assert early.status_code == 409
    uploaded = post(client, url + "/documents", headers, {"expires-national_id": "1452/01/01",
                                                         "file-national_id": (io.BytesIO(PDF_BYTES), "id.pdf")})
    assert uploaded.status_code == 201 and uploaded.get_json()["documents_wanted"] == []
    again = post(client, url + "/documents", headers, {"file-national_id": (io.BytesIO(PDF_BYTES), "id.pdf")})
    assert again.status_code == 409
    act(wefaq, case, "confirm_complete", {"checklist": ["national_id"]})
    advance_to(wefaq, case, "pledge")
    act(wefaq, case, "sign_pledge", {"signed_name": "نورة", "signature": signature()})
    with scope(wefaq.tenant):
        update_beneficiary(case.beneficiary, {"city": "مكة"}, wefaq.users["relations_officer"])
    db.session.commit()
    assert client.get(url, headers=headers).get_json()["pledge_wanted"] is True
    blank = client.post(url + "/pledge", headers=headers, json={"signed_name": "نورة",
                                                                "signature": signature(blank=True)})
    assert blank.status_code == 422 and "signature" in blank.get_json()["errors"]
    signed = client.post(url + "/pledge", headers=headers, json={"signed_name": "نورة", "signature": signature()})
    assert signed.status_code == 201 and signed.get_json()["pledge_wanted"] is False


def test_the_openapi_document_describes_applying_and_answering(client):
    document = client.get("/api/v1/openapi.json").get_json()
    paths, schemas = document["paths"], document["components"]["schemas"]
    base = "/api/v1/{slug}/portal/requests"
    assert "get" in paths["/api/v1/{slug}/portal/application-form"]
    applying = paths[base]["post"]["requestBody"]["content"]
    assert "multipart/form-data" in applying
    body = schemas[applying["multipart/form-data"]["schema"]["$ref"].rsplit("/", 1)[1]]["properties"]
    assert {"service", "full_name_ar", "signature", "file-national_id", "expires-national_id"} <= set(body)
    assert "post" in paths[base + "/{case_id}/documents"] and "post" in paths[base + "/{case_id}/pledge"]
