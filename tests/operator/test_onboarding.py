import base64
import hashlib
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.operator.helpers import SVG_LOGO, operator_token, payload
from tests.support.web import bearer
from wasl import PROJECT_ROOT
from wasl.accounts.models import Role
from wasl.administration.models import StaffInvitation
from wasl.audit.models import PlatformAuditEvent
from wasl.db import db
from wasl.documents.storage import tenant_folder
from wasl.operator import policy_start
from wasl.policy.models import PolicyStatus, PolicyVersion
from wasl.tenancy.models import Tenant
from wasl.tenancy.scope import tenant_scope

API = "/api/v1/operator/associations"
API_EN = API + "?lang=en"  # refusals are read in English, whatever the catalogue says in Arabic


def _tenant(slug):
    return db.session.scalar(select(Tenant).where(Tenant.slug == slug))


def test_onboarding_through_the_api_creates_a_complete_association(client, factory):
    operator, token = operator_token(factory)
    response = client.post(API, json=payload(), headers=bearer(token))
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["association"]["slug"] == "ytam-riyadh" and body["policy_source"] == "standard"
    assert body["invitation"]["email"] == "admin@ytam.example.org"
    tenant = _tenant("ytam-riyadh")
    assert tenant.terminology["beneficiaries"]["ar"] == "الأيتام" and tenant.city_en == "Riyadh"
    with tenant_scope(db.session, tenant.id):
        assert {r.key for r in db.session.scalars(select(Role))} >= {"admin", "relations_officer", "viewer"}
        versions = list(db.session.scalars(select(PolicyVersion)))
        invitation = db.session.scalar(select(StaffInvitation))
    assert [v.status for v in versions] == [PolicyStatus.DRAFT]
    assert invitation.email == "admin@ytam.example.org"
    assert (tenant_folder(tenant.id) / tenant.letterhead["logo"]).read_bytes() == SVG_LOGO
    assert client.get("/ytam-riyadh/letterhead/logo").mimetype == "image/svg+xml"
    recorded = db.session.scalar(select(PlatformAuditEvent).where(
        PlatformAuditEvent.action == "operator.association_onboarded"))
    assert recorded.actor_user_id == operator.id and recorded.details["via"] == "api"


@pytest.mark.parametrize(("slug", "message"), [("operator", "reserved"), ("Bad Slug!", "lowercase")])
def test_reserved_or_malformed_slugs_are_refused(client, factory, slug, message):
    _operator, token = operator_token(factory)
    response = client.post(API_EN, json=payload(slug), headers=bearer(token))
    assert response.status_code == 422
    assert message in " ".join(response.get_json()["errors"]["slug"])
    assert _tenant(slug) is None


def test_a_colliding_slug_is_refused(client, factory):
    factory.seed_tenant("wefaq")
    _operator, token = operator_token(factory)
    response = client.post(API_EN, json=payload("wefaq"), headers=bearer(token))
    assert response.status_code == 422
    assert "already uses" in response.get_json()["errors"]["slug"][0]
    assert db.session.scalar(select(func.count()).select_from(Tenant)) == 1


