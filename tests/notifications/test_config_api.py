"""The notification set-up API: wording and providers, with the pages' rules; secrets are write-only."""

import json

import pytest
from sqlalchemy import select

from tests.notifications.conftest import MOBILE, configure, no_quiet_hours
from tests.support.web import bearer
from wasl.db import db
from wasl.notifications import Recipient, notify
from wasl.notifications.models import NotificationTemplate, ProviderConfig
from wasl.tenancy.scope import tenant_scope

PASSWORD = "s3cret-of-the-association"
SMTP = {"host": "mail.example.org", "port": 587, "security": "starttls", "from_address": "news@example.org",
        "username": "news", "password": PASSWORD}


@pytest.fixture
def world(factory):
    tenant = factory.tenant()
    admin, supervisor = factory.member(tenant, "admin"), factory.member(tenant, "supervisor")
    with tenant_scope(db.session, tenant.id):
        configure("sms", "console")
        no_quiet_hours()
    tokens = {"admin": bearer(factory.token(admin)) | {"Accept-Language": "en"},
              "supervisor": bearer(factory.token(supervisor))}
    factory.commit()
    return {"tenant": tenant, **tokens, "url": f"/api/v1/{tenant.slug}/notifications"}


def _overrides(tenant) -> list:
    with tenant_scope(db.session, tenant.id):
        db.session.expire_all()
        return list(db.session.scalars(select(NotificationTemplate)))


def _provider(tenant, channel: str) -> ProviderConfig | None:
    with tenant_scope(db.session, tenant.id):
        db.session.expire_all()
        return db.session.scalar(select(ProviderConfig).where(ProviderConfig.channel == channel))


@pytest.mark.parametrize("method,path", [
    ("GET", "/templates"), ("GET", "/templates/case.received.sms.ar"), ("PUT", "/templates/case.received.sms.ar"),
    ("DELETE", "/templates/case.received.sms.ar"), ("GET", "/providers"), ("GET", "/providers/email"),
    ("PUT", "/providers/email"),
])
def test_a_member_who_may_not_manage_notifications_gets_403(client, world, method, path):
    response = client.open(world["url"] + path, method=method, headers=world["supervisor"], json={})
    assert response.status_code == 403 and response.mimetype == "application/problem+json"


# --- templates -----------------------------------------------------------------------------------------


def test_templates_are_listed_and_read_with_their_variables_and_preview(client, world):
    rows = client.get(world["url"] + "/templates", headers=world["admin"]).get_json()
    assert {"key": "case.received.sms.ar", "event": "case.received", "channel": "sms", "locale": "ar",
            "overridden": False}.items() <= next(r for r in rows if r["key"] == "case.received.sms.ar").items()
    one = client.get(world["url"] + "/templates/case.received.sms.ar", headers=world["admin"]).get_json()
    assert "case_number" in one["variables"] and one["body"] and not one["overridden"]
    assert "1447-00012" in one["preview"]["body"] and one["preview"]["segments"] >= 1
    assert client.get(world["url"] + "/templates/case.nothing.sms.ar", headers=world["admin"]).status_code == 404
    assert client.get(world["url"] + "/templates/case.received.fax.ar", headers=world["admin"]).status_code == 404


def test_an_admin_saves_their_own_wording_it_is_used_and_reset(client, world):
    url, tenant = world["url"] + "/templates/case.received.sms.ar", world["tenant"]
    saved = client.put(url, headers=world["admin"], json={"body": "وصلنا طلبك {{ case_number }} يا {{ recipient_name }}"})
    assert saved.status_code == 200, saved.get_json()
    assert saved.get_json()["overridden"] and saved.get_json()["preview"]["body"].startswith("وصلنا طلبك 1447-00012")
    with tenant_scope(db.session, tenant.id):
        row = notify(tenant.id, "case.received", Recipient(name="سارة", mobile=MOBILE), {"case_number": "77"},
                     essential=False)
        assert row.body == "وصلنا طلبك 77 يا سارة"
    db.session.rollback()
    reset = client.delete(url, headers=world["admin"])
    assert reset.status_code == 200 and not reset.get_json()["overridden"]
    assert _overrides(tenant) == []


