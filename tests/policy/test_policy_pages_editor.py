"""The policy editor, driven through its forms like a browser: sections, lock versions, errors, uploads."""

from __future__ import annotations

import io
import re

import pytest

from tests.policy.pages_support import form_fields, get, post, sign_in_fresh, tr, translated
from tests.support.files import PDF_BYTES, SCRIPT_BYTES
from tests.support.web import sign_in
from wasl.db import db
from wasl.policy.models import PolicyStatus, PolicyVersion
from wasl.policy.services import current_draft, published_version
from wasl.tenancy.scope import tenant_scope

SECTIONS = ("texts", "channels", "references", "procedure", "eligibility", "services", "decision_window", "survey")


@pytest.fixture
def shaair(client, factory):
    """Shaair with its imported policy, an admin signed in, and a draft started through the overview."""
    tenant = factory.seed_tenant("shaair")
    admin = factory.member(tenant, "admin")
    factory.commit()
    sign_in(client, admin, second_factor=True)
    overview = get(client, "/shaair/admin/policy").get_data(as_text=True)
    started = post(client, "/shaair/admin/policy/drafts", form_fields(overview, "/shaair/admin/policy/drafts"))
    assert started.status_code == 302
    return tenant, admin, started.headers["Location"]


def _draft(tenant) -> PolicyVersion:
    db.session.expire_all()
    with tenant_scope(db.session, tenant.id):
        return current_draft(tenant)


def _form(client, url: str) -> dict:
    page = get(client, url)
    assert page.status_code == 200
    return form_fields(page.get_data(as_text=True), url)


def test_every_section_round_trips_without_changing_the_draft(client, shaair):
    tenant, _admin, draft_url = shaair
    before = _draft(tenant).content_hash

    for section in SECTIONS:
        saved = post(client, f"{draft_url}/{section}", _form(client, f"{draft_url}/{section}"))
        assert saved.status_code == 302, section

    assert _draft(tenant).content_hash == before


def test_editing_the_preamble_saves_it_and_the_preview_shows_it(client, shaair):
    tenant, _admin, draft_url = shaair
    fields = _form(client, f"{draft_url}/texts")
    fields["preamble-ar"] = "تضع {association} هذه السياسة لتنظيم علاقتها بالمستفيدين.\n\nفقرة ثانية."
    fields["preamble-en"] = "{association} sets this policy for its relationship with beneficiaries.\n\nA second one."

    saved = post(client, f"{draft_url}/texts", fields)
    page = get(client, saved.headers["Location"]).get_data(as_text=True)

    assert saved.status_code == 302
    assert _draft(tenant).content["preamble"]["ar"].startswith("تضع {association} هذه السياسة")
    assert tr("“{section}” was saved.", section=translated("Preamble, goals and practices")) in page
    # The preview pane renders the saved draft with the association's name filled in.
    assert "تضع جمعية شعائر لخدمة وبناء مساجد الحرم بمكة المكرمة هذه السياسة" in page
    assert "<p>فقرة ثانية.</p>" in page


def test_live_preview_renders_unsaved_input_without_saving(client, shaair):
    tenant, _admin, draft_url = shaair
    fields = _form(client, f"{draft_url}/texts")
    fields["general_goal-ar"] = "هدف عام لم يحفظ بعد."
    before = _draft(tenant).content_hash

    preview = post(client, f"{draft_url}/texts/preview", fields)

    assert preview.status_code == 200
    assert "هدف عام لم يحفظ بعد." in preview.get_data(as_text=True)
    assert "<html" not in preview.get_data(as_text=True)  # a fragment for the pane
    assert _draft(tenant).content_hash == before


def test_validation_errors_are_shown_inline_naming_the_field(client, shaair):
    tenant, _admin, draft_url = shaair
    fields = _form(client, f"{draft_url}/texts")
    fields["preamble-ar"] = "   "
    before = _draft(tenant).content_hash

    refused = post(client, f"{draft_url}/texts", fields)
    html = refused.get_data(as_text=True)

    assert refused.status_code == 422
    assert tr("Nothing was saved. Please correct the following:") in html
    summary = f"{translated('Preamble')} › {translated('Arabic')}: {translated('This text may not be empty.')}"
    assert tr(summary) in html  # the summary names the field
    assert re.search(r'id="preamble-ar"[^>]*class="[^"]*is-invalid|class="[^"]*is-invalid[^"]*"[^>]*id="preamble-ar"', html)
    assert _draft(tenant).content_hash == before


