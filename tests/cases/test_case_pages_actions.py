"""Acting on a case from its page: each step's form, refusals shown beside the form, nothing half-written."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, inspect, select

from tests.cases.pages import as_member, case_at, desk, post_action
from tests.cases.support import attach_document, complete_checks, open_case, scope, signature, vote_all
from tests.support.files import PDF_BYTES, SCRIPT_BYTES
from tests.support.web import csrf_token
from wasl.cases.models import CaseEvent, Pledge
from wasl.db import db
from wasl.documents.models import Document


@pytest.fixture
def wefaq_desk(factory):
    association = desk(factory)
    factory.commit()
    return association


def case_id(case) -> int:
    """The case's id from its identity key: no query, even after a commit expired the object."""
    return inspect(case).identity[0]


def url(case) -> str:
    return f"/wefaq/cases/{case_id(case)}"


def reload(association, case):
    with scope(association.tenant):
        db.session.refresh(case)
    return case


def events(association, case) -> list[str]:
    with scope(association.tenant):
        return list(db.session.scalars(select(CaseEvent.kind).where(CaseEvent.case_id == case.id)
                                       .order_by(CaseEvent.id)))


def test_reception_notes_and_enquiries_reach_the_timeline(client, wefaq_desk):
    case = open_case(wefaq_desk)
    as_member(client, wefaq_desk, "relations_officer")
    response = post_action(client, url(case), "record_interaction", {
        "notes": "حضر المستفيد إلى مقر الجمعية", "enquiries-0-question": "متى يصدر القرار؟",
        "enquiries-0-answer": "خلال أسبوعين"})
    assert response.status_code == 302 and response.headers["Location"].endswith(url(case))
    html = client.get(url(case) + "?lang=en").get_data(as_text=True)
    assert "حضر المستفيد إلى مقر الجمعية" in html and "متى يصدر القرار؟" in html
    post_action(client, url(case), "complete_reception", {"notes": ""})
    assert reload(wefaq_desk, case).step == "completeness_check"


def test_a_refused_payload_is_shown_beside_its_field(client, wefaq_desk):
    case = open_case(wefaq_desk)
    as_member(client, wefaq_desk, "relations_officer")
    response = post_action(client, url(case) + "?lang=en", "record_interaction", {"notes": "  "},
                           page_url=url(case))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert re.search(r'id="record_interaction-notes"[^>]*>[^<]*</textarea>\s*<div class="invalid-feedback">', html)
    assert events(wefaq_desk, case) == ["opened"]


def test_an_action_the_role_may_not_take_is_refused_with_the_reason(client, wefaq_desk):
    case = open_case(wefaq_desk)
    as_member(client, wefaq_desk, "committee_member")
    response = post_action(client, url(case) + "?lang=en", "complete_reception", {}, page_url=url(case))
    assert response.status_code == 403
    assert "Your role does not allow the action" in response.get_data(as_text=True)
    assert reload(wefaq_desk, case).step == "reception"


def test_an_action_of_another_step_is_refused(client, wefaq_desk):
    case = open_case(wefaq_desk)
    as_member(client, wefaq_desk, "admin")
    token = csrf_token(client, url(case))
    response = client.post(url(case) + "?lang=en", data={"form": "submit", "submit-csrf_token": token})
    assert response.status_code == 409
    assert "is not possible at the step" in response.get_data(as_text=True)


def test_an_unknown_form_is_a_bad_request(client, wefaq_desk):
    case = open_case(wefaq_desk)
    as_member(client, wefaq_desk, "admin")
    token = csrf_token(client, url(case))
    assert client.post(url(case), data={"form": "dance", "csrf_token": token}).status_code == 400


