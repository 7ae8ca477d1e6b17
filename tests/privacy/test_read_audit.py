"""Recording who reads personal data: off by default and then nothing changes; on, the beneficiary's page, its
API detail and every export of personal data need a reason and leave an audit event with who, what and why."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.cases.pages import desk
from tests.cases.support import open_case, person, scope
from tests.support.web import bearer, post_form, sign_in
from wasl.audit.models import AuditEvent
from wasl.db import db

NATIONAL_ID_SHOWN = "national_id"


@pytest.fixture
def wefaq(factory):
    association = desk(factory)
    association.tokens = {role: bearer(factory.token(user)) for role, user in association.users.items()}
    association.beneficiary_id = open_case(association, beneficiary=person(61, full_name_ar="ريم خالد الشهري")
                                           ).beneficiary_id
    factory.commit()
    return association


def _events(wefaq, action: str) -> list[AuditEvent]:
    with scope(wefaq.tenant):
        db.session.expire_all()
        return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)
                                       .order_by(AuditEvent.id)))


def _turn_on(client, wefaq) -> None:
    answer = client.put(f"/api/v1/{wefaq.slug}/admin/read-audit", headers=wefaq.tokens["admin"],
                        json={"enabled": True})
    assert answer.status_code == 200 and answer.get_json()["enabled"] is True


def test_off_by_default_nothing_is_asked_nor_recorded(client, wefaq):
    state = client.get(f"/api/v1/{wefaq.slug}/admin/read-audit", headers=wefaq.tokens["admin"]).get_json()
    assert state["enabled"] is False and "other" in state["reasons"]
    sign_in(client, wefaq.users["relations_officer"])
    page = client.get(f"/{wefaq.slug}/beneficiaries/{wefaq.beneficiary_id}")
    assert page.status_code == 200 and 'id="read-reason"' not in page.text and "ريم خالد الشهري" in page.text
    api = client.get(f"/api/v1/{wefaq.slug}/beneficiaries/{wefaq.beneficiary_id}",
                     headers=wefaq.tokens["relations_officer"])
    assert api.status_code == 200
    assert _events(wefaq, "beneficiary.read") == []


def test_only_an_admin_sets_it_and_the_change_is_audited(client, wefaq):
    url = f"/api/v1/{wefaq.slug}/admin/read-audit"
    assert client.put(url, headers=wefaq.tokens["supervisor"], json={"enabled": True}).status_code == 403
    assert client.put(url, headers=wefaq.tokens["admin"], json={}).status_code == 422
    _turn_on(client, wefaq)
    sign_in(client, wefaq.users["admin"], second_factor=True)
    page = f"/{wefaq.slug}/admin/personal-data/read-audit"
    assert 'id="read-audit-form"' in client.get(page).text
    assert post_form(client, page, {}, token_from=page).status_code == 302  # the box unticked: off again
    assert [e.details["enabled"] for e in _events(wefaq, "privacy.read_audit_changed")] == [True, False]


def test_on_the_page_asks_why_first_then_each_opening_is_recorded(client, wefaq):
    _turn_on(client, wefaq)
    officer = wefaq.users["relations_officer"]
    sign_in(client, officer)
    url = f"/{wefaq.slug}/beneficiaries/{wefaq.beneficiary_id}"
    asked = client.get(url)
    assert asked.status_code == 200 and 'id="read-reason"' in asked.text and 'id="profile-heading"' not in asked.text
    reason_url = f"{url}/reading-reason"
    missing_note = post_form(client, reason_url, {"reason": "other", "target": "profile"}, token_from=url)
    assert missing_note.status_code == 422 and 'id="read-reason"' in missing_note.text
    given = post_form(client, reason_url, {"reason": "answering_person", "note": "اتصلت تسأل عن طلبها",
                                           "target": "profile"}, token_from=url)
    assert given.status_code == 302 and given.headers["Location"].endswith(url)
    assert 'id="profile-heading"' in client.get(url).text
    assert 'id="profile-heading"' in client.get(url).text  # remembered: not asked again, recorded again
    events = _events(wefaq, "beneficiary.read")
    assert [(e.actor_user_id, e.object_id, e.details["read"], e.details["reason"], e.details["note"])
            for e in events] == [(officer.id, str(wefaq.beneficiary_id), "page", "answering_person",
                                  "اتصلت تسأل عن طلبها")] * 2


def test_on_the_api_detail_needs_a_reason_in_the_query(client, wefaq):
    _turn_on(client, wefaq)
    url = f"/api/v1/{wefaq.slug}/beneficiaries/{wefaq.beneficiary_id}"
    headers = wefaq.tokens["relations_officer"]
    refused = client.get(url, headers=headers)
    assert refused.status_code == 422 and "reason" in refused.get_json()["errors"]
    assert client.get(url + "?reason=sleeping", headers=headers).status_code == 422
    answer = client.get(url + "?reason=handling_request&lang=en", headers=headers)
    assert answer.status_code == 200 and answer.get_json()["full_name_ar"] == "ريم خالد الشهري"
    assert [(e.details["read"], e.details["reason"]) for e in _events(wefaq, "beneficiary.read")] == [
        ("api", "handling_request")]


def test_on_exports_of_personal_data_need_a_reason(client, wefaq):
    _turn_on(client, wefaq)
    base = f"/api/v1/{wefaq.slug}/beneficiaries/{wefaq.beneficiary_id}/personal-data"
    assert client.get(base, headers=wefaq.tokens["admin"]).status_code == 422
    assert client.get(base + "?reason=access_request", headers=wefaq.tokens["admin"]).status_code == 200
    exported = _events(wefaq, "beneficiary.personal_data_exported")
    assert [(e.details["format"], e.details["reason"]) for e in exported] == [("api", "access_request")]

    sign_in(client, wefaq.users["admin"], second_factor=True)
    page = f"/{wefaq.slug}/admin/personal-data/{wefaq.beneficiary_id}"
    assert 'id="read-reason"' in client.get(page).text
    assert 'id="read-reason"' in client.get(page + ".pdf").text  # a download asks too
    post_form(client, f"/{wefaq.slug}/beneficiaries/{wefaq.beneficiary_id}/reading-reason",
              {"reason": "access_request", "target": "personal_data"}, token_from=page)
    assert client.get(page + ".json").mimetype == "application/json"

    form = {"dataset": "beneficiaries", "file_format": "csv", "personal_data": "y"}
    refused = post_form(client, f"/{wefaq.slug}/exports/", form, token_from=f"/{wefaq.slug}/exports/")
    assert refused.status_code == 302 and refused.headers["Location"].endswith("/exports/")
    assert _events(wefaq, "export.requested") == []
    asked = post_form(client, f"/{wefaq.slug}/exports/", {**form, "read_reason": "committee_review"},
                      token_from=f"/{wefaq.slug}/exports/")
    assert "/exports/" in asked.headers["Location"] and not asked.headers["Location"].endswith("/exports/")
    assert [e.details.get("reason") for e in _events(wefaq, "export.requested")] == ["committee_review"]


def test_the_audit_log_says_who_read_whose_data_and_why(client, wefaq):
    _turn_on(client, wefaq)
    client.get(f"/api/v1/{wefaq.slug}/beneficiaries/{wefaq.beneficiary_id}?reason=other&note=تدقيق داخلي",
               headers=wefaq.tokens["relations_officer"])
    sign_in(client, wefaq.users["admin"], second_factor=True)
    html = client.get(f"/{wefaq.slug}/admin/audit").text
    assert "اطّلاع على البيانات الشخصية لمستفيد" in html and "سبب آخر (اذكره)" in html and "تدقيق داخلي" in html
    assert "ملف المستفيد عبر واجهة البرمجة" in html and "ريم خالد الشهري" in html


def test_on_the_page_stays_within_a_bounded_number_of_statements(client, wefaq, count_queries):
    sign_in(client, wefaq.users["relations_officer"])
    url = f"/{wefaq.slug}/beneficiaries/{wefaq.beneficiary_id}"
    client.get(url)
    with count_queries() as statements:
        client.get(url)
    off = len(statements)
    _turn_on(client, wefaq)
    post_form(client, f"{url}/reading-reason", {"reason": "checking_record", "target": "profile"}, token_from=url)
    counts = []
    for city in ("جدة", "الطائف", "أبها"):
        client.patch(f"/api/v1/{wefaq.slug}/beneficiaries/{wefaq.beneficiary_id}",
                     headers=wefaq.tokens["relations_officer"], json={"city": city})
        client.get(url)  # warm-up: the test session reloads what the API call's commit expired
        with count_queries() as statements:
            assert 'id="corrections"' in client.get(url).text
        counts.append(len(statements))
    # On adds the audit event and its commit (on PostgreSQL the next transaction sets its tenant again),
    # whatever the record's history: never a statement per row.
    assert len(set(counts)) == 1 and counts[0] <= off + 6, (off, counts)
