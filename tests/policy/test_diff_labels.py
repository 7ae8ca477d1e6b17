"""The policy diff in Arabic: numbers and dates compared whole, survey questions and attached files by name."""

from __future__ import annotations

import copy

import pytest

from tests.policy.pages_support import form_fields, get, post
from tests.policy.test_policy_core_diff import by_section, content_of
from tests.support.web import sign_in
from wasl.policy.diff import diff_content


def _approved(content: dict, meeting: str, hijri: str, gregorian: str) -> dict:
    changed = copy.deepcopy(content)
    changed["approval"] = {**(changed.get("approval") or {}), "meeting_number": meeting, "date_hijri": hijri,
                           "date_gregorian": gregorian}
    return changed


def test_a_changed_period_is_one_whole_value_in_the_pages_digits(app):
    before = content_of("shaair")
    after = copy.deepcopy(before)
    after["decision_window"] = {"days": 15, "counting": "working"}
    with app.test_request_context():
        [window] = by_section(diff_content(before, after, None, "ar"))["decision_window"].changes
    assert window.whole and not window.words
    assert window.after == "15 يوم عمل (من الأحد إلى الخميس)" and window.before == "14 يومًا تقويميًا"


def test_approval_meeting_and_date_are_compared_whole_and_printed_as_dates(app):
    before = _approved(content_of("wefaq"), "03", "1445-10-08", "2024-04-17")
    after = _approved(before, "12", "1446-01-15", "2024-07-21")
    with app.test_request_context():
        changes = {c.label: c for c in by_section(diff_content(before, after, None, "ar"))["approval"].changes}
    meeting, day = changes["رقم اجتماع الاعتماد"], changes["تاريخ الاعتماد"]
    assert meeting.whole and (meeting.before, meeting.after) == ("03", "12")
    assert day.whole and not day.words
    assert day.before.startswith("8 شوال 1445 هـ") and "1445-10-08" not in day.before


def test_survey_questions_are_named_by_their_place_not_their_key(app):
    before = content_of("shaair")
    before["satisfaction_survey"] = [
        {"key": "q-courtesy", "text": {"ar": "هل عاملك الموظف بلطف؟", "en": "Was the staff courteous?"}, "scale": 5},
        {"key": "q-speed", "text": {"ar": "هل كانت الخدمة سريعة؟", "en": "Was the service quick?"}, "scale": 5}]
    after = copy.deepcopy(before)
    question = after["satisfaction_survey"][1]
    question["text"]["ar"] = "هل صدر القرار في موعده؟"
    question["scale"] = 10
    with app.test_request_context():
        text, scale = by_section(diff_content(before, after, None, "ar"))["survey"].changes
    assert text.label == scale.label == "السؤال 2" and "q-speed" not in text.label
    assert scale.whole and scale.after.endswith("من 1 إلى 10")


def test_an_attached_reference_file_is_not_shown_by_its_storage_key(app):
    before = content_of("wefaq")
    after = copy.deepcopy(before)
    items = after.setdefault("references", {}).setdefault("items", [])
    items.append({"key": "manual", "title": {"ar": "دليل الإجراءات", "en": "Manual"}, "kind": "guide",
                  "file": "document-3"})
    with app.test_request_context():
        [change] = by_section(diff_content(before, after, None, "ar"))["references"].changes
    assert "document-3" not in change.after and "ملف مرفق" in change.after


@pytest.fixture
def shaair_draft(client, factory):
    tenant = factory.seed_tenant("shaair")
    admin = factory.member(tenant, "admin")
    factory.commit()
    sign_in(client, admin, second_factor=True)
    overview = get(client, "/shaair/admin/policy").get_data(as_text=True)
    started = post(client, "/shaair/admin/policy/drafts", form_fields(overview, "/shaair/admin/policy/drafts"))
    return started.headers["Location"]


def test_the_channel_editor_names_channels_by_their_labels(client, shaair_draft):
    page = get(client, f"{shaair_draft}/channels?lang=ar").get_data(as_text=True)
    rows = page[page.index("policy-row"):]
    assert 'dir="ltr">interview<' not in rows and ">interview<" not in rows
    assert "المقابلة" in rows
