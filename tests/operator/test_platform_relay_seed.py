"""Onboarding gives a new association the platform's e-mail relay by reference, never a copy of its password."""

from sqlalchemy import select

from tests.operator.helpers import operator_token, payload
from tests.support.web import bearer
from wasl.db import db
from wasl.notifications.models import ProviderConfig
from wasl.tenancy.models import Tenant
from wasl.tenancy.scope import tenant_scope

RELAY = {"provider": "smtp",
         "settings": {"host": "relay.wasl.example", "port": 587, "security": "starttls", "username": "wasl-relay",
                      "from_address": "no-reply@wasl.example", "from_name": "Wasl"},
         "secrets": {"password": "relay-pa55word-of-the-platform"}}


def test_onboarding_refers_to_the_platform_relay_without_copying_its_secrets(app, client, factory, monkeypatch):
    monkeypatch.setitem(app.config, "WASL_PLATFORM_EMAIL", RELAY)
    _operator, token = operator_token(factory)
    response = client.post("/api/v1/operator/associations", json=payload(), headers=bearer(token))
    assert response.status_code == 201, response.get_json()
    tenant = db.session.scalar(select(Tenant).where(Tenant.slug == "ytam-riyadh"))
    with tenant_scope(db.session, tenant.id):
        [row] = db.session.scalars(select(ProviderConfig))
        assert (str(row.channel), row.provider, row.enabled) == ("email", "platform_relay", True)
        assert row.secrets == {} and row.secrets_encrypted is None
        assert row.settings == {}  # not even the relay's server or user name


def test_without_a_platform_relay_onboarding_configures_no_e_mail(app, client, factory, monkeypatch):
    monkeypatch.setitem(app.config, "WASL_PLATFORM_EMAIL", None)
    monkeypatch.delenv("WASL_PLATFORM_EMAIL", raising=False)
    _operator, token = operator_token(factory)
    assert client.post("/api/v1/operator/associations", json=payload(), headers=bearer(token)).status_code == 201
    tenant = db.session.scalar(select(Tenant).where(Tenant.slug == "ytam-riyadh"))
    with tenant_scope(db.session, tenant.id):
        assert db.session.scalars(select(ProviderConfig)).all() == []
