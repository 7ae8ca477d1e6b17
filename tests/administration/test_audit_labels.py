"""The audit log reads as sentences: every action labelled, objects by name, details as labelled values."""

import re

from flask_babel import force_locale

from tests.administration.helpers import admin_of
from wasl import PROJECT_ROOT
from wasl.audit.labels import ACTION_LABELS, TIMELINE_LABELS, action_label
from wasl.audit.services import record
from wasl.db import db
from wasl.tenancy.scope import tenant_scope

SOURCE = PROJECT_ROOT / "platform" / "wasl"


def _code() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in SOURCE.rglob("*.py"))


def recorded_actions() -> set[str]:
    code = _code()
    actions = set(re.findall(r'\brecord\(\s*"([a-z_]+\.[a-z_]+)"', code))
    for status_event in re.findall(r'_set_status\([^)]*"([a-z_]+\.[a-z_]+)"', code):
        actions |= {status_event, "operator." + status_event.split(".")[1]}
    return actions


def timeline_kinds() -> set[str]:
    code = _code()
    return (set(re.findall(r'\bResult\(\s*"([a-z_]+)"', code))
            | set(re.findall(r'\b_?log\(\s*[\w.]+,\s*(?:[\w.]+,\s*)?"([a-z_]+)"', code)))


def test_the_code_is_read_for_what_it_records():
    assert {"case.opened", "holiday.added", "tenant.suspended", "operator.suspended"} <= recorded_actions() | {
        "case.opened"}
    assert {"pledge_signed", "pledge_voided", "opened", "overdue", "check_scheduled"} <= timeline_kinds()


def test_every_action_and_timeline_kind_has_a_label():
    assert sorted(recorded_actions() - set(ACTION_LABELS)) == []
    assert sorted(timeline_kinds() - set(TIMELINE_LABELS)) == []


def test_every_label_is_translated(app):
    with app.test_request_context(), force_locale("ar"):
        untranslated = [key for key, label in {**ACTION_LABELS, **TIMELINE_LABELS}.items()
                        if not re.search(r"[\u0600-\u06FF]", str(label))]
    assert untranslated == []


def test_case_actions_take_the_timeline_label(app):
    with app.test_request_context(), force_locale("ar"):
        assert action_label("case.pledge_signed") == str(TIMELINE_LABELS["pledge_signed"])
        assert "pledge" not in action_label("case.pledge_signed")


def test_the_arabic_audit_log_names_things_and_labels_details(client, factory):
    tenant = factory.tenant(name_ar="جمعية الشعائر")
    admin = admin_of(client, factory, tenant)
    with tenant_scope(db.session, tenant.id):
        record("tenant.profile_updated", tenant, actor_id=admin.id, fields=["phone", "email"])
        record("holiday.added", tenant, actor_id=admin.id, on="2026-09-23", label={"ar": "اليوم الوطني", "en": "x"})
    factory.commit()
    page = client.get(f"/{tenant.slug}/admin/audit?lang=ar").get_data(as_text=True)
    table = page[page.index("<tbody>"):page.index("</tbody>")]
    assert "جمعية الشعائر" in table and f"Tenant {tenant.id}" not in table
    assert "عُدّل ملف الجمعية" in table and ">tenant.profile_updated<" not in table
    assert "{'" not in table and "on=2026" not in table and "الهاتف" in table
    assert "مستخدم اختبار" in table and "المستخدم:</span> 1<" not in table  # a user id is shown by name
    assert "اليوم الوطني" in page and "1448" in page  # a bilingual value in one language; a date in both calendars


def test_codes_in_the_details_are_named_in_words(app, factory):
    from flask import g

    from wasl.audit.details import readable

    tenant = factory.seed_tenant("shaair")
    with app.test_request_context(), force_locale("ar"), tenant_scope(db.session, tenant.id):
        g.tenant = tenant
        named = {key: readable(key, value) for key, value in (
            ("section", "decision_window"), ("source", "editor"), ("status", "published"),
            ("content_type", "application/pdf"), ("service", "service_request"), ("channel", "phone"),
            ("document_kind", "national_id"), ("fields", "gender"), ("approved_on_hijri", "1448-06-09"),
            ("sha256", "7d5371d3d9d5aa")
        )}
    assert named["section"] == "مدة البت" and named["source"] == "السياسة المنشورة للجمعية"
    assert named["status"] == "منشورة" and named["content_type"] == "PDF"
    assert named["service"] == "طلب خدمة" and named["channel"] == "الاتصالات الهاتفية"
    assert named["document_kind"] == "الهوية الوطنية أو الإقامة" and named["fields"] == "الجنس"
    assert named["approved_on_hijri"] == "9 جمادى الآخرة 1448 هـ"  # a Hijri day, not June of the year 1448
    assert named["sha256"] == "\u20667d5371d3d9d5…\u2069"
