"""Board approval, publishing and the history, through the association's pages (Hope's policy)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.policy.pages_support import form_fields, get, post, sign_in_fresh, tr
from tests.support.web import sign_in
from wasl.db import db
from wasl.policy.models import PolicyStatus, PolicyVersion
from wasl.policy.services import current_draft, published_version
from wasl.tenancy.scope import tenant_scope


@pytest.fixture
def hope(client, factory):
    """Hope with its imported policy (version 1), a draft (version 2) whose general goal was edited."""
    tenant = factory.seed_tenant("hope")
    admin = factory.member(tenant, "admin")
    factory.commit()
    sign_in(client, admin, second_factor=True)
    overview = get(client, "/hope/admin/policy").get_data(as_text=True)
    draft_url = post(client, "/hope/admin/policy/drafts",
                     form_fields(overview, "/hope/admin/policy/drafts")).headers["Location"]
    texts = form_fields(get(client, f"{draft_url}/texts").get_data(as_text=True), f"{draft_url}/texts")
    texts["general_goal-ar"] = "تقديم خدمة متميزة وسريعة للمستفيدين من كافة الشرائح."
    texts["general_goal-en"] = "To provide distinguished and fast service to beneficiaries of all segments."
    assert post(client, f"{draft_url}/texts", texts).status_code == 302
    return tenant, draft_url


def _versions(tenant) -> dict[int, PolicyVersion]:
    db.session.expire_all()
    with tenant_scope(db.session, tenant.id):
        return {v.number: v for v in db.session.query(PolicyVersion).all()}


def _approve_form(client, draft_url: str) -> dict:
    return form_fields(get(client, f"{draft_url}/approve").get_data(as_text=True))


def test_hopes_printed_pair_is_refused_with_both_conversions(client, hope):
    tenant, draft_url = hope
    fields = _approve_form(client, draft_url)
    fields.update({"meeting_number": "3", "date_hijri": "1445-04-06", "date_gregorian": "2024-10-21"})

    refused = post(client, f"{draft_url}/approve", fields)
    html = refused.get_data(as_text=True)

    assert refused.status_code == 422
    assert tr("{hijri} AH is {hijri_in_gregorian}, not {gregorian}; {gregorian} is {gregorian_in_hijri} AH.",
              hijri="\u20661445-04-06\u2069", hijri_in_gregorian="\u20662023-10-21\u2069",
              gregorian="\u20662024-10-21\u2069", gregorian_in_hijri="\u20661446-04-18\u2069") in html
    assert html.count("is-invalid") >= 2  # both date fields are marked
    assert _versions(tenant)[2].status == PolicyStatus.DRAFT


def test_only_the_hijri_date_derives_the_gregorian_one(client, hope):
    tenant, draft_url = hope
    fields = _approve_form(client, draft_url)
    fields.update({"meeting_number": "3", "date_hijri": "1445-04-06", "date_gregorian": ""})

    approved = post(client, f"{draft_url}/approve", fields)
    version = _versions(tenant)[2]
    page = get(client, approved.headers["Location"]).get_data(as_text=True)

    assert approved.status_code == 302
    assert version.status == PolicyStatus.APPROVED
    assert version.approved_on == date(2023, 10, 21) and version.approved_on_hijri == "1445-04-06"
    assert "6 ربيع الثاني 1445 هـ" in page and "21 أكتوبر 2023 م" in page
    # Approved content is frozen: the editor sends the person back to the read-only version.
    assert get(client, f"{draft_url}/texts").status_code == 302
    assert get(client, f"{draft_url}/approve").status_code == 302


def test_approval_without_a_meeting_number_or_date_is_refused(client, hope):
    _tenant, draft_url = hope
    fields = _approve_form(client, draft_url)
    fields.update({"meeting_number": "", "date_hijri": "", "date_gregorian": ""})

    refused = post(client, f"{draft_url}/approve", fields)

    assert refused.status_code == 422
    assert tr("Enter the number of the board meeting.") in refused.get_data(as_text=True)


def test_publishing_asks_for_confirmation_then_supersedes_the_old_version(client, hope):
    tenant, draft_url = hope
    fields = _approve_form(client, draft_url)
    fields.update({"meeting_number": "7", "date_gregorian": "2024-05-02", "date_hijri": ""})
    assert post(client, f"{draft_url}/approve", fields).status_code == 302

    confirm_page = get(client, f"{draft_url}/publish").get_data(as_text=True)
    assert tr("I confirm that the board approved this version and that it should be published now") in confirm_page
    unconfirmed = post(client, f"{draft_url}/publish", {"csrf_token": form_fields(confirm_page)["csrf_token"]})
    assert unconfirmed.status_code == 422
    assert _versions(tenant)[2].status == PolicyStatus.APPROVED

    published = post(client, f"{draft_url}/publish", form_fields(confirm_page) | {"confirm": "y"})
    versions = _versions(tenant)
    public = get(client, "/hope/policy").get_data(as_text=True)

    assert published.status_code == 302
    assert versions[2].status == PolicyStatus.PUBLISHED and versions[1].status == PolicyStatus.SUPERSEDED
    assert "تقديم خدمة متميزة وسريعة للمستفيدين من كافة الشرائح." in public
    assert '<bdi dir="ltr">7</bdi>' in public
    with tenant_scope(db.session, tenant.id):
        assert published_version(tenant).number == 2 and current_draft(tenant) is None

    superseded = get(client, f"/hope/admin/policy/{versions[1].id}").get_data(as_text=True)
    assert tr("Published and superseded versions are kept exactly as they were: this version is read-only.") in superseded
    assert tr("Superseded") in superseded


def test_only_an_approved_version_can_be_published(client, hope):
    tenant, draft_url = hope
    opened = get(client, f"{draft_url}/publish")
    assert opened.status_code == 302 and opened.headers["Location"].endswith(draft_url)
    token = form_fields(get(client, draft_url).get_data(as_text=True))["csrf_token"]

    refused = post(client, f"{draft_url}/publish", {"csrf_token": token, "confirm": "y"})

    assert refused.status_code == 302
    message = tr("Only an approved version can be published; version {number} is still a draft.", number=2)
    assert message in get(client, refused.headers["Location"]).get_data(as_text=True)
    assert _versions(tenant)[2].status == PolicyStatus.DRAFT


def test_history_shows_a_readable_section_by_section_diff(client, hope):
    tenant, _draft_url = hope
    versions = _versions(tenant)

    page = get(client, f"/hope/admin/policy/history?a={versions[1].id}&b={versions[2].id}")
    html = page.get_data(as_text=True)

    assert page.status_code == 200
    assert tr("What changed") in html and tr("General goal") in html
    assert '<ins class="policy-diff-added">' in html and "وسريعة" in html
    assert '<del class="policy-diff-removed">' in html
    assert tr("In the Arabic text") in html and tr("In the English text") in html


def test_a_change_to_one_language_only_shows_in_the_history(client, hope):
    tenant, draft_url = hope
    texts = form_fields(get(client, f"{draft_url}/texts").get_data(as_text=True), f"{draft_url}/texts")
    texts["practices_intro-ar"] = "وذلك عن طريق ما يأتي:"
    assert post(client, f"{draft_url}/texts", texts).status_code == 302
    versions = _versions(tenant)

    html = get(client, f"/hope/admin/policy/history?a={versions[1].id}&b={versions[2].id}&lang=en").get_data(
        as_text=True)
    in_english, in_arabic, end = (tr(m, "en") for m in ("In the English text", "In the Arabic text", "All versions"))
    english = html[html.index(in_english):html.index(in_arabic)]
    arabic = html[html.index(in_arabic):html.index(end)]

    assert html.index(in_english) < html.index(in_arabic)  # the page's language first
    assert tr("Introduction to the practices", "en") not in english
    # Each language's changes are described in that language.
    assert tr("Introduction to the practices", "ar") in arabic and "يأتي" in arabic


def test_a_committee_member_can_neither_approve_nor_publish(client, factory, hope):
    tenant, draft_url = hope
    member = factory.member(tenant, "committee_member")
    factory.commit()
    other = client.application.test_client()
    sign_in_fresh(other, member)

    assert get(other, f"{draft_url}/approve").status_code == 403
    assert get(other, f"{draft_url}/publish").status_code == 403
    assert get(other, f"{draft_url}").status_code == 200  # reading the version is allowed
