"""The platform's e-mail relay is referred to, never copied; a stored password never follows a changed server.

An association onboarded with the platform's relay must not be able to read its
password or send it to a server of the admin's choosing: the row names the relay
and the relay's settings come from the platform's configuration at send time.
"""

import html

import pytest
from aiosmtpd.smtp import AuthResult
from sqlalchemy import select

from tests.administration.helpers import admin_of, post
from tests.notifications.conftest import configure, no_quiet_hours
from tests.notifications.servers import SmtpServer
from wasl.db import db
from wasl.notifications import Recipient, configuration, notify
from wasl.notifications.delivery import deliver
from wasl.notifications.models import Notification, NotificationAttempt, ProviderConfig
from wasl.notifications.providers import SmtpProvider
from wasl.operator.provider_seed import seed_email_provider
from wasl.tenancy.scope import tenant_scope

RELAY_PASSWORD = "relay-pa55word-of-the-platform"
PASSWORD_LABEL = str(SmtpProvider.fields[-1].label)


def relay_config(port: int, username: str = "wasl-relay", password: str = RELAY_PASSWORD) -> dict:
    return {"provider": "smtp",
            "settings": {"host": "127.0.0.1", "port": port, "security": "none", "username": username,
                         "from_address": "no-reply@wasl.example", "from_name": "Wasl"},
            "secrets": {"password": password}}


def _accept_relay_login(server, session, envelope, mechanism, auth_data):
    good = (auth_data.login, auth_data.password) == (b"wasl-relay", RELAY_PASSWORD.encode())
    return AuthResult(success=good, handled=False, auth_data=auth_data)


@pytest.fixture
def relay_server():
    with SmtpServer(authenticator=_accept_relay_login, auth_require_tls=False) as server:
        yield server


@pytest.fixture
def platform_relay(app, monkeypatch, relay_server):
    relay = relay_config(relay_server.port)
    monkeypatch.setitem(app.config, "WASL_PLATFORM_EMAIL", relay)
    return relay


def _email_row() -> ProviderConfig:
    row = db.session.scalar(select(ProviderConfig).where(ProviderConfig.channel == "email"))
    db.session.refresh(row)
    return row


def _send_one(tenant) -> Notification:
    notification = notify(tenant.id, "case.decided", Recipient(name="نورة", email="noura@example.org"),
                          {"case_number": "1447-7", "outcome": "accepted"}, essential=True)
    db.session.flush()
    deliver(notification.id)
    db.session.refresh(notification)
    return notification


def test_a_seeded_row_refers_to_the_relay_and_holds_none_of_its_secrets(platform_relay, scoped):
    assert seed_email_provider(scoped)
    row = _email_row()
    assert (row.provider, row.settings, row.secrets, row.secrets_encrypted) == ("platform_relay", {}, {}, None)


def test_the_relay_row_delivers_through_the_platforms_server_with_its_login(platform_relay, relay_server, scoped,
                                                                            app, monkeypatch):
    no_quiet_hours()
    seed_email_provider(scoped)
    assert str(_send_one(scoped).status) == "sent"
    [received] = relay_server.messages
    assert received["to"] == ["noura@example.org"] and received["from"] == "no-reply@wasl.example"
    assert (received["auth"].login, received["auth"].password) == (b"wasl-relay", RELAY_PASSWORD.encode())
    # the relay is read when sending: the operator moves it, the association's row follows without a change
    with SmtpServer() as moved:
        monkeypatch.setitem(app.config, "WASL_PLATFORM_EMAIL",
                            {"provider": "smtp", "settings": {"host": "127.0.0.1", "port": moved.port,
                                                              "security": "none",
                                                              "from_address": "relay@wasl.example"}})
        assert str(_send_one(scoped).status) == "sent"
        assert [m["from"] for m in moved.messages] == ["relay@wasl.example"]
    assert len(relay_server.messages) == 1


def test_the_relay_row_fails_plainly_when_the_platform_has_no_relay(app, monkeypatch, scoped):
    no_quiet_hours()
    configure("email", "platform_relay")
    monkeypatch.setitem(app.config, "WASL_PLATFORM_EMAIL", None)
    monkeypatch.delenv("WASL_PLATFORM_EMAIL", raising=False)
    notification = _send_one(scoped)
    attempt = db.session.scalar(select(NotificationAttempt).where(
        NotificationAttempt.notification_id == notification.id))
    assert str(notification.status) == "dead" and "relay is not configured" in attempt.detail


OWN_SERVER = {"host": "smtp.wefaq.org", "port": 587, "security": "starttls", "from_address": "noreply@wefaq.org",
              "from_name": "جمعية وفاق", "username": "mailer"}
CHANGES = [("host", "mail.elsewhere.example"), ("port", 2525), ("security", "ssl"), ("username", "someone")]


@pytest.fixture
def own_server(app, scoped):
    configure("email", "smtp", dict(OWN_SERVER), {"password": "the-stored-one"})
    with app.test_request_context("/?lang=en"):
        yield


