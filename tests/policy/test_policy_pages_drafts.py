"""Starting drafts from the overview (published, template, another association's shared policy), and the
optional sections: eligibility and the satisfaction survey."""

from __future__ import annotations

from tests.policy.pages_support import form_fields, get, post, sign_in_fresh, tr
from tests.support.web import sign_in
from wasl.db import db
from wasl.policy.models import PolicySource
from wasl.policy.services import current_draft, published_version
from wasl.tenancy.scope import tenant_scope


def _draft(tenant):
    db.session.expire_all()
    with tenant_scope(db.session, tenant.id):
        return current_draft(tenant)


def _start(client, slug: str, **choice):
    overview = get(client, f"/{slug}/admin/policy").get_data(as_text=True)
    fields = form_fields(overview, f"/{slug}/admin/policy/drafts") | choice
    return post(client, f"/{slug}/admin/policy/drafts", fields)


def test_a_draft_starts_from_the_standard_template(client, factory):
    tenant = factory.seed_tenant("modeem")
    factory.commit()
    sign_in(client, factory.member(tenant, "admin"), second_factor=True)
    factory.commit()

    started = _start(client, "modeem", source="template")
    draft = _draft(tenant)

    assert started.status_code == 302
    assert draft.source == PolicySource.TEMPLATE and draft.number == 2
    assert len([c for c in draft.content["channels"] if c["enabled"]]) == 8  # the model's channels, not Modeem's five
    overview = get(client, "/modeem/admin/policy").get_data(as_text=True)
    assert 'action="/modeem/admin/policy/drafts"' not in overview and tr("Continue") in overview
    token = form_fields(overview)["csrf_token"]
    second = post(client, "/modeem/admin/policy/drafts", {"csrf_token": token, "source": "published"})
    assert second.status_code == 302
    message = tr("Version {number} is already being prepared; continue with it or discard it first.", number=2)
    assert message in get(client, second.headers["Location"]).get_data(as_text=True)


def test_a_shared_policy_can_be_copied_by_another_association(client, factory):
    wefaq, shaair = factory.seed_tenant("wefaq"), factory.seed_tenant("shaair")
    wefaq_admin, shaair_admin = factory.member(wefaq, "admin"), factory.member(shaair, "admin")
    factory.commit()
    with tenant_scope(db.session, wefaq.id):
        version_url = f"/wefaq/admin/policy/{published_version(wefaq).id}"

    sign_in(client, wefaq_admin, second_factor=True)
    page = get(client, version_url).get_data(as_text=True)
    shared = post(client, f"{version_url}/share", form_fields(page, f"{version_url}/share") | {"shareable": "y"})
    assert shared.status_code == 302

    other = client.application.test_client()
    sign_in_fresh(other, shaair_admin)
    overview = get(other, "/shaair/admin/policy").get_data(as_text=True)
    assert 'value="wefaq"' in overview
    started = _start(other, "shaair", source="copy", copy_from="wefaq")
    draft = _draft(shaair)

    assert started.status_code == 302
    assert draft.source == PolicySource.COPY and draft.copied_from_tenant_id == wefaq.id
    assert len(draft.content["channels"]) == 8
    # The copy is Shaair's: its preview names Shaair, never Wefaq.
    preview = get(other, f"/shaair/admin/policy/{draft.id}/preview").get_data(as_text=True)
    assert "جمعية شعائر لخدمة وبناء مساجد الحرم بمكة المكرمة" in preview
    assert "جمعية وفاق" not in preview


def test_eligibility_can_be_added_and_removed(client, factory):
    tenant = factory.seed_tenant("hope")
    admin = factory.member(tenant, "admin")
    factory.commit()
    sign_in(client, admin, second_factor=True)
    draft_url = _start(client, "hope", source="published").headers["Location"]
    fields = form_fields(get(client, f"{draft_url}/eligibility").get_data(as_text=True), f"{draft_url}/eligibility")
    assert "included" not in fields  # Hope's document has no eligibility section

    fields.update({"included": "y", "mechanisms-0-enabled": "y", "mechanisms-2-enabled": "y",
                   "criteria-0-kind": "professional_standard",
                   "criteria-0-text-ar": "المعايير المهنية المعتمدة.", "criteria-0-text-en": "Recognized standards."})
    saved = post(client, f"{draft_url}/eligibility", fields)
    page = get(client, saved.headers["Location"]).get_data(as_text=True)
    eligibility = _draft(tenant).content["eligibility"]

    assert saved.status_code == 302
    assert [m["key"] for m in eligibility["mechanisms"]] == ["administrative_review", "field_visit"]
    assert eligibility["criteria"] == [{"kind": "professional_standard",
                                        "text": {"ar": "المعايير المهنية المعتمدة.", "en": "Recognized standards."}}]
    assert "آلية الفحص الميداني" in page and "معيار مهني" in page

    fields = form_fields(page, f"{draft_url}/eligibility")
    fields.pop("included")
    assert post(client, f"{draft_url}/eligibility", fields).status_code == 302
    assert "eligibility" not in _draft(tenant).content


def test_survey_questions_are_added_with_their_scale(client, factory):
    tenant = factory.seed_tenant("quwayiyah")
    factory.commit()
    sign_in(client, factory.member(tenant, "admin"), second_factor=True)
    factory.commit()
    draft_url = _start(client, "quwayiyah", source="published").headers["Location"]
    fields = form_fields(get(client, f"{draft_url}/survey").get_data(as_text=True), f"{draft_url}/survey")
    fields.update({"satisfaction_survey-0-text-ar": "ما مدى رضاك عن سرعة الخدمة؟",
                   "satisfaction_survey-0-text-en": "How satisfied are you with the speed of the service?",
                   "satisfaction_survey-0-scale": "4"})

    saved = post(client, f"{draft_url}/survey", fields)
    page = get(client, saved.headers["Location"]).get_data(as_text=True)

    assert saved.status_code == 302
    assert _draft(tenant).content["satisfaction_survey"] == [{
        "key": "how_satisfied_are_you_with_the_speed_of_the",
        "text": {"ar": "ما مدى رضاك عن سرعة الخدمة؟", "en": "How satisfied are you with the speed of the service?"},
        "scale": 4}]
    assert "قياس رضا المستخدمين" in page  # the association's own word, in the generated heading