@pytest.mark.parametrize("key,body,field,words", [
    ("case.received.sms.ar", {"body": "{{ ''.__class__.__mro__[1].__subclasses__() }}"}, "body", "outside"),
    ("case.received.sms.ar", {"body": "رقم {{ case_numbr }}"}, "body", "case_numbr"),
    ("case.received.email.ar", {"body": "نص"}, "subject", "Subject"),
    ("case.received.email.ar", {"body": "نص", "subject": "{{ nope }}"}, "subject", "nope"),
    ("case.received.whatsapp.ar", {"body": "نص", "template": "Bad Name!"}, "template", "WhatsApp"),
    ("case.received.whatsapp.ar", {"body": "نص", "template": "ok_name", "params": ["{{ x_y }}"]}, "params", "x_y"),
    ("case.received.sms.ar", {"body": ""}, "body", "Length"),
    ("case.received.sms.ar", {"text": "typo"}, "text", "Unknown"),
])
def test_refused_wording_is_a_422_naming_the_field_and_nothing_is_saved(client, world, key, body, field, words):
    response = client.put(f"{world['url']}/templates/{key}", headers=world["admin"], json=body)
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    errors = response.get_json()["errors"]
    assert field in errors and words.lower() in json.dumps(errors).lower(), errors
    assert _overrides(world["tenant"]) == []


def test_whatsapp_and_email_wording_with_their_parts(client, world):
    whatsapp = client.put(world["url"] + "/templates/case.received.whatsapp.ar", headers=world["admin"], json={
        "body": "استلمنا {{ case_number }}", "template": "wefaq_received", "params": ["{{ case_number }}", " "]})
    assert whatsapp.status_code == 200
    assert (whatsapp.get_json()["template"], whatsapp.get_json()["params"]) == ("wefaq_received", ["{{ case_number }}"])
    email = client.put(world["url"] + "/templates/case.received.email.en", headers=world["admin"], json={
        "subject": "Request {{ case_number }}", "body": "We received it."})
    assert email.status_code == 200 and email.get_json()["preview"]["subject"] == "Request 1447-00012"


# --- providers -----------------------------------------------------------------------------------------


def test_providers_are_listed_with_their_choices(client, world):
    setups = client.get(world["url"] + "/providers", headers=world["admin"]).get_json()
    assert [s["channel"] for s in setups] == ["email", "sms", "whatsapp"]
    sms = next(s for s in setups if s["channel"] == "sms")
    assert sms["provider"] == "console" and sms["enabled"] is True
    email = next(s for s in setups if s["channel"] == "email")
    smtp = next(c for c in email["choices"] if c["key"] == "smtp")
    assert {"name": "password", "secret": True}.items() <= next(f for f in smtp["fields"]
                                                                if f["name"] == "password").items()
    assert client.get(world["url"] + "/providers/fax", headers=world["admin"]).status_code == 404


