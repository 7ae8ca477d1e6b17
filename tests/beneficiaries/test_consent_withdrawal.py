"""Withdrawing a consent: kept on record with who and when; the one to notifications stops every
non-essential message at once — those waiting in the outbox and any asked for afterwards."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.beneficiaries.conftest import person
from tests.support.web import bearer, csrf_token, sign_in
from wasl.audit.models import AuditEvent
from wasl.beneficiaries.models import Beneficiary, Consent
from wasl.beneficiaries.services import record_consent, register_beneficiary
from wasl.db import db
from wasl.notifications import notify
from wasl.notifications.models import Channel, Notification, NotificationStatus, ProviderConfig
from wasl.notifications.recipients import from_beneficiary
from wasl.notifications.withdrawal import CONSENT_WITHDRAWN
from wasl.tenancy.scope import tenant_scope


@pytest.fixture
def registered(factory, tenant, officer):
    """A person with consents to notifications and to processing, and two messages waiting for them."""
    with tenant_scope(db.session, tenant.id):
        db.session.add(ProviderConfig(channel=Channel.SMS, provider="console", settings={}))  # so they wait
        someone = register_beneficiary(person(), officer)
        messages = record_consent(someone, {"purpose": "notifications", "channel": "in_person"}, officer)
        processing = record_consent(someone, {"purpose": "data_processing", "channel": "paper_form"}, officer)
        recipient = from_beneficiary(someone, tenant)
        waiting = {essential: notify(tenant.id, "case.received", recipient, {"case_number": "1447-00009"},
                                     essential=essential, dedupe_key=f"withdrawal-{essential}")
                   for essential in (False, True)}
        db.session.flush()
        waiting = {essential: row.id for essential, row in waiting.items()}
        ids = {"person": someone.id, "messages": messages.id, "processing": processing.id, **{
            "essential": waiting[True], "optional": waiting[False]}}
    factory.commit()
    return ids


def _status(tenant, notification_id: int) -> tuple[str, str | None]:
    with tenant_scope(db.session, tenant.id):
        row = db.session.get(Notification, notification_id)
        db.session.refresh(row)
        return row.status, row.last_error


def test_withdrawing_the_consent_to_notifications_stops_what_is_not_essential(client, tenant, officer,
                                                                              registered, factory):
    sign_in(client, officer)
    page = f"/{tenant.slug}/beneficiaries/{registered['person']}"
    html = client.get(page).get_data(as_text=True)
    action = f"{page}/consents/{registered['messages']}/withdraw"
    assert f'action="{action}"' in html and "سارية" in html
    token = csrf_token(client, page)
    done = client.post(action, data={"csrf_token": token})
    assert done.status_code == 302
    assert _status(tenant, registered["optional"]) == (NotificationStatus.DEAD, CONSENT_WITHDRAWN)
    assert _status(tenant, registered["essential"])[0] == NotificationStatus.PENDING
    with tenant_scope(db.session, tenant.id):
        someone = db.session.get(Beneficiary, registered["person"])
        assert someone.opted_out_non_essential
        consent = db.session.get(Consent, registered["messages"])
        assert consent.withdrawn_at is not None and consent.withdrawn_by_id == officer.id
        later = notify(tenant.id, "case.received", from_beneficiary(someone, tenant), {"case_number": "1447-10"},
                       essential=False)
        assert later is None  # asked for afterwards: never written
        audit = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "beneficiary.consent_withdrawn"))
        assert audit.details["purpose"] == "notifications" and audit.actor_user_id == officer.id
    page_after = client.get(page).get_data(as_text=True)
    assert "سُحبت في" in page_after and f'action="{action}"' not in page_after


def test_the_api_withdraws_once_and_another_persons_consent_is_not_found(client, tenant, officer, registered,
                                                                         factory):
    token = bearer(factory.token(officer))
    factory.commit()
    base = f"/api/v1/{tenant.slug}/beneficiaries/{registered['person']}/consents"
    first = client.post(f"{base}/{registered['processing']}/withdrawal", headers=token)
    assert first.status_code == 200 and first.get_json()["withdrawn_at"]
    again = client.post(f"{base}/{registered['processing']}/withdrawal", headers=token)
    assert again.status_code == 200 and again.get_json()["withdrawn_at"] == first.get_json()["withdrawn_at"]
    assert _status(tenant, registered["optional"])[0] == NotificationStatus.PENDING  # not the messages consent
    with tenant_scope(db.session, tenant.id):
        other = register_beneficiary(person(national_id="1123456780", mobile="0551234567"), officer).id
    factory.commit()
    elsewhere = client.post(f"/api/v1/{tenant.slug}/beneficiaries/{other}/consents/{registered['messages']}"
                            "/withdrawal", headers=token)
    assert elsewhere.status_code == 404 and elsewhere.mimetype == "application/problem+json"
    with tenant_scope(db.session, tenant.id):
        assert db.session.get(Consent, registered["messages"]).withdrawn_at is None
