"""The delivery log, a notification's attempts, resend, and the admin's templates, providers and rules pages."""

import html
import re

import pytest
from flask import g
from flask_babel import force_locale
from sqlalchemy import select

from tests.notifications.conftest import MOBILE, configure, no_quiet_hours
from tests.support.web import csrf_token, post_form, sign_in
from wasl.db import db
from wasl.notifications import Recipient, configuration, notify
from wasl.notifications.delivery import deliver
from wasl.notifications.models import Notification, NotificationTemplate, ProviderConfig
from wasl.tenancy.scope import tenant_scope

LOG = "/{slug}/admin/notifications"


@pytest.fixture
def world(factory, client):
    tenant = factory.tenant()
    admin = factory.member(tenant, "admin")
    supervisor = factory.member(tenant, "supervisor")
    viewer = factory.member(tenant, "viewer")
    with tenant_scope(db.session, tenant.id):
        configure("sms", "console")
        no_quiet_hours()
        sent = notify(tenant.id, "case.received", Recipient(name="نورة", mobile=MOBILE), {"case_number": "1447-1"},
                      essential=False)
        dead = notify(tenant.id, "case.decided", Recipient(name="خالد", email="khalid@example.org"),
                      {"case_number": "1447-2", "outcome": "accepted"}, essential=True)
        db.session.flush()
        ids = {"sent": sent.id, "dead": dead.id}
        deliver(ids["sent"])
    factory.commit()
    return {"tenant": tenant, "admin": admin, "supervisor": supervisor, "viewer": viewer,
            "log": LOG.format(slug=tenant.slug), **ids}


def test_the_log_lists_notifications_with_masked_addresses(client, world):
    sign_in(client, world["supervisor"], second_factor=True)
    page = client.get(world["log"]).get_data(as_text=True)
    assert page.count('class="notification-row"') == 2
    assert "+9665•••••567" in page and "k•••••@example.org" in page
    assert MOBILE not in page and "khalid@example.org" not in page


def test_the_log_filters_by_status_event_and_channel(client, world):
    sign_in(client, world["admin"], second_factor=True)
    assert client.get(world["log"] + "?status=dead").get_data(as_text=True).count('class="notification-row"') == 1
    assert client.get(world["log"] + "?event=case.received&channel=sms").get_data(as_text=True) \
        .count('class="notification-row"') == 1
    assert client.get(world["log"] + "?channel=whatsapp").get_data(as_text=True) \
        .count('class="notification-row"') == 0
    assert client.get(world["log"] + "?status=nonsense").status_code == 200  # unknown values are ignored


def test_a_notification_shows_its_attempts(client, world):
    sign_in(client, world["supervisor"], second_factor=True)
    page = client.get(f"{world['log']}/{world['sent']}").get_data(as_text=True)
    assert page.count('class="attempt-row"') == 1 and "console" in page and "1447-1" in page
    assert "+9665•••••567" in page


def test_a_dead_notification_shows_why_and_a_resend_button_to_admins(client, world):
    sign_in(client, world["admin"], second_factor=True)
    url = f"{world['log']}/{world['dead']}"
    page = client.get(url).get_data(as_text=True)
    assert "no provider is configured for the email channel" in page
    assert f'action="{url}/resend"' in page and "khalid@example.org" in page  # admins see the address
    sign_in(client, world["supervisor"], second_factor=True)
    assert f'action="{url}/resend"' not in client.get(url).get_data(as_text=True)


def test_resend_from_the_page(client, world):
    sign_in(client, world["admin"], second_factor=True)
    url = f"{world['log']}/{world['dead']}"
    with tenant_scope(db.session, world["tenant"].id):
        configure("email", "console")
    db.session.commit()
    response = post_form(client, f"{url}/resend", token_from=url)
    assert response.status_code == 302
    with tenant_scope(db.session, world["tenant"].id):
        row = db.session.get(Notification, world["dead"])
        assert (row.status, row.attempts) == ("pending", 0)
        assert deliver(row.id) == "sent"