def test_completeness_uploads_then_confirmation(client, wefaq_desk):
    case = case_at(wefaq_desk, "completeness_check")
    as_member(client, wefaq_desk, "relations_officer")
    token = csrf_token(client, url(case))
    upload_url = url(case) + "/documents?lang=en"

    disguised = client.post(upload_url, data={"csrf_token": token, "file-national_id": (
        io.BytesIO(SCRIPT_BYTES), "هوية.pdf"), "expires-national_id": "2031-01-01"},
        content_type="multipart/form-data")
    assert disguised.status_code == 415
    assert "“National ID or Iqama” is not a PDF, JPEG or PNG file" in disguised.get_data(as_text=True)

    undated = client.post(upload_url, data={"csrf_token": token, "file-national_id": (
        io.BytesIO(PDF_BYTES), "هوية.pdf")}, content_type="multipart/form-data")
    assert undated.status_code == 422
    assert "Enter the expiry date of “National ID or Iqama”." in undated.get_data(as_text=True)

    with scope(wefaq_desk.tenant):
        expired = (case.received_on - timedelta(days=1)).isoformat()
    stored = client.post(upload_url, data={"csrf_token": token, "file-national_id": (
        io.BytesIO(PDF_BYTES), "هوية.pdf"), "expires-national_id": expired}, content_type="multipart/form-data")
    assert stored.status_code == 302
    refused = post_action(client, url(case) + "?lang=en", "confirm_complete", {"checklist": "national_id"},
                          page_url=url(case))
    assert refused.status_code == 422
    assert "expired on" in refused.get_data(as_text=True)
    assert reload(wefaq_desk, case).step == "completeness_check"

    attach_document(wefaq_desk, case, date.today() + timedelta(days=200))
    db.session.commit()
    done = post_action(client, url(case), "confirm_complete", {"checklist": "national_id"})
    assert done.status_code == 302 and reload(wefaq_desk, case).step == "referral"
    with scope(wefaq_desk.tenant):
        assert db.session.scalar(select(func.count(Document.id)).where(Document.case_id == case.id)) == 2
    assert "document_uploaded" in events(wefaq_desk, case)


def test_uploading_needs_a_file(client, wefaq_desk):
    case = case_at(wefaq_desk, "completeness_check")
    as_member(client, wefaq_desk, "relations_officer")
    token = csrf_token(client, url(case))
    response = client.post(url(case) + "/documents?lang=en", data={"csrf_token": token},
                           content_type="multipart/form-data")
    assert response.status_code == 422 and "Choose at least one file" in response.get_data(as_text=True)


def test_referral_question_and_answer(app, client, wefaq_desk):
    case = case_at(wefaq_desk, "referral")
    as_member(client, wefaq_desk, "relations_officer")
    assert post_action(client, url(case), "refer", {"question": "هل يشمل الدعم الإيجار؟"}).status_code == 302
    assert reload(wefaq_desk, case).status.value == "referred"
    client = as_member(app.test_client(), wefaq_desk, "social_researcher")
    page = client.get(url(case) + "?lang=en").get_data(as_text=True)
    assert "هل يشمل الدعم الإيجار؟" in page and 'value="answer_referral"' in page
    assert post_action(client, url(case), "answer_referral", {"answer": "نعم ضمن الحد الأعلى"}).status_code == 302
    assert reload(wefaq_desk, case).status.value == "open"


def test_pledge_signed_on_the_page_then_submitted(client, wefaq_desk):
    case = case_at(wefaq_desk, "pledge")
    as_member(client, wefaq_desk, "relations_officer")
    missing = post_action(client, url(case) + "?lang=en", "sign_pledge", {"signed_name": "أحمد"},
                          page_url=url(case))
    assert missing.status_code == 422
    html = missing.get_data(as_text=True)
    assert 'wasl-signature is-invalid' in html and 'value="أحمد"' in html
    blank = post_action(client, url(case) + "?lang=en", "sign_pledge",
                        {"signed_name": "أحمد", "signature": signature(blank=True)}, page_url=url(case))
    assert blank.status_code == 422 and "The signature is empty" in blank.get_data(as_text=True)
    signed = post_action(client, url(case), "sign_pledge", {"signed_name": "أحمد صالح", "signature": signature()})
    assert signed.status_code == 302
    with scope(wefaq_desk.tenant):
        pledge = db.session.scalars(select(Pledge).where(Pledge.case_id == case.id)).one()
    assert pledge.signed_name == "أحمد صالح" and pledge.signature_png.startswith(b"\x89PNG")
    assert post_action(client, url(case), "submit", {}).status_code == 302
    case = reload(wefaq_desk, case)
    assert case.step == "committee_review" and case.decision_due_on is not None


