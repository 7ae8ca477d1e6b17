"""The history of corrections: each changed field's old and new value, who, when and why; on the page,
in the API and in the access-request answer; the ID and mobile kept encrypted; bounded statements."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.beneficiaries.conftest import CITIZEN_ID, CITIZEN_ID_2, person
from tests.support.web import bearer, sign_in
from wasl.beneficiaries.models import Correction
from wasl.db import db
from wasl.privacy.holdings import personal_data
from wasl.tenancy.scope import tenant_scope


@pytest.fixture
def registered(client, factory, tenant, officer):
    headers = bearer(factory.token(officer))
    factory.commit()
    base = f"/api/v1/{tenant.slug}/beneficiaries"
    created = client.post(base, headers=headers, json=person()).get_json()

    def call(method: str, path: str = "", **kwargs):
        return client.open(f"{base}/{created['id']}{path}", method=method, headers=headers, **kwargs)

    call.id = created["id"]
    return call


def test_a_correction_keeps_each_fields_old_and_new_value_who_and_why(registered, officer):
    changed = registered("PATCH", json={"national_id": CITIZEN_ID_2, "city": "جدة", "reason": "خطأ في الإدخال"})
    assert changed.status_code == 200, changed.get_json()
    history = registered("GET", "/corrections").get_json()
    assert {(c["field"], c["old_value"], c["new_value"]) for c in history} == {
        ("national_id", CITIZEN_ID, CITIZEN_ID_2), ("city", "القنفذة", "جدة")}
    assert {c["reason"] for c in history} == {"خطأ في الإدخال"}
    assert {c["corrected_by_id"] for c in history} == {officer.id}
    assert len({c["corrected_at"] for c in history}) == 1
    registered("PATCH", json={"city": "جدة"})  # nothing changed: nothing added
    assert len(registered("GET", "/corrections").get_json()) == 2


def test_the_id_and_mobile_are_stored_encrypted(registered, tenant):
    registered("PATCH", json={"national_id": CITIZEN_ID_2, "mobile": "0559876543"})
    with tenant_scope(db.session, tenant.id):
        raw = [tuple(row) for row in db.session.execute(select(
            Correction.old_plain, Correction.new_plain, Correction.old_encrypted, Correction.new_encrypted))]
    text = repr(raw)
    assert raw and all(old is None and new is None for old, new, *_ in raw)
    for plain in (CITIZEN_ID, CITIZEN_ID_2, "501234567", "559876543"):
        assert plain not in text


def test_the_access_answer_holds_the_history(registered, tenant):
    registered("PATCH", json={"full_name_en": "Ahmad M. Alotaibi", "reason": "كما في الهوية"})
    with tenant_scope(db.session, tenant.id):
        from wasl.beneficiaries.services import get_beneficiary

        answer = personal_data(get_beneficiary(registered.id))
    assert [(c["field"], c["old_value"], c["new_value"], c["reason"]) for c in answer["corrections"]] == [
        ("full_name_en", "Ahmed Mohammed Alotaibi", "Ahmad M. Alotaibi", "كما في الهوية")]


def test_the_page_shows_the_history_in_a_bounded_number_of_statements(client, registered, tenant, officer,
                                                                      count_queries):
    sign_in(client, officer)
    url = f"/{tenant.slug}/beneficiaries/{registered.id}"
    registered("PATCH", json={"city": "جدة", "reason": "انتقل"})
    counts = []
    for city in ("الطائف", "مكة المكرمة", "أبها", "تبوك"):
        client.get(url)  # warm-up: the test session reloads what the API call's commit expired
        with count_queries() as statements:
            html = client.get(url).get_data(as_text=True)
        counts.append(len(statements))
        registered("PATCH", json={"city": city, "gender": "female" if len(counts) % 2 else "male"})
    assert 'id="corrections"' in html and "انتقل" in html and "جدة" in html and officer.name in html
    assert len(set(counts)) == 1, counts


def test_the_edit_form_sends_the_reason(client, registered, tenant, officer):
    from tests.support.web import csrf_token

    sign_in(client, officer)
    url = f"/{tenant.slug}/beneficiaries/{registered.id}/edit"
    token = csrf_token(client, url)
    form = {**person(city="الدمام"), "preferred_language": "ar", "preferred_channel": "sms",
            "reason": "طلب المستفيد", "csrf_token": token}
    assert client.post(url, data=form).status_code == 302
    history = registered("GET", "/corrections").get_json()
    assert [(c["field"], c["new_value"], c["reason"]) for c in history] == [("city", "الدمام", "طلب المستفيد")]
