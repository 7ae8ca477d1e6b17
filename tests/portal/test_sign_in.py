"""Signing in to the portal: the code by text, five tries, five minutes, once; the same answer for strangers."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from tests.portal.support import ask_for_code, code_from_sms, pending_codes, portal_cookie, send_code, sign_in
from tests.support.web import sign_in as staff_sign_in
from wasl.db import db, utcnow
from wasl.portal.models import PortalSignInCode
from wasl.portal.sessions import COOKIE_NAME
from wasl.tenancy.scope import tenant_scope


def test_a_person_signs_in_with_the_code_from_the_text_message(client, wefaq, noura, gateway):
    answer = sign_in(client, wefaq.slug, wefaq.tenant.id, gateway, noura.national_id, noura.mobile)
    assert answer.status_code == 302 and answer.headers["Location"].endswith(f"/{wefaq.slug}/portal/")
    cookie = portal_cookie(client, wefaq.slug)
    assert cookie is not None and cookie.http_only and cookie.path == f"/{wefaq.slug}/portal"
    page = client.get(f"/{wefaq.slug}/portal/").get_data(as_text=True)
    assert 'lang="ar" dir="rtl"' in page and "طلباتي" in page
    assert gateway.received[-1].json()["recipients"] == ["966" + noura.mobile[1:]]


def test_the_code_is_hashed_and_hidden_in_the_notification_log(client, wefaq, noura, gateway):
    ask_for_code(client, wefaq.slug, noura.national_id, noura.mobile)
    [row] = pending_codes(wefaq.tenant.id)
    assert row.sensitive and row.channel == "sms"
    code = code_from_sms(wefaq.tenant.id, gateway)
    with tenant_scope(db.session, wefaq.tenant.id):
        db.session.refresh(row)
        stored = db.session.query(PortalSignInCode).one()
        assert row.body == "" and code not in stored.code_hash and len(stored.code_hash) == 64


def test_arabic_digits_in_the_form_are_understood(client, wefaq, noura, gateway):
    arabic = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
    assert ask_for_code(client, wefaq.slug, noura.national_id.translate(arabic),
                        noura.mobile.translate(arabic)).status_code == 302
    code = code_from_sms(wefaq.tenant.id, gateway)
    assert send_code(client, wefaq.slug, code.translate(arabic)).status_code == 302


def test_someone_not_registered_gets_the_same_answer_and_no_text(client, wefaq, noura, gateway):
    stranger = ask_for_code(client, wefaq.slug, "1000000008", "0559999999")
    assert stranger.status_code == 302 and stranger.headers["Location"].endswith("/portal/code")
    stranger_page = client.get(f"/{wefaq.slug}/portal/code").get_data(as_text=True)
    wrong_mobile = ask_for_code(client, wefaq.slug, noura.national_id, "0559999999")
    assert wrong_mobile.status_code == 302 and wrong_mobile.headers["Location"] == stranger.headers["Location"]
    assert pending_codes(wefaq.tenant.id) == [] and gateway.received == []
    registered = ask_for_code(client.application.test_client(), wefaq.slug, noura.national_id, noura.mobile)
    assert registered.headers["Location"] == stranger.headers["Location"]
    assert "إن كانت بياناتك تطابق" in stranger_page
    refused = send_code(client, wefaq.slug, "123456")
    assert refused.status_code == 422 and "ليس الرمز الذي أرسلناه" in refused.get_data(as_text=True)


def test_invalid_numbers_are_explained_beside_their_fields(client, wefaq):
    page = ask_for_code(client, wefaq.slug, "1234567890", "0112345678")
    text = page.get_data(as_text=True)
    assert page.status_code == 422
    assert "(رقم التحقق)" in text and "لا رقم هاتف ثابت" in text


def test_five_wrong_codes_lock_the_code(client, wefaq, noura, gateway):
    ask_for_code(client, wefaq.slug, noura.national_id, noura.mobile)
    code = code_from_sms(wefaq.tenant.id, gateway)
    wrong = "000000" if code != "000000" else "111111"
    statuses = [send_code(client, wefaq.slug, wrong).status_code for _ in range(5)]
    assert statuses == [422, 422, 422, 422, 429]
    locked = send_code(client, wefaq.slug, code)
    assert locked.status_code == 429 and "محاولات خاطئة كثيرة" in locked.get_data(as_text=True)
    assert client.get(f"/{wefaq.slug}/portal/").status_code == 302


def test_an_expired_code_is_refused(client, wefaq, noura, gateway):
    ask_for_code(client, wefaq.slug, noura.national_id, noura.mobile)
    code = code_from_sms(wefaq.tenant.id, gateway)
    with tenant_scope(db.session, wefaq.tenant.id):
        db.session.execute(update(PortalSignInCode).values(expires_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    answer = send_code(client, wefaq.slug, code)
    assert answer.status_code == 422 and "انتهت صلاحية هذا الرمز" in answer.get_data(as_text=True)


def test_a_code_works_once(client, app, wefaq, noura, gateway):
    ask_for_code(client, wefaq.slug, noura.national_id, noura.mobile)
    code = code_from_sms(wefaq.tenant.id, gateway)
    with client.session_transaction() as saved:
        pending = dict(saved["portal_challenge"])
    assert send_code(client, wefaq.slug, code).status_code == 302
    replay = app.test_client()
    with replay.session_transaction() as saved:
        saved["portal_challenge"] = pending
    answer = send_code(replay, wefaq.slug, code)
    assert answer.status_code == 422 and "استُخدم هذا الرمز" in answer.get_data(as_text=True)


def test_a_code_from_another_association_opens_nothing(client, factory, wefaq, noura, gateway):
    other = factory.seed_tenant("shaair")
    factory.commit()
    ask_for_code(client, wefaq.slug, noura.national_id, noura.mobile)
    code = code_from_sms(wefaq.tenant.id, gateway)
    elsewhere = client.get(f"/{other.slug}/portal/code")
    assert elsewhere.status_code == 302 and elsewhere.headers["Location"].endswith(f"/{other.slug}/portal/sign-in")
    with client.session_transaction() as saved:
        pending = dict(saved["portal_challenge"])
        saved["portal_challenge"] = {**pending, "tenant": other.id}
    answer = send_code(client, other.slug, code)
    assert answer.status_code == 422 and "ليس صالحًا هنا" in answer.get_data(as_text=True)
    assert client.get(f"/{other.slug}/portal/").status_code == 302


def test_requests_for_codes_are_limited_per_mobile(client, app, wefaq, noura):
    statuses = [ask_for_code(app.test_client(), wefaq.slug, noura.national_id, noura.mobile).status_code
                for _ in range(6)]
    assert statuses == [302] * 5 + [429]


def test_a_staff_session_does_not_open_the_portal(client, factory, wefaq, noura):
    admin = factory.member(wefaq.tenant, "admin")
    factory.commit()
    staff_sign_in(client, admin)
    assert client.get(f"/{wefaq.slug}/").status_code == 200
    answer = client.get(f"/{wefaq.slug}/portal/")
    assert answer.status_code == 302 and answer.headers["Location"].endswith(f"/{wefaq.slug}/portal/sign-in")
    assert client.get(f"/{wefaq.slug}/portal/requests/{noura.case_id}").status_code == 302
    assert client.get(f"/api/v1/{wefaq.slug}/portal/requests",
                      headers={"Authorization": f"Bearer {wefaq.tokens['admin']}"}).status_code == 401


def test_a_portal_session_does_not_open_staff_pages(client, wefaq, noura, gateway):
    sign_in(client, wefaq.slug, wefaq.tenant.id, gateway, noura.national_id, noura.mobile)
    assert client.get(f"/{wefaq.slug}/cases").status_code == 302
    assert client.get(f"/{wefaq.slug}/portal/").status_code == 200


def test_signing_out_ends_the_session(client, wefaq, noura, gateway):
    from tests.support.web import csrf_token

    sign_in(client, wefaq.slug, wefaq.tenant.id, gateway, noura.national_id, noura.mobile)
    raw = portal_cookie(client, wefaq.slug).value
    token = csrf_token(client, f"/{wefaq.slug}/portal/")
    assert client.post(f"/{wefaq.slug}/portal/sign-out", data={"csrf_token": token}).status_code == 302
    stolen = client.application.test_client()
    stolen.set_cookie(COOKIE_NAME, raw, domain="wasl.test", path=f"/{wefaq.slug}/portal")
    assert stolen.get(f"/{wefaq.slug}/portal/").status_code == 302
