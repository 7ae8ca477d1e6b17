"""Following a request in the portal: timeline in words, what is missing, the decision date, the decision and letter."""

from __future__ import annotations

import re

from tests.cases.support import act, advance_to, scope
from tests.portal.support import api_token, sign_in
from wasl.cases.models import Case
from wasl.db import db
from wasl.policy.vocabulary import STEP_TYPES


def case_of(association, person) -> Case:
    with scope(association.tenant):
        return db.session.get(Case, person.case_id)


def page_text(client, url: str) -> str:
    answer = client.get(url)
    assert answer.status_code == 200, answer.status_code
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", answer.get_data(as_text=True)))


def signed_in(client, wefaq, who, gateway):
    assert sign_in(client, wefaq.slug, wefaq.tenant.id, gateway, who.national_id, who.mobile).status_code == 302
    return client


def test_my_requests_lists_only_mine(client, wefaq, noura, salem, gateway):
    signed_in(client, wefaq, noura, gateway)
    page = client.get(f"/{wefaq.slug}/portal/").get_data(as_text=True)
    mine, theirs = case_of(wefaq, noura), case_of(wefaq, salem)
    assert mine.number in page and theirs.number not in page


def test_the_timeline_and_what_is_missing_are_in_plain_words(client, wefaq, noura, gateway):
    case = case_of(wefaq, noura)
    advance_to(wefaq, case, "completeness_check")
    db.session.commit()
    text = page_text(signed_in(client, wefaq, noura, gateway), f"/{wefaq.slug}/portal/requests/{noura.case_id}")
    assert "تم استلام الطلب" in text and "تم إتمام الاستقبال" in text
    assert "ما الذي ما زال ناقصًا" in text and "لم يُقدَّم المستند" in text
    for key in (*STEP_TYPES, "reception_completed", "opened"):
        assert key not in text, key


def test_the_expected_decision_date_is_shown_in_both_calendars(client, wefaq, noura, gateway):
    case = case_of(wefaq, noura)
    advance_to(wefaq, case, "committee_review")
    db.session.commit()
    text = page_text(signed_in(client, wefaq, noura, gateway), f"/{wefaq.slug}/portal/requests/{noura.case_id}?lang=en")
    assert "The decision is expected by" in text and " AH — " in text
    assert "Submitted to the committee" in text and "committee_review" not in text


def test_the_decision_its_reasons_the_letter_and_the_deliveries(client, wefaq, noura, gateway):
    case = case_of(wefaq, noura)
    advance_to(wefaq, case, "service_delivery")
    act(wefaq, case, "record_delivery", {"description": "سلة غذائية شهرية", "quantity": "2"})
    db.session.commit()
    signed_in(client, wefaq, noura, gateway)
    text = page_text(client, f"/{wefaq.slug}/portal/requests/{noura.case_id}")
    assert "القرار" in text and "مقبول" in text and "قرار اللجنة بعد الدراسة" in text
    assert "سلة غذائية شهرية" in text and "ما استلمته" in text
    letter = client.get(f"/{wefaq.slug}/portal/requests/{noura.case_id}/letter.pdf?letter=ar")
    assert letter.status_code == 200 and letter.mimetype == "application/pdf" and letter.data.startswith(b"%PDF")


def test_no_letter_before_a_decision(client, wefaq, noura, gateway):
    signed_in(client, wefaq, noura, gateway)
    assert client.get(f"/{wefaq.slug}/portal/requests/{noura.case_id}/letter.pdf").status_code == 404


def test_another_persons_request_is_not_found(client, wefaq, noura, salem, gateway):
    signed_in(client, wefaq, noura, gateway)
    for suffix in ("", "/letter.pdf"):
        answer = client.get(f"/{wefaq.slug}/portal/requests/{salem.case_id}{suffix}")
        assert answer.status_code == 404
    assert "لا يوجد طلب كهذا في ملفك" in client.get(
        f"/{wefaq.slug}/portal/requests/{salem.case_id}").get_data(as_text=True)


def test_the_api_reads_my_request_and_not_anothers(app, wefaq, noura, salem, gateway):
    client = app.test_client()
    case = case_of(wefaq, noura)
    advance_to(wefaq, case, "committee_review")
    db.session.commit()
    with scope(wefaq.tenant):
        number, due_on = case.number, case.decision_due_on
    token = api_token(client, wefaq.slug, wefaq.tenant.id, gateway, noura.national_id, noura.mobile)
    headers = {"Authorization": f"Bearer {token}", "Accept-Language": "en"}
    mine = client.get(f"/api/v1/{wefaq.slug}/portal/requests/{noura.case_id}", headers=headers)
    body = mine.get_json()
    assert mine.status_code == 200 and body["number"] == number
    assert body["expected_decision"]["date"] == due_on.isoformat()
    assert " AH — " in body["expected_decision"]["text"]
    assert [entry["label"] for entry in body["timeline"]][0] == "Submitted to the committee"
    assert body["decision"] is None and body["letter_url"] is None
    for suffix in ("", "/letter.pdf"):
        theirs = client.get(f"/api/v1/{wefaq.slug}/portal/requests/{salem.case_id}{suffix}", headers=headers)
        assert theirs.status_code == 404 and theirs.mimetype == "application/problem+json"