def test_only_managers_resend_and_viewers_do_not_see_the_log(client, world):
    sign_in(client, world["supervisor"], second_factor=True)
    url = f"{world['log']}/{world['dead']}"
    assert post_form(client, f"{url}/resend", token_from=url).status_code == 403
    sign_in(client, world["viewer"], second_factor=True)
    assert client.get(world["log"]).status_code == 403


def template_url(world, key="case.received.sms.ar", lang="en"):
    return f"{world['log']}/templates/{key}?lang={lang}"


def test_templates_index_and_editor_show_the_standard_wording_and_a_preview(client, world):
    sign_in(client, world["admin"], second_factor=True)
    index = client.get(f"{world['log']}/templates").get_data(as_text=True)
    assert index.count("/templates/case.received.") == 6
    page = client.get(template_url(world)).get_data(as_text=True)
    assert "استلمنا طلبكم رقم" in page and "1447-00012" in page and "{{ case_number }}" in page
    assert "SMS part(s)" in page or "UCS-2" in page


def save(client, world, body, key="case.received.sms.ar", **fields):
    url = template_url(world, key)
    return post_form(client, url, {"body": body, "action": "save", **fields}, token_from=url)


def test_an_admin_saves_their_own_wording_and_it_is_used(client, world):
    sign_in(client, world["admin"], second_factor=True)
    response = save(client, world, "{{ association }}: وصلنا طلبك {{ case_number }} يا {{ recipient_name }}")
    assert response.status_code == 302
    tenant = world["tenant"]
    with tenant_scope(db.session, tenant.id):
        assert db.session.scalar(select(NotificationTemplate)).body.startswith("{{ association }}")
        row = notify(tenant.id, "case.received", Recipient(name="سارة", mobile=MOBILE), {"case_number": "77"},
                     essential=False)
        assert row.body == f"{tenant.name_ar}: وصلنا طلبك 77 يا سارة"


def test_a_template_reaching_outside_is_refused_with_a_clear_message(client, world, app):
    sign_in(client, world["admin"], second_factor=True)
    source = "{{ ''.__class__.__mro__[1].__subclasses__() }}"
    response = save(client, world, source)
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 422 and 'class="alert alert-danger template-error"' in page
    with tenant_scope(db.session, world["tenant"].id), app.test_request_context(), force_locale("en"):
        g.tenant = world["tenant"]
        message = configuration.preview("case.received", "sms", "ar", {"body": source}).error
    assert message in page  # the admin reads exactly why, in the page's language
    with tenant_scope(db.session, world["tenant"].id):
        assert db.session.scalar(select(NotificationTemplate)) is None


def test_a_misspelt_variable_is_refused_and_named(client, world):
    sign_in(client, world["admin"], second_factor=True)
    response = save(client, world, "رقم {{ case_numbr }}")
    assert response.status_code == 422 and "case_numbr" in response.get_data(as_text=True)


def test_preview_does_not_save(client, world):
    sign_in(client, world["admin"], second_factor=True)
    url = template_url(world)
    response = post_form(client, url, {"body": "طلب {{ case_number }}", "action": "preview"}, token_from=url)
    assert response.status_code == 200 and "طلب 1447-00012" in response.get_data(as_text=True)
    with tenant_scope(db.session, world["tenant"].id):
        assert db.session.scalar(select(NotificationTemplate)) is None


def test_email_and_whatsapp_overrides_need_their_parts(client, world):
    sign_in(client, world["admin"], second_factor=True)
    assert save(client, world, "نص", key="case.received.email.ar").status_code == 422  # no subject
    assert save(client, world, "نص", key="case.received.whatsapp.ar", whatsapp_template="Bad Name!").status_code == 422
    ok = save(client, world, "استلمنا {{ case_number }}", key="case.received.whatsapp.ar",
              whatsapp_template="wefaq_received", whatsapp_params="{{ case_number }}\n{{ association }}")
    assert ok.status_code == 302


def test_reset_goes_back_to_the_standard_wording(client, world):
    sign_in(client, world["admin"], second_factor=True)
    save(client, world, "نص {{ case_number }}")
    url = f"{world['log']}/templates/case.received.sms.ar"
    assert post_form(client, url + "/reset", token_from=url).status_code == 302
    with tenant_scope(db.session, world["tenant"].id):
        assert db.session.scalar(select(NotificationTemplate)) is None


