"""Applying from home and answering staff on the portal's pages, and the case as staff then see it."""

from __future__ import annotations

import io

from sqlalchemy import select

from tests.cases.support import act, advance_to, scope, signature
from tests.portal.apply_support import PERSON_DATA, count_rows, valid_until, without_website
from tests.portal.support import sign_in
from tests.support.files import PDF_BYTES, SCRIPT_BYTES
from tests.support.web import csrf_token
from tests.support.web import sign_in as sign_in_staff
from wasl.cases.models import Case, CaseEvent
from wasl.db import db
from wasl.notifications.models import Notification


def signed_in(client, wefaq, who, gateway):
    assert sign_in(client, wefaq.slug, wefaq.tenant.id, gateway, who.national_id, who.mobile).status_code == 302
    return client


def form_data(client, url: str, **overrides) -> dict:
    data = {"csrf_token": csrf_token(client, url), **PERSON_DATA, "service": "support_request",
            "preferred_language": "ar", "preferred_channel": "sms", "signed_name": "نورة سعد القحطاني",
            "signature": signature(), "expires-national_id": valid_until(),
            "file-national_id": (io.BytesIO(PDF_BYTES), "هوية.pdf")}
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def apply_url(wefaq) -> str:
    return f"/{wefaq.slug}/portal/apply?service=support_request"


def test_the_apply_link_goes_to_the_only_service_s_form(client, wefaq, noura, gateway):
    signed_in(client, wefaq, noura, gateway)
    assert 'id="apply-link"' in client.get(f"/{wefaq.slug}/portal/").get_data(as_text=True)
    answer = client.get(f"/{wefaq.slug}/portal/apply")
    assert answer.status_code == 302 and answer.headers["Location"].endswith("apply?service=support_request")
    page = client.get(apply_url(wefaq)).get_data(as_text=True)
    assert 'name="file-national_id"' in page and "data-signature-pad" in page and 'id="declaration"' in page
    assert 'value="فاطمة علي الزهراني"' in page  # the recorded name, to confirm or correct
    assert page.count('name="signature"') == 1  # only the pad's input carries the drawing


def test_applying_opens_an_online_case_that_staff_see_in_the_inbox(client, app, factory, wefaq, noura, gateway):
    signed_in(client, wefaq, noura, gateway)
    answer = client.post(apply_url(wefaq), data=form_data(client, apply_url(wefaq)),
                         content_type="multipart/form-data")
    assert answer.status_code == 302, answer.get_data(as_text=True)
    with scope(wefaq.tenant):
        case = db.session.scalars(select(Case).where(Case.channel == "website")).one()
        assert case.beneficiary.full_name_ar == PERSON_DATA["full_name_ar"] and case.step == "reception"
        case_id, number = case.id, case.number
    assert answer.headers["Location"].endswith(f"/portal/requests/{case_id}")
    assert number in client.get(answer.headers["Location"]).get_data(as_text=True)
    staff = app.test_client()
    officer = factory.member(wefaq.tenant, "relations_officer")
    factory.commit()
    sign_in_staff(staff, officer)
    inbox = staff.get("/inbox").get_data(as_text=True)
    row = inbox[inbox.index(f'data-case="{number}"'):]
    assert "wasl-online" in row[:row.index("</tr>")]
    page = staff.get(f"/{wefaq.slug}/cases/{case_id}").get_data(as_text=True)
    assert "wasl-online" in page and "المستفيد، عبر البوابة" in page


def test_a_missing_field_and_a_disguised_upload_are_named_and_nothing_is_written(client, wefaq, noura, gateway):
    signed_in(client, wefaq, noura, gateway)
    before = count_rows(wefaq)
    data = form_data(client, apply_url(wefaq), full_name_ar="", signed_name="",
                     **{"file-national_id": (io.BytesIO(SCRIPT_BYTES), "id.pdf")})
    answer = client.post(apply_url(wefaq), data=data, content_type="multipart/form-data")
    page = answer.get_data(as_text=True)
    assert answer.status_code == 415
    assert "«الاسم الكامل بالعربية» مطلوب" in page or "الاسم الكامل بالعربية" in page
    assert "ليس ملف PDF" in page or "PDF" in page
    assert count_rows(wefaq) == before