@pytest.mark.parametrize(("content", "reason"), [
    (b"GIF89a not a png or svg", "not a PNG or SVG"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "scripts"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject/></svg>', "scripts"),
    (b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
     b'<image x:href="https://evil.example/x.png"/></svg>', "external"),
    (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "scripts"),
    (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg"/>', "entities"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "damaged"),
])
def test_a_logo_that_is_not_a_safe_image_is_refused(client, factory, content, reason):
    _operator, token = operator_token(factory)
    response = client.post(API_EN, json=payload(logo=base64.b64encode(content).decode()), headers=bearer(token))
    assert response.status_code == 422
    assert reason in response.get_json()["errors"]["logo"][0]
    assert _tenant("ytam-riyadh") is None


def test_onboarding_is_one_transaction_when_the_policy_step_fails(client, factory, monkeypatch):
    _operator, token = operator_token(factory)

    def broken(tenant, start, actor):
        raise RuntimeError("policy step failed")

    monkeypatch.setattr(policy_start, "apply", broken)
    logo = SVG_LOGO.replace(b"#2a7", b"#a27")
    sent = payload(logo=base64.b64encode(logo).decode())
    assert client.post(API, json=sent, headers=bearer(token)).status_code == 500
    assert _tenant("ytam-riyadh") is None
    with tenant_scope(db.session, all_tenants=True):
        assert db.session.scalar(select(func.count()).select_from(Role)) == 0
        assert db.session.scalar(select(func.count()).select_from(StaffInvitation)) == 0
    uploads = Path(client.application.config["WASL_UPLOAD_DIR"])
    assert not list(uploads.rglob(f"logo-{hashlib.sha256(logo).hexdigest()[:16]}.svg"))


def test_an_invalid_uploaded_policy_is_refused_with_its_field_path(client, factory):
    _operator, token = operator_token(factory)
    text = (PROJECT_ROOT / "tenants" / "_standard" / "policy.yaml").read_text(encoding="utf-8")
    broken = text.replace("type: reception", "type: teleportation", 1)
    response = client.post(API_EN, json=payload(policy={"source": "upload", "yaml": broken}), headers=bearer(token))
    assert response.status_code == 422
    assert "policy.yaml" in response.get_json()["errors"]["policy"][0]
    assert _tenant("ytam-riyadh") is None


def test_an_uploaded_policy_becomes_the_first_version(client, factory):
    _operator, token = operator_token(factory)
    text = (PROJECT_ROOT / "tenants" / "_standard" / "policy.yaml").read_text(encoding="utf-8")
    response = client.post(API, json=payload(policy={"source": "upload", "yaml": text}), headers=bearer(token))
    assert response.status_code == 201, response.get_json()
    with tenant_scope(db.session, _tenant("ytam-riyadh").id):
        assert db.session.scalar(select(func.count()).select_from(PolicyVersion)) == 1


def test_only_operators_may_onboard(client, factory):
    person = factory.user()
    token = factory.token(person)
    factory.commit()
    assert client.post(API, json=payload(), headers=bearer(token)).status_code == 403
    assert client.post(API, json=payload()).status_code == 401
    assert _tenant("ytam-riyadh") is None


def test_onboarding_from_a_folder_on_the_command_line(app, factory, tmp_path):
    folder = tmp_path / "ytam-riyadh"
    folder.mkdir()
    (folder / "tenant.yaml").write_text(
        "slug: ytam-riyadh\nname: {ar: جمعية رعاية الأيتام بالرياض, en: Orphan Care Association in Riyadh}\n"
        "city: {ar: الرياض, en: Riyadh}\n", encoding="utf-8")
    (folder / "logo.svg").write_bytes(SVG_LOGO)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["operator", "onboard", str(folder), "--admin-email", "admin@ytam.example.org"])
    assert result.exit_code == 0, result.output
    assert "created association ytam-riyadh (policy: standard)" in result.output
    assert "/ytam-riyadh/invitation/" in result.output
    again = runner.invoke(args=["operator", "onboard", str(folder), "--admin-email", "admin@ytam.example.org"])
    assert again.exit_code != 0 and "slug:" in again.output


def test_tenants_onboard_with_an_admin_goes_through_the_same_service(app, factory, tmp_path):
    folder = tmp_path / "ytam-jeddah"
    folder.mkdir()
    (folder / "tenant.yaml").write_text(
        "slug: ytam-jeddah\nname: {ar: جمعية الأيتام بجدة, en: Orphans Association in Jeddah}\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(
        args=["tenants", "onboard", str(folder), "--admin-email", "admin@jeddah.example.org"])
    assert result.exit_code == 0, result.output
    assert "created association ytam-jeddah (policy: standard)" in result.output
    with tenant_scope(db.session, _tenant("ytam-jeddah").id):
        assert db.session.scalar(select(StaffInvitation.email)) == "admin@jeddah.example.org"