def test_secrets_are_write_only_encrypted_and_kept_only_for_the_same_server(client, world):
    url, tenant = world["url"] + "/providers/email", world["tenant"]
    saved = client.put(url, headers=world["admin"], json={"provider": "smtp", "settings": SMTP})
    assert saved.status_code == 200, saved.get_json()
    assert PASSWORD not in saved.get_data(as_text=True) and saved.get_json()["secrets_stored"] == ["password"]
    assert "password" not in saved.get_json()["settings"] and saved.get_json()["settings"]["host"] == SMTP["host"]
    row = _provider(tenant, "email")
    assert row.secrets == {"password": PASSWORD} and PASSWORD not in row.secrets_encrypted
    for read in (client.get(url, headers=world["admin"]), client.get(world["url"] + "/providers",
                                                                     headers=world["admin"])):
        assert PASSWORD not in read.get_data(as_text=True)
    same_server = {k: v for k, v in SMTP.items() if k != "password"} | {"from_name": "Wefaq"}
    kept = client.put(url, headers=world["admin"], json={"provider": "smtp", "settings": same_server})
    assert kept.status_code == 200 and _provider(tenant, "email").secrets == {"password": PASSWORD}
    moved = client.put(url, headers=world["admin"], json={"provider": "smtp",
                                                          "settings": same_server | {"host": "evil.example.net"}})
    assert moved.status_code == 422 and "password" in moved.get_json()["errors"]["settings"]
    row = _provider(tenant, "email")
    assert row.settings["host"] == SMTP["host"] and row.secrets == {"password": PASSWORD}
    anonymous = client.put(url, headers=world["admin"], json={"provider": "smtp", "settings": same_server | {
        "host": "other.example.net", "username": None}})
    assert anonymous.status_code == 200 and anonymous.get_json()["secrets_stored"] == []
    assert _provider(tenant, "email").secrets == {}


@pytest.mark.parametrize("body,path", [
    ({"provider": "smtp", "settings": {**SMTP, "port": 70000}}, ("settings", "port")),
    ({"provider": "smtp", "settings": {**SMTP, "security": "maybe"}}, ("settings", "security")),
    ({"provider": "smtp", "settings": {**SMTP, "colour": "blue"}}, ("settings", "colour")),
    ({"provider": "smtp", "settings": {k: v for k, v in SMTP.items() if k != "host"}}, ("settings", "host")),
    ({"provider": "taqnyat", "settings": {}}, ("provider",)),
    ({"provider": "nobody"}, ("provider",)),
    ({"settings": {}}, ("provider",)),
    ({"provider": "smtp", "enabled": "perhaps"}, ("enabled",)),
])
def test_bad_provider_settings_are_a_422_naming_the_field_and_nothing_is_saved(client, world, body, path):
    response = client.put(world["url"] + "/providers/email", headers=world["admin"], json=body)
    assert response.status_code == 422, response.get_json()
    errors = response.get_json()["errors"]
    for key in path:
        assert key in errors, errors
        errors = errors[key]
    assert _provider(world["tenant"], "email") is None


def test_answers_with_real_data_match_the_openapi_document(client, world):
    import schemathesis

    schema = schemathesis.openapi.from_dict(client.get("/api/v1/openapi.json").get_json())
    base, admin = "/api/v1/{slug}/notifications", world["admin"]
    client.put(world["url"] + "/providers/email", headers=admin, json={"provider": "smtp", "settings": SMTP})
    client.put(world["url"] + "/templates/case.received.sms.ar", headers=admin, json={"body": "{{ case_number }}"})
    answers = {
        ("/templates", "GET"): client.get(world["url"] + "/templates", headers=admin),
        ("/templates/{template_key}", "GET"): client.get(world["url"] + "/templates/case.decided.email.en",
                                                         headers=admin),
        ("/templates/{template_key}", "PUT"): client.put(world["url"] + "/templates/case.received.sms.ar",
                                                         headers=admin, json={"body": "{{ nope }}"}),
        ("/templates/{template_key}", "DELETE"): client.delete(world["url"] + "/templates/case.received.sms.ar",
                                                               headers=admin),
        ("/providers", "GET"): client.get(world["url"] + "/providers", headers=admin),
        ("/providers/{channel}", "GET"): client.get(world["url"] + "/providers/email", headers=admin),
        ("/providers/{channel}", "PUT"): client.put(world["url"] + "/providers/sms", headers=admin,
                                                    json={"provider": "console", "enabled": False}),
    }
    for (path, method), response in answers.items():
        assert response.status_code < 500, (path, response.get_json())
        schema[base + path][method].validate_response(response)