def test_a_stale_lock_is_refused_and_the_persons_input_is_kept(client, factory, shaair):
    tenant, _admin, draft_url = shaair
    mine = _form(client, f"{draft_url}/texts")

    # Another admin saves the same draft in between.
    other = factory.member(tenant, "admin")
    factory.commit()
    other_client = client.application.test_client()
    sign_in_fresh(other_client, other)
    theirs = _form(other_client, f"{draft_url}/texts")
    theirs["general_goal-ar"] = "هدف عام كتبه المدير الآخر."
    assert post(other_client, f"{draft_url}/texts", theirs).status_code == 302

    mine["general_goal-ar"] = "هدف عام كتبته أنا."
    refused = post(client, f"{draft_url}/texts", mine)
    html = refused.get_data(as_text=True)

    assert refused.status_code == 409
    assert 'class="alert alert-warning"' in html
    assert "هدف عام كتبته أنا." in html  # my input is still in the form
    assert _draft(tenant).content["general_goal"]["ar"] == "هدف عام كتبه المدير الآخر."
    # Saving again, now knowingly, replaces the section.
    again = post(client, f"{draft_url}/texts", form_fields(html, f"{draft_url}/texts"))
    assert again.status_code == 302
    assert _draft(tenant).content["general_goal"]["ar"] == "هدف عام كتبته أنا."


def test_channels_disable_one_and_add_the_associations_own(client, shaair):
    tenant, _admin, draft_url = shaair
    fields = _form(client, f"{draft_url}/channels")
    assert fields["channels-0-key"] == "interview"
    fields.pop("channels-0-enabled")
    new = max(int(m.group(1)) for m in (re.match(r"channels-(\d+)-key", n) for n in fields) if m)
    fields[f"channels-{new}-label-ar"] = "تطبيق الجوال"
    fields[f"channels-{new}-label-en"] = "Mobile app"

    saved = post(client, f"{draft_url}/channels", fields)
    channels = _draft(tenant).content["channels"]

    assert saved.status_code == 302
    assert [c["key"] for c in channels] == ["interview", "phone", "social_media", "letters", "website", "mobile_app"]
    assert channels[0]["enabled"] is False and channels[-1]["enabled"] is True
    assert channels[-1]["label"] == {"ar": "تطبيق الجوال", "en": "Mobile app"}


def test_procedure_steps_move_and_a_referral_needs_its_target_role(client, shaair):
    tenant, _admin, draft_url = shaair
    fields = _form(client, f"{draft_url}/procedure")

    moved = post(client, f"{draft_url}/procedure", {**fields, "move": "up-1"})
    moved_html = moved.get_data(as_text=True)
    assert moved.status_code == 200 and tr("The order changed. Save to keep it.") in moved_html
    assert [s["type"] for s in _draft(tenant).content["procedure"]["steps"]][:2] == ["reception", "completeness_check"]

    moved_fields = form_fields(moved_html, f"{draft_url}/procedure")
    assert moved_fields["steps-0-type"] == "completeness_check" and moved_fields["steps-1-type"] == "reception"
    assert post(client, f"{draft_url}/procedure", moved_fields).status_code == 302
    steps = _draft(tenant).content["procedure"]["steps"]
    assert [s["type"] for s in steps][:2] == ["completeness_check", "reception"]

    fields = _form(client, f"{draft_url}/procedure")
    fields["steps-2-target_role"] = ""  # the referral to the supervisor
    refused = post(client, f"{draft_url}/procedure", fields)
    assert refused.status_code == 422
    assert tr("A referral step must name the role it refers to.") in refused.get_data(as_text=True)


def test_reference_upload_accepts_a_pdf_only(client, shaair):
    tenant, _admin, draft_url = shaair
    fields = _form(client, f"{draft_url}/references")
    new = len([n for n in fields if re.fullmatch(r"items-\d+-key", n)]) - 1
    fields.update({f"items-{new}-title-ar": "دليل الإجراءات", f"items-{new}-title-en": "Procedures guide",
                   f"items-{new}-kind": "guide"})

    refused = post(client, f"{draft_url}/references",
                   {**fields, f"items-{new}-upload": (io.BytesIO(SCRIPT_BYTES), "guide.pdf")})
    assert refused.status_code == 415
    message = "“{field}” must be a PDF file; files are checked by their content, not their name."
    assert tr(message, field=translated("Upload a PDF")) in refused.get_data(as_text=True)
    assert len(_draft(tenant).content["references"]["items"]) == 2

    saved = post(client, f"{draft_url}/references",
                 {**fields, f"items-{new}-upload": (io.BytesIO(PDF_BYTES), "guide.pdf")})
    assert saved.status_code == 302
    item = _draft(tenant).content["references"]["items"][-1]
    assert item["key"] == "procedures_guide" and item["file"].startswith("document-")

    download = get(client, f"{draft_url}/references/{item['file'].removeprefix('document-')}")
    assert download.status_code == 200 and download.data == PDF_BYTES
    assert download.headers["Content-Disposition"].startswith("attachment")


