"""Events and ``notify`` write outbox rows into the caller's transaction, following the rules."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from tests.notifications.conftest import MOBILE, beneficiary, configure, no_quiet_hours
from wasl import events
from wasl.db import db, utcnow
from wasl.kernel.moments import aware
from wasl.notifications import Recipient, notify
from wasl.notifications.models import Notification, NotificationSettings, NotificationStatus

RIYADH = ZoneInfo("Asia/Riyadh")


def rows():
    return db.session.scalars(select(Notification).order_by(Notification.id)).all()


@pytest.fixture
def sms_ready(scoped):
    configure("sms", "console")
    no_quiet_hours()
    return scoped


def test_an_event_writes_one_row_per_recipient_in_the_same_transaction(sms_ready):
    person = beneficiary(0)
    events.emit("case.received", tenant_id=sms_ready.id, beneficiary_id=person.id, case_id=41,
                case_number="1447-00041")
    [row] = rows()
    assert (row.event, row.channel, row.status, row.locale) == ("case.received", "sms", "pending", "ar")
    assert row.recipient_address == person.mobile == "+966501234560"
    assert row.recipient_address_encrypted != person.mobile  # stored encrypted
    assert "1447-00041" in row.body and sms_ready.name_ar in row.body
    assert (row.object_type, row.object_id, row.recipient_kind, row.recipient_ref_id) == \
        ("Case", "41", "beneficiary", person.id)
    assert row.segments == 1 and len(row.idempotency_key) == 32


def test_a_rolled_back_change_leaves_no_notification(sms_ready, db_session):
    person = beneficiary(0)
    db_session.commit()
    events.emit("case.received", tenant_id=sms_ready.id, beneficiary_id=person.id, case_number="1")
    db_session.flush()
    db_session.rollback()
    assert rows() == []


def test_english_speakers_get_english(sms_ready):
    person = beneficiary(0, preferred_language="en")
    events.emit("case.registered", tenant_id=sms_ready.id, beneficiary_id=person.id, case_number="9")
    [row] = rows()
    assert row.locale == "en" and row.body.startswith(sms_ready.name_en)


def test_preferred_channel_falls_back_when_not_configured(sms_ready):
    person = beneficiary(0, preferred_channel="whatsapp")
    events.emit("case.registered", tenant_id=sms_ready.id, beneficiary_id=person.id, case_number="9")
    assert rows()[0].channel == "sms"


def test_preferred_channel_used_when_configured(sms_ready):
    configure("whatsapp", "console")
    person = beneficiary(0, preferred_channel="whatsapp")
    events.emit("case.submitted", tenant_id=sms_ready.id, beneficiary_id=person.id, case_number="9",
                decision_due_on="2026-03-15")
    [row] = rows()
    assert (row.channel, row.template_name) == ("whatsapp", "wasl_case_submitted")
    assert row.template_params[2] == "26 رمضان 1447 هـ"


def test_opted_out_people_get_only_essential_messages(sms_ready):
    person = beneficiary(0, opted_out_non_essential=True)
    events.emit("case.received", tenant_id=sms_ready.id, beneficiary_id=person.id, case_number="1")
    assert rows() == []
    events.emit("case.decided", tenant_id=sms_ready.id, beneficiary_id=person.id, case_number="1",
                outcome="accepted")
    [row] = rows()
    assert row.event == "case.decided" and row.essential and "قُبل" in row.body


def test_without_any_provider_the_row_is_dead_and_says_why(scoped):
    person = beneficiary(0)
    events.emit("case.received", tenant_id=scoped.id, beneficiary_id=person.id, case_number="1")
    [row] = rows()
    assert row.status == "dead" and "no provider is configured for the sms channel" in row.last_error


def test_quiet_hours_hold_a_non_urgent_sms(scoped):
    configure("sms", "console")
    now = utcnow().astimezone(RIYADH)
    start, end = (now - timedelta(hours=1)).time().replace(microsecond=0), (now + timedelta(hours=1)).time()
    end = end.replace(second=0, microsecond=0)
    db.session.add(NotificationSettings(quiet_hours_enabled=True, quiet_start=start, quiet_end=end,
                                        fallback_order=["sms", "whatsapp", "email"]))
    person = beneficiary(0)
    events.emit("case.received", tenant_id=scoped.id, beneficiary_id=person.id, case_number="1")
    events.emit("auth.one_time_code", tenant_id=scoped.id, mobile=MOBILE, code="123456", expires_in_minutes=10)
    received, code = rows()
    held_until = aware(received.next_attempt_at).astimezone(RIYADH)
    assert (held_until.hour, held_until.minute) == (end.hour, end.minute)
    assert held_until > now
    assert aware(code.next_attempt_at) <= utcnow()  # a sign-in code is urgent
    assert code.sensitive and code.urgent and "123456" in code.body


def test_policy_published_reaches_those_who_consented_to_notifications_but_the_opted_out(sms_ready):
    from wasl.beneficiaries.consents import withdraw_consent
    from wasl.beneficiaries.services import record_consent

    consented = [beneficiary(0), beneficiary(1, preferred_language="en"), beneficiary(2, opted_out_non_essential=True)]
    withdrawn = beneficiary(3)
    for person in [*consented, withdrawn]:
        given = record_consent(person, {"purpose": "notifications", "channel": "in_person"}, None)
    withdraw_consent(withdrawn, given, None)
    beneficiary(0, national_id="1098765439", mobile="0509876543")  # never consented
    events.emit("policy.published", tenant_id=sms_ready.id, policy_version_id=7, number=2)
    found = rows()
    assert [r.locale for r in found] == ["ar", "en"]
    assert all(r.event == "policy.published" and r.object_id == "7" for r in found)
    assert "(الإصدار 2)" in found[0].body


def test_staff_reminders_go_by_email_to_those_who_decide_and_the_assignee(scoped, factory):
    configure("email", "console")
    decider = factory.member(scoped, "committee_member")
    officer = factory.member(scoped, "relations_officer")
    factory.member(scoped, "viewer")
    events.emit("case.decision_due_soon", tenant_id=scoped.id, case_id=5, case_number="1447-5",
                decision_due_on="2026-03-15", assignee_id=officer.id)
    found = rows()
    assert {r.recipient_address for r in found} == {decider.email, officer.email}
    assert all((r.channel, r.recipient_kind) == ("email", "staff") for r in found)
    assert "1447-5" in found[0].subject and "26 رمضان 1447 هـ" in found[0].body
    assert f"/{scoped.slug}/cases/5" in found[0].body  # a link to the case page


def test_staff_invitation_is_an_email_with_its_link(scoped):
    configure("email", "console")
    events.emit("staff.invited", tenant_id=scoped.id, email="new@example.org", name="Sara", locale="en",
                invitation_url="https://wasl.example/invitations/t0k3n", inviter_name="Noura",
                role_name={"ar": "مطّلع", "en": "Viewer"}, invitation_id=3)
    [row] = rows()
    assert row.recipient_address == "new@example.org" and row.locale == "en"
    assert "https://wasl.example/invitations/t0k3n" in row.body and '"Viewer"' in row.body


def test_direct_notify_and_dedupe_key(sms_ready):
    person = Recipient(name="خالد", mobile=MOBILE, kind="beneficiary", ref_id=99)
    first = notify(sms_ready.id, "case.pledge_requested", person, {"case_number": "3"}, essential=True,
                   dedupe_key="pledge:3")
    second = notify(sms_ready.id, "case.pledge_requested", person, {"case_number": "3"}, essential=True,
                    dedupe_key="pledge:3")
    db.session.flush()
    assert first is second and len(rows()) == 1


def test_notify_outside_any_scope_writes_into_the_right_association(app, factory, db_session):
    tenant = factory.tenant()
    row = notify(tenant.id, "case.received", Recipient(mobile=MOBILE), {"case_number": "1"}, essential=False)
    db.session.flush()
    assert row.tenant_id == tenant.id


def test_a_long_arabic_sms_counts_its_parts(sms_ready):
    person = Recipient(mobile=MOBILE)
    row = notify(sms_ready.id, "case.documents_missing", person,
                 {"case_number": "1", "missing_documents": ["صورة الهوية الوطنية سارية المفعول"] * 4}, essential=True)
    assert row.segments >= 3


def test_unknown_event_is_a_programming_error(sms_ready):
    with pytest.raises(KeyError):
        notify(sms_ready.id, "case.nonsense", Recipient(mobile=MOBILE), {}, essential=False)


def test_rows_start_pending_with_all_attempts_ahead(sms_ready):
    row = notify(sms_ready.id, "case.received", Recipient(mobile=MOBILE), {"case_number": "1"}, essential=False)
    assert row.status == NotificationStatus.PENDING and (row.attempts, row.max_attempts) == (0, 6)
