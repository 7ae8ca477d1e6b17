"""The portal in the API: a code for a token, problem+json refusals, my requests; documented in OpenAPI."""

from __future__ import annotations

from tests.portal.support import api_token, code_from_sms, pending_codes


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def ask(client, slug, national_id, mobile):
    return client.post(f"/api/v1/{slug}/portal/sign-in-code", json={"national_id": national_id, "mobile": mobile},
                       headers={"Accept-Language": "en"})


def test_a_code_is_exchanged_for_a_portal_token(client, wefaq, noura, gateway):
    token = api_token(client, wefaq.slug, wefaq.tenant.id, gateway, noura.national_id, noura.mobile)
    listed = client.get(f"/api/v1/{wefaq.slug}/portal/requests", headers=bearer(token))
    assert listed.status_code == 200 and [row["id"] for row in listed.get_json()] == [noura.case_id]
    assert client.get(f"/api/v1/{wefaq.slug}/cases", headers=bearer(token)).status_code == 401
    assert client.delete(f"/api/v1/{wefaq.slug}/portal/session", headers=bearer(token)).status_code == 204
    assert client.get(f"/api/v1/{wefaq.slug}/portal/requests", headers=bearer(token)).status_code == 401


def test_the_answer_is_the_same_for_someone_not_registered(client, wefaq, noura):
    known, unknown = ask(client, wefaq.slug, noura.national_id, noura.mobile), ask(client, wefaq.slug,
                                                                                   "1000000008", "0559999999")
    assert known.status_code == unknown.status_code == 202
    assert set(known.get_json()) == set(unknown.get_json()) and known.get_json()["detail"] == unknown.get_json()[
        "detail"]
    assert len(pending_codes(wefaq.tenant.id)) == 1
    refused = client.post(f"/api/v1/{wefaq.slug}/portal/session",
                          json={"challenge": unknown.get_json()["challenge"], "code": "123456"})
    assert refused.status_code == 422 and refused.get_json()["type"] == "urn:wasl:problem:code-wrong"


def test_wrong_codes_are_problems_until_the_code_locks(client, wefaq, noura, gateway):
    challenge = ask(client, wefaq.slug, noura.national_id, noura.mobile).get_json()["challenge"]
    code = code_from_sms(wefaq.tenant.id, gateway)
    wrong = "000000" if code != "000000" else "111111"
    answers = [client.post(f"/api/v1/{wefaq.slug}/portal/session", json={"challenge": challenge, "code": wrong},
                           headers={"Accept-Language": "en"}) for _ in range(5)]
    assert [a.status_code for a in answers] == [422, 422, 422, 422, 429]
    assert answers[0].mimetype == "application/problem+json" and answers[0].get_json()["tries_left"] == 4
    assert "Tries left: 4" in answers[0].get_json()["detail"]
    last = client.post(f"/api/v1/{wefaq.slug}/portal/session", json={"challenge": challenge, "code": code})
    assert last.status_code == 429 and last.get_json()["type"] == "urn:wasl:problem:code-locked"


def test_invalid_numbers_are_a_validation_problem(client, wefaq):
    answer = ask(client, wefaq.slug, "12345", "0112345678")
    assert answer.status_code == 422
    errors = answer.get_json()["errors"]
    assert "10 digits" in errors["national_id"][0] and "landline" in errors["mobile"][0]


def test_a_challenge_from_another_association_is_not_valid_there(client, factory, wefaq, noura, gateway):
    other = factory.seed_tenant("shaair")
    factory.commit()
    challenge = ask(client, wefaq.slug, noura.national_id, noura.mobile).get_json()["challenge"]
    code = code_from_sms(wefaq.tenant.id, gateway)
    answer = client.post(f"/api/v1/{other.slug}/portal/session", json={"challenge": challenge, "code": code})
    assert answer.status_code == 422 and answer.get_json()["type"] == "urn:wasl:problem:code-unknown"


def test_a_portal_token_opens_only_its_own_association(client, factory, wefaq, noura, gateway):
    other = factory.seed_tenant("shaair")
    factory.commit()
    token = api_token(client, wefaq.slug, wefaq.tenant.id, gateway, noura.national_id, noura.mobile)
    assert client.get(f"/api/v1/{other.slug}/portal/requests", headers=bearer(token)).status_code == 401


def test_a_staff_token_does_not_open_the_portal_api(client, wefaq, noura):
    answer = client.get(f"/api/v1/{wefaq.slug}/portal/requests", headers=bearer(wefaq.tokens["admin"]))
    assert answer.status_code == 401 and answer.mimetype == "application/problem+json"


def test_the_portal_is_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    for path in ("/api/v1/{slug}/portal/sign-in-code", "/api/v1/{slug}/portal/session",
                 "/api/v1/{slug}/portal/requests", "/api/v1/{slug}/portal/requests/{case_id}"):
        assert path in paths, path
    assert paths["/api/v1/{slug}/portal/sign-in-code"]["post"]["security"] == []