def test_committee_from_the_page_to_the_decision_letter(client, wefaq_desk):
    case = case_at(wefaq_desk, "committee_review")
    as_member(client, wefaq_desk, "admin")
    blocked = post_action(client, url(case) + "?lang=en", "decide", {"outcome": "accepted", "reasons": "مستوفٍ"},
                          page_url=url(case))
    assert blocked.status_code == 409 and "votes needed for a decision" in blocked.get_data(as_text=True)
    complete_checks(wefaq_desk, case)
    vote_all(wefaq_desk, case)
    db.session.commit()
    decided = post_action(client, url(case), "decide", {"outcome": "accepted", "reasons": "الحالة مستوفية للشروط"})
    assert decided.status_code == 302
    page = client.get(url(case) + "?lang=en").get_data(as_text=True)
    assert 'id="letter-links"' in page
    letter = client.get(url(case) + "/letter?letter=ar")
    assert letter.status_code == 200 and "الحالة مستوفية للشروط" in letter.get_data(as_text=True)
    pdf = client.get(url(case) + "/letter.pdf?letter=en")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert pdf.headers["Content-Disposition"].startswith("attachment;")


def test_no_letter_before_a_decision(client, wefaq_desk):
    case = open_case(wefaq_desk)
    as_member(client, wefaq_desk, "viewer")
    assert client.get(url(case) + "/letter").status_code == 404
    assert client.get(url(case) + "/letter?letter=fr").status_code == 400


def test_checks_are_scheduled_and_reported_one_by_one(client, factory):
    shaair = desk(factory, "shaair")
    factory.commit()
    case = case_at(shaair, "committee_review")
    as_member(client, shaair, "supervisor")
    page = client.get(f"/shaair/cases/{case_id(case)}").get_data(as_text=True)
    prefixes = re.findall(r'name="form" value="((?:schedule_check|record_check|evaluate_criterion)-\d+)"', page)
    assert prefixes, "the committee step offers its checks and criteria one by one"
    schedule = next(p for p in prefixes if p.startswith("schedule_check"))
    when = (date.today() + timedelta(days=2)).isoformat() + "T10:30"
    response = post_action(client, f"/shaair/cases/{case_id(case)}", schedule, {
        "scheduled_at": when, "assignee_id": str(shaair.users["supervisor"].id), "address": "حي الشوقية"})
    assert response.status_code == 302
    assert "check_scheduled" in events(shaair, case)
    evaluate = next(p for p in prefixes if p.startswith("evaluate_criterion"))
    evaluated = post_action(client, f"/shaair/cases/{case_id(case)}", evaluate, {"met": "true", "notes": "مستوفٍ"})
    assert evaluated.status_code == 302
    assert "criterion_evaluated" in events(shaair, case)


def test_withdraw_and_reopen(client, wefaq_desk):
    case = open_case(wefaq_desk)
    as_member(client, wefaq_desk, "admin")
    assert post_action(client, url(case), "withdraw", {"reason": "طلب المستفيد"}).status_code == 302
    assert reload(wefaq_desk, case).status.value == "withdrawn"
    assert post_action(client, url(case), "reopen", {"reason": "عاد المستفيد"}).status_code == 302
    assert reload(wefaq_desk, case).status.value == "open"
    assert post_action(client, url(case), "reassign", {"assignee_id": str(wefaq_desk.users["supervisor"].id)}) \
        .status_code == 302
    assert reload(wefaq_desk, case).assignee_id == wefaq_desk.users["supervisor"].id