@pytest.mark.parametrize(("name", "value"), CHANGES)
def test_a_changed_destination_does_not_keep_the_stored_password(own_server, name, value):
    with pytest.raises(configuration.ConfigurationError) as refused:
        configuration.save_provider("email", "smtp", dict(OWN_SERVER, **{name: value}), True)
    assert str(refused.value).startswith(f"{PASSWORD_LABEL}:") and "enter it again" in str(refused.value)
    row = _email_row()
    assert row.settings == OWN_SERVER and row.secrets == {"password": "the-stored-one"}


@pytest.mark.parametrize(("name", "value"), [*CHANGES[:3], ("username", "")])
def test_a_changed_destination_drops_the_stored_password(app, scoped, name, value):
    before = dict(OWN_SERVER, username="" if name != "username" else "mailer")
    configure("email", "smtp", before, {"password": "the-stored-one"})
    with app.test_request_context("/?lang=en"):
        configuration.save_provider("email", "smtp", dict(before, **{name: value}), True)
    row = _email_row()
    assert row.settings[name] == (value or None) and row.secrets == {} and row.secrets_encrypted is None


def test_a_new_password_for_a_new_server_is_stored(own_server):
    configuration.save_provider("email", "smtp", dict(OWN_SERVER, host="mail.elsewhere.example",
                                                      password="a-new-one"), True)
    assert _email_row().secrets == {"password": "a-new-one"}


def test_other_settings_keep_the_stored_password(own_server):
    configuration.save_provider("email", "smtp", dict(OWN_SERVER, from_name="Wefaq", port="587"), True)
    row = _email_row()
    assert row.settings["from_name"] == "Wefaq" and row.secrets == {"password": "the-stored-one"}


@pytest.fixture
def relay_admin(client, factory, tenant, platform_relay):
    admin = admin_of(client, factory, tenant)
    with tenant_scope(db.session, tenant.id):
        seed_email_provider(tenant)
    factory.commit()
    return admin


def test_an_admin_sees_the_relay_but_never_its_server_or_password(client, tenant, relay_admin, relay_server):
    base = f"/{tenant.slug}/admin/notifications/providers"
    for url in (base, f"{base}/email", f"{base}/email?provider=smtp", f"{base}/email?provider=platform_relay"):
        page = client.get(url)
        text = page.get_data(as_text=True)
        assert page.status_code == 200, url
        assert RELAY_PASSWORD not in text and "wasl-relay" not in text and str(relay_server.port) not in text, url
    assert 'data-platform-relay="yes"' in client.get(base).get_data(as_text=True)
    assert 'data-platform-relay="yes"' in client.get(f"{base}/email").get_data(as_text=True)


def test_an_admin_switches_to_their_own_server_with_their_own_password(client, tenant, relay_admin):
    url = f"/{tenant.slug}/admin/notifications/providers/email"
    own = {"provider": "smtp", "host": "smtp.wefaq.org", "port": "587", "security": "starttls",
           "from_address": "noreply@wefaq.org", "username": "mailer", "enabled": "y"}
    refused = post(client, url, own, form_page=url + "?provider=smtp")
    assert refused.status_code == 422 and f"{PASSWORD_LABEL}: this field is required." in html.unescape(
        refused.get_data(as_text=True))
    assert post(client, url, dict(own, password="wefaq-own"), form_page=url + "?provider=smtp").status_code == 302
    with tenant_scope(db.session, tenant.id):
        row = _email_row()
        assert (row.provider, row.settings["host"], row.secrets) == ("smtp", "smtp.wefaq.org",
                                                                     {"password": "wefaq-own"})
    back = post(client, url, {"provider": "platform_relay", "enabled": "y"}, form_page=url + "?provider=platform_relay")
    assert back.status_code == 302
    with tenant_scope(db.session, tenant.id):
        row = _email_row()
        assert (row.provider, row.settings, row.secrets_encrypted) == ("platform_relay", {}, None)


def test_the_form_says_to_enter_the_password_again_after_a_server_change(client, factory, tenant):
    admin_of(client, factory, tenant)
    with tenant_scope(db.session, tenant.id):
        configure("email", "smtp", dict(OWN_SERVER), {"password": "the-stored-one"})
    factory.commit()
    url = f"/{tenant.slug}/admin/notifications/providers/email"
    form = client.get(url).get_data(as_text=True)
    assert "unless you change the server, port, security or user name" in html.unescape(form)
    response = post(client, url, dict(OWN_SERVER, provider="smtp", host="mail.elsewhere.example", enabled="y"))
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 422 and f"{PASSWORD_LABEL}: the server settings changed, so enter it again" in page
    with tenant_scope(db.session, tenant.id):
        row = _email_row()
        assert row.settings["host"] == "smtp.wefaq.org" and row.secrets == {"password": "the-stored-one"}
