"""Filing an enquiry, a suggestion or a complaint: from the portal and from the public page, pages and API;
bad input is refused with a message naming the field, in the person's language, and nothing is written."""

from __future__ import annotations

from sqlalchemy import func, select

from tests.feedback.conftest import bearer, file_in_portal, file_in_public
from wasl.audit.models import AuditEvent
from wasl.db import db
from wasl.feedback.models import Feedback, FeedbackSource
from wasl.tenancy.scope import tenant_scope


def _items(tenant_id: int) -> list[Feedback]:
    with tenant_scope(db.session, tenant_id):
        return list(db.session.scalars(select(Feedback).order_by(Feedback.id)))


def _audited(tenant_id: int, action: str) -> int:
    with tenant_scope(db.session, tenant_id):
        return db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == action))


def test_the_person_files_a_complaint_about_their_request_in_the_portal(client, wefaq, noura_signed_in):
    noura = noura_signed_in
    answer = file_in_portal(client, wefaq.slug, kind="complaint", message="تأخر الرد على طلبي",
                            case_id=str(noura.case_id))
    assert answer.status_code == 302
    [item] = _items(wefaq.tenant.id)
    assert item.source == FeedbackSource.PORTAL and item.beneficiary_id == noura.beneficiary_id
    assert item.case_id == noura.case_id and item.number.startswith("WEF-FB-") and item.number.endswith("-00001")
    assert item.due_on > item.filed_at.date() and not item.names_staff
    page = client.get(answer.headers["Location"], headers={"Accept-Language": "ar"}).get_data(as_text=True)
    assert item.number in page and "شكوى" in page and "تأخر الرد على طلبي" in page
    assert _audited(wefaq.tenant.id, "feedback.filed") == 1


def test_references_count_up_per_association(client, wefaq, noura_signed_in):
    for text in ("الأول", "الثاني"):
        assert file_in_portal(client, wefaq.slug, kind="enquiry", message=text).status_code == 302
    assert [i.number[-5:] for i in _items(wefaq.tenant.id)] == ["00001", "00002"]


def test_a_visitor_files_from_the_public_policy_page(client, wefaq):
    policy = client.get(f"/{wefaq.slug}/policy").get_data(as_text=True)
    assert f"/{wefaq.slug}/feedback/new" in policy
    answer = file_in_public(client, wefaq.slug, kind="suggestion", message="اقترح فتح فرع في الحي",
                            name="زائر كريم", mobile="٠٥٥١٢٣٤٥٦٧")
    assert answer.status_code == 302 and answer.headers["Location"].endswith(f"/{wefaq.slug}/feedback/thanks")
    [item] = _items(wefaq.tenant.id)
    assert item.source == FeedbackSource.PUBLIC and item.visitor_mobile == "+966551234567"
    assert item.beneficiary_id is None and item.visitor_name == "زائر كريم"
    with tenant_scope(db.session, wefaq.tenant.id):
        raw = db.session.execute(select(Feedback.visitor_mobile_encrypted)).scalar_one()
    assert "551234567" not in raw  # encrypted at rest
    thanks = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert item.number in thanks


def test_a_visitor_without_a_mobile_is_told_which_field_and_nothing_is_written(client, wefaq):
    answer = file_in_public(client, wefaq.slug, kind="enquiry", message="متى تفتحون؟", name="زائر")
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert "«رقم الجوال للرد» مطلوب" in page or "رقم الجوال للرد" in page
    assert _items(wefaq.tenant.id) == [] and _audited(wefaq.tenant.id, "feedback.filed") == 0
    bad = file_in_public(client, wefaq.slug, kind="enquiry", message="متى تفتحون؟", name="زائر", mobile="0123")
    assert bad.status_code == 422 and _items(wefaq.tenant.id) == []


def test_an_unknown_kind_and_a_too_long_text_are_refused_naming_the_field(client, wefaq, noura_signed_in):
    unknown = file_in_portal(client, wefaq.slug, kind="praise", message="شكرًا")
    assert unknown.status_code == 422 and "النوع" in unknown.get_data(as_text=True)
    long = file_in_portal(client, wefaq.slug, kind="enquiry", message="ا" * 2001)
    assert long.status_code == 422 and "2000" in long.get_data(as_text=True)
    assert "رسالتك" in long.get_data(as_text=True)
    assert _items(wefaq.tenant.id) == []


def test_another_persons_request_is_a_404_and_nothing_is_written(client, wefaq, noura_signed_in, salem):
    answer = file_in_portal(client, wefaq.slug, kind="complaint", message="عن طلب غيري", case_id=str(salem.case_id))
    assert answer.status_code == 404
    assert _items(wefaq.tenant.id) == [] and _audited(wefaq.tenant.id, "feedback.filed") == 0


def test_the_api_files_and_refuses_like_the_pages(client, wefaq, noura, salem, noura_token):
    url = f"/api/v1/{wefaq.slug}/portal/feedback"
    english = {**bearer(noura_token), "Accept-Language": "en"}
    made = client.post(url, json={"kind": "enquiry", "message": "What papers do I need?", "case_id": noura.case_id},
                       headers=english)
    assert made.status_code == 201 and made.get_json()["number"].startswith("WEF-FB-")
    assert client.get(made.headers["Location"], headers=english).get_json()["reply"] is None
    missing = client.post(url, json={"message": "x"}, headers=english)
    assert missing.status_code == 422 and missing.mimetype == "application/problem+json"
    assert missing.get_json()["errors"]["kind"] == ["“Type” is required."]
    too_long = client.post(url, json={"kind": "enquiry", "message": "x" * 2001}, headers=english)
    assert "“Your message” must be at most 2000 characters." in too_long.get_json()["errors"]["message"]
    theirs = client.post(url, json={"kind": "complaint", "message": "x", "case_id": salem.case_id}, headers=english)
    assert theirs.status_code == 404 and theirs.mimetype == "application/problem+json"
    arabic = client.post(url, json={"kind": "thanks", "message": "x"}, headers={**bearer(noura_token),
                                                                               "Accept-Language": "ar"})
    assert "«النوع»" in arabic.get_json()["errors"]["kind"][0] or "النوع" in arabic.get_json()["errors"]["kind"][0]
    assert len(_items(wefaq.tenant.id)) == 1
    assert [row["id"] for row in client.get(url, headers=english).get_json()] == [made.get_json()["id"]]


def test_the_public_form_is_rate_limited_per_mobile(client, wefaq):
    answers = [file_in_public(client, wefaq.slug, kind="enquiry", message=f"سؤال {n}", name="زائر",
                              mobile="0551112222").status_code for n in range(6)]
    assert answers == [302] * 5 + [429]
    assert len(_items(wefaq.tenant.id)) == 5


def test_a_request_page_links_to_a_form_about_that_request(client, wefaq, noura_signed_in):
    page = client.get(f"/{wefaq.slug}/portal/requests/{noura_signed_in.case_id}").get_data(as_text=True)
    link = f"/{wefaq.slug}/portal/feedback/new?case_id={noura_signed_in.case_id}"
    assert link in page
    form = client.get(link).get_data(as_text=True)
    assert f'value="{noura_signed_in.case_id}" selected' in form