def test_an_expired_document_is_refused_in_english(client, wefaq, noura, gateway):
    signed_in(client, wefaq, noura, gateway)
    url = apply_url(wefaq) + "&lang=en"
    before = count_rows(wefaq)
    answer = client.post(url, data=form_data(client, url, **{"expires-national_id": "1440/01/01"}),
                         content_type="multipart/form-data")
    assert answer.status_code == 422
    assert "expired on" in answer.get_data(as_text=True)
    assert count_rows(wefaq) == before


def test_a_policy_without_the_website_refuses_in_words(client, wefaq, noura, gateway):
    without_website(wefaq)
    signed_in(client, wefaq, noura, gateway)
    answer = client.get(f"/{wefaq.slug}/portal/apply")
    assert answer.status_code == 403 and 'id="apply-closed"' in answer.get_data(as_text=True)
    posted = client.post(apply_url(wefaq), data=form_data(client, f"/{wefaq.slug}/portal/"),
                         content_type="multipart/form-data")
    assert posted.status_code == 403


def test_the_person_uploads_the_document_staff_asked_for(client, app, wefaq, noura, gateway):
    with scope(wefaq.tenant):
        case = db.session.get(Case, noura.case_id)
    advance_to(wefaq, case, "completeness_check")
    act(wefaq, case, "request_documents")
    url = f"/{wefaq.slug}/portal/requests/{noura.case_id}"
    db.session.commit()
    with scope(wefaq.tenant):
        [told] = db.session.scalars(select(Notification).where(Notification.event == "case.documents_missing"))
        assert url in told.body  # the text message links to the request's page in the portal
    signed_in(client, wefaq, noura, gateway)
    assert 'id="answer-documents"' in client.get(url).get_data(as_text=True)
    refused = client.post(url + "/documents", data={
        "csrf_token": csrf_token(client, url), "expires-national_id": "2019-01-01",
        "file-national_id": (io.BytesIO(PDF_BYTES), "id.pdf")}, content_type="multipart/form-data")
    assert refused.status_code == 422 and "انتهت صلاحية" in refused.get_data(as_text=True)
    answer = client.post(url + "/documents", data={
        "csrf_token": csrf_token(client, url), "expires-national_id": "1452/01/01",
        "file-national_id": (io.BytesIO(PDF_BYTES), "id.pdf")}, content_type="multipart/form-data")
    assert answer.status_code == 302
    assert 'id="answer-documents"' not in client.get(url).get_data(as_text=True)
    with scope(wefaq.tenant):
        last = db.session.scalars(select(CaseEvent).where(CaseEvent.case_id == noura.case_id)
                                  .order_by(CaseEvent.id.desc())).first()
        assert (last.kind, last.actor_id, last.details["via"]) == ("document_uploaded", None, "portal")
    act(wefaq, case, "confirm_complete", {"checklist": ["national_id"]})


def test_the_person_signs_the_pledge_again_after_their_data_changed(client, wefaq, noura, gateway):
    from wasl.beneficiaries.services import update_beneficiary

    with scope(wefaq.tenant):
        case = db.session.get(Case, noura.case_id)
    advance_to(wefaq, case, "pledge")
    act(wefaq, case, "sign_pledge", {"signed_name": "نورة", "signature": signature()})
    with scope(wefaq.tenant):
        update_beneficiary(case.beneficiary, {"full_name_en": "Noura S."}, wefaq.users["relations_officer"])
    db.session.commit()
    signed_in(client, wefaq, noura, gateway)
    url = f"/{wefaq.slug}/portal/requests/{noura.case_id}"
    assert 'id="sign-pledge"' in client.get(url).get_data(as_text=True)
    blank = client.post(url + "/pledge", data={"csrf_token": csrf_token(client, url), "signed_name": "نورة",
                                                "signature": ""})
    assert blank.status_code == 422 and "التوقيع" in blank.get_data(as_text=True)
    answer = client.post(url + "/pledge", data={"csrf_token": csrf_token(client, url), "signed_name": "نورة سعد",
                                                 "signature": signature()})
    assert answer.status_code == 302 and 'id="sign-pledge"' not in client.get(url).get_data(as_text=True)
    act(wefaq, case, "submit")
    assert case.step == "committee_review"