def test_services_with_documents_and_a_working_day_window_reach_the_preview(client, shaair):
    tenant, _admin, draft_url = shaair
    fields = _form(client, f"{draft_url}/services")
    fields.update({"services-0-name-ar": "سلة غذائية", "services-0-name-en": "Food basket",
                   "services-0-mechanisms": ["administrative_review", "field_visit"],
                   "services-0-required_documents-0-name-ar": "الهوية الوطنية",
                   "services-0-required_documents-0-name-en": "National ID",
                   "services-0-required_documents-0-has_expiry": "y",
                   "services-0-required_documents-0-must_be_valid_at_submission": "y"})
    assert post(client, f"{draft_url}/services", fields).status_code == 302

    window = _form(client, f"{draft_url}/decision_window")
    window.update({"days": "10", "counting": "working"})
    saved = post(client, f"{draft_url}/decision_window", window)
    page = get(client, saved.headers["Location"]).get_data(as_text=True)

    service = _draft(tenant).content["services"][0]
    assert service["mechanisms"] == ["administrative_review", "field_visit"]
    assert service["required_documents"][0]["must_be_valid_at_submission"] is True
    assert "يجب أن يكون ساري المفعول وقت التقديم" in page
    assert "خلال 10 يوم عمل (من الأحد إلى الخميس)" in page


def test_decision_window_out_of_range_is_refused_inline(client, shaair):
    _tenant, _admin, draft_url = shaair
    window = _form(client, f"{draft_url}/decision_window")

    refused = post(client, f"{draft_url}/decision_window", {**window, "days": "0"})

    assert refused.status_code == 422
    assert tr("Enter a number of days from 1 to 365.") in refused.get_data(as_text=True)


def test_a_published_version_cannot_be_edited_through_the_pages(client, shaair):
    tenant, _admin, _draft_url = shaair
    with tenant_scope(db.session, tenant.id):
        published = published_version(tenant)
    url = f"/shaair/admin/policy/{published.id}"
    before = published.content_hash

    page = get(client, url).get_data(as_text=True)
    opened = get(client, f"{url}/texts")
    token = form_fields(page)["csrf_token"]
    posted = post(client, f"{url}/texts", {"csrf_token": token, "lock_version": str(published.lock_version),
                                           "preamble-ar": "نص جديد"})

    assert tr("Published and superseded versions are kept exactly as they were: this version is read-only.") in page
    assert f"{url}/texts" not in page
    assert opened.status_code == 302 and opened.headers["Location"].endswith(url)
    assert posted.status_code == 302
    db.session.expire_all()
    with tenant_scope(db.session, tenant.id):
        assert db.session.get(PolicyVersion, published.id).content_hash == before
        assert db.session.get(PolicyVersion, published.id).status == PolicyStatus.PUBLISHED


@pytest.mark.parametrize("role", ["relations_officer", "viewer"])
def test_staff_without_policy_edit_cannot_open_the_editor(client, factory, shaair, role):
    tenant, _admin, draft_url = shaair
    person = factory.member(tenant, role)
    factory.commit()
    other = client.application.test_client()
    sign_in_fresh(other, person)

    assert get(other, "/shaair/admin/policy").status_code == 200  # they may read it
    assert get(other, f"{draft_url}/texts").status_code == 403
    assert get(other, f"{draft_url}/approve").status_code == 403


def test_another_associations_admin_gets_not_found(client, factory, shaair):
    _tenant, _admin, draft_url = shaair
    hope = factory.seed_tenant("hope")
    outsider = factory.member(hope, "admin")
    factory.commit()
    other = client.application.test_client()
    sign_in_fresh(other, outsider)

    assert get(other, f"{draft_url}/texts").status_code == 404
    assert get(other, draft_url.replace("/shaair/", "/hope/") + "/texts").status_code == 404
