"""Consent at intake: where the association's policy requires it (Hope), registering without it is refused."""

from __future__ import annotations

import re

import pytest

from tests.beneficiaries.conftest import CITIZEN_ID, person
from tests.support.web import bearer, csrf_token, sign_in
from wasl import PROJECT_ROOT
from wasl.beneficiaries.consent_policy import consent_required
from wasl.beneficiaries.models import Beneficiary, Consent
from wasl.cases.models import Case
from wasl.db import db
from wasl.onboarding.definitions import read_yaml
from wasl.policy.content import validate_content
from wasl.tenancy.scope import tenant_scope

CONSENT = {"purpose": "data_processing", "channel": "in_person"}


@pytest.fixture
def hope(factory):
    return factory.seed_tenant("hope")


@pytest.fixture
def hope_officer(factory, hope):
    officer = factory.member(hope, "relations_officer")
    factory.commit()
    return officer


def count(tenant, model) -> int:
    with tenant_scope(db.session, tenant.id):
        return db.session.query(model).count()


def api_post(client, factory, officer, url: str, body: dict):
    headers = bearer(factory.token(officer))
    factory.commit()
    return client.post(url, json=body, headers=headers)


def test_the_seed_policies_say_who_requires_consent(factory, hope):
    wefaq = factory.seed_tenant("wefaq")
    with tenant_scope(db.session, hope.id):
        assert consent_required(hope.id) is True
    with tenant_scope(db.session, wefaq.id):
        assert consent_required(wefaq.id) is False  # no intake section: recorded when given, not required
    content = read_yaml(PROJECT_ROOT / "tenants" / "wefaq" / "policy.yaml")
    assert "intake" not in content and "intake" not in validate_content(content)
    with pytest.raises(Exception) as typo:
        validate_content({**content, "intake": {"consent_requried": True}})
    assert "consent_requried" in str(typo.value)


def test_the_api_refuses_a_registration_without_consent_and_records_it_when_given(client, factory, hope,
                                                                                    hope_officer):
    url = f"/api/v1/{hope.slug}/beneficiaries?lang=en"
    refused = api_post(client, factory, hope_officer, url, person())
    assert refused.status_code == 422
    problem = refused.get_json()
    message = " ".join(problem["errors"]["consents"])
    assert "Consents" in message and "policy requires" in message
    assert count(hope, Beneficiary) == 0

    arabic = api_post(client, factory, hope_officer, f"/api/v1/{hope.slug}/beneficiaries?lang=ar", person())
    assert arabic.status_code == 422 and "سياسة الجمعية" in " ".join(arabic.get_json()["errors"]["consents"])

    created = api_post(client, factory, hope_officer, url, person(consents=[CONSENT]))
    assert created.status_code == 201
    assert [c["purpose"] for c in created.get_json()["consents"]] == ["data_processing"]
    assert count(hope, Consent) == 1


def test_another_purpose_alone_does_not_satisfy_the_policy(client, factory, hope, hope_officer):
    url = f"/api/v1/{hope.slug}/beneficiaries?lang=en"
    body = person(consents=[{"purpose": "notifications", "channel": "sms"}])
    assert api_post(client, factory, hope_officer, url, body).status_code == 422


def test_an_association_whose_policy_does_not_require_it_registers_without(client, factory):
    wefaq = factory.seed_tenant("wefaq")
    officer = factory.member(wefaq, "relations_officer")
    created = api_post(client, factory, officer, f"/api/v1/{wefaq.slug}/beneficiaries", person())
    assert created.status_code == 201 and created.get_json()["consents"] == []


def test_opening_a_case_for_a_new_beneficiary_through_the_api_needs_the_consent(client, factory, hope,
                                                                                 hope_officer):
    url = f"/api/v1/{hope.slug}/cases?lang=en"
    body = {"service": "support_request", "channel": "phone", "beneficiary": person()}
    refused = api_post(client, factory, hope_officer, url, body)
    assert refused.status_code == 422
    assert "policy requires" in str(refused.get_json()["errors"]["beneficiary"]["consents"])
    assert count(hope, Case) == 0 and count(hope, Beneficiary) == 0
    opened = api_post(client, factory, hope_officer, url, {**body, "beneficiary": person(consents=[CONSENT])})
    assert opened.status_code == 201 and count(hope, Consent) == 1


def page_post(client, url: str, data: dict):
    token = csrf_token(client, url)
    return client.post(url + "?lang=en", data={**data, "csrf_token": token})


def test_the_registration_page_says_it_is_required_and_refuses_beside_the_box(client, hope, hope_officer):
    sign_in(client, hope_officer)
    url = f"/{hope.slug}/beneficiaries/new"
    looked_up = page_post(client, url, {"lookup": CITIZEN_ID}).get_data(as_text=True)
    assert 'id="consent-required"' in looked_up
    data = {**person(), "stage": "register", "consent_channel": "in_person", "preferred_language": "ar",
            "preferred_channel": "sms"}
    refused = page_post(client, url, data)
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert 'id="consent_given"' in html and "policy requires" in html
    box = html[html.index('id="consent_given"') - 200:html.index('id="consent_given"') + 900]
    assert "is-invalid" in box and "policy requires" in box
    assert count(hope, Beneficiary) == 0
    done = page_post(client, url, {**data, "consent_given": "y"})
    assert done.status_code == 302 and count(hope, Consent) == 1


def test_the_case_intake_page_refuses_a_new_beneficiary_without_consent(client, hope, hope_officer):
    sign_in(client, hope_officer)
    url = f"/{hope.slug}/cases/new"
    looked_up = page_post(client, url, {"lookup": CITIZEN_ID, "stage": "lookup"}).get_data(as_text=True)
    assert 'id="consent-required"' in looked_up
    fields = {**person(), "consent_channel": "in_person", "preferred_language": "ar", "preferred_channel": "sms"}
    data = {"stage": "register", "service": "support_request", "channel": "phone",
            **{f"b-{key}": value for key, value in fields.items()}}
    refused = page_post(client, url, data)
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "policy requires" in html
    assert re.findall(r'invalid-feedback[^>]*>([^<]+)', html) == [next(iter(re.findall(
        r'invalid-feedback[^>]*>([^<]*policy requires[^<]+)', html)))]  # the consent, and nothing else
    assert count(hope, Case) == 0
    opened = page_post(client, url, {**data, "b-consent_given": "y"})
    assert opened.status_code == 302, re.findall(r'invalid-feedback[^>]*>([^<]+)', opened.get_data(as_text=True))
    assert count(hope, Case) == 1 and count(hope, Consent) == 1