def test_unknown_template_keys_are_404(client, world):
    sign_in(client, world["admin"], second_factor=True)
    assert client.get(template_url(world, "case.nothing.sms.ar")).status_code == 404
    assert client.get(template_url(world, "case.received.fax.ar")).status_code == 404


def test_configure_a_provider_keeps_the_secret_encrypted_and_unshown(client, world):
    sign_in(client, world["admin"], second_factor=True)
    url = f"{world['log']}/providers/sms?lang=en"
    form = client.get(url + "&provider=taqnyat").get_data(as_text=True)
    assert 'name="bearer_token"' in form
    response = post_form(client, url, {"provider": "taqnyat", "sender": "WEFAQ", "bearer_token": "tq-123",
                                       "enabled": "y"}, token_from=url + "&provider=taqnyat")
    assert response.status_code == 302
    with tenant_scope(db.session, world["tenant"].id):
        row = db.session.scalar(select(ProviderConfig).where(ProviderConfig.channel == "sms"))
        assert (row.provider, row.settings, row.secrets) == ("taqnyat", {"sender": "WEFAQ"}, {"bearer_token": "tq-123"})
        assert "tq-123" not in row.secrets_encrypted
    again = client.get(url).get_data(as_text=True)
    assert "tq-123" not in again and 'data-secret-stored="yes"' in again
    # saving again without the secret keeps it
    post_form(client, url, {"provider": "taqnyat", "sender": "WEFAQ2", "enabled": "y"}, token_from=url)
    with tenant_scope(db.session, world["tenant"].id):
        row = db.session.scalar(select(ProviderConfig).where(ProviderConfig.channel == "sms"))
        db.session.refresh(row)
        assert row.settings == {"sender": "WEFAQ2"} and row.secrets == {"bearer_token": "tq-123"}


def test_a_required_setting_is_named_when_missing(client, world):
    sign_in(client, world["admin"], second_factor=True)
    url = f"{world['log']}/providers/email?lang=en"
    response = post_form(client, url, {"provider": "smtp", "port": "587", "security": "starttls",
                                       "from_address": "a@b.org"}, token_from=url + "&provider=smtp")
    from wasl.notifications.providers import SmtpProvider

    page = html.unescape(response.get_data(as_text=True))
    with force_locale("en"):
        label = str(SmtpProvider.fields[0].label)
    assert response.status_code == 422 and "alert-danger" in page and label in page


def test_delivery_rules_are_saved(client, world):
    sign_in(client, world["admin"], second_factor=True)
    url = f"{world['log']}/settings?lang=en"
    assert "quiet_start" in client.get(url).get_data(as_text=True)
    response = post_form(client, url, {"quiet_hours_enabled": "y", "quiet_start": "21:30", "quiet_end": "08:00",
                                       "first": "email", "second": "sms", "third": "whatsapp"}, token_from=url)
    assert response.status_code == 302
    bad = post_form(client, url, {"quiet_start": "21:30", "quiet_end": "08:00", "first": "sms", "second": "sms",
                                  "third": "email"}, token_from=url)
    assert bad.status_code == 422 and "alert-danger" in bad.get_data(as_text=True)
    from wasl.notifications.models import NotificationSettings

    with tenant_scope(db.session, world["tenant"].id):
        row = db.session.scalar(select(NotificationSettings))
        assert (row.quiet_start.isoformat(), row.fallback_order) == ("21:30:00", ["email", "sms", "whatsapp"])


def test_pages_are_in_arabic_by_default_and_linked_from_the_navigation(client, world):
    sign_in(client, world["admin"], second_factor=True)
    page = client.get(world["log"]).get_data(as_text=True)
    assert re.search(r'<html lang="ar" dir="rtl">', page)
    assert f'href="{world["log"]}"' in client.get(f"/{world['tenant'].slug}/").get_data(as_text=True)
    sign_in(client, world["viewer"], second_factor=True)
    assert f'href="{world["log"]}"' not in client.get(f"/{world['tenant'].slug}/").get_data(as_text=True)
    assert csrf_token(client, world["log"] + "/settings")
