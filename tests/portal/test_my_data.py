"""The person's own data from the portal: JSON, PDF and the API, theirs alone, recorded as their own request."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from tests.cases.support import scope
from tests.portal.support import api_token, sign_in
from wasl.audit.models import AuditEvent
from wasl.beneficiaries.models import Beneficiary
from wasl.db import db
from wasl.portal.scope import BeneficiaryScopeViolation
from wasl.privacy.services import export_own_data


def _names(wefaq, *people) -> list[str]:
    with scope(wefaq.tenant):
        return [db.session.get(Beneficiary, p.beneficiary_id).full_name_ar for p in people]


def test_the_page_the_json_and_the_pdf_hold_only_the_signed_in_persons_data(client, wefaq, noura, salem, gateway):
    (mine,) = _names(wefaq, noura)  # the two people share a name; their ID and mobile tell them apart
    sign_in(client, wefaq.slug, wefaq.tenant.id, gateway, noura.national_id, noura.mobile)
    page = client.get(f"/{wefaq.slug}/portal/my-data")
    assert page.status_code == 200 and 'id="my-data-pdf"' in page.text
    answer = client.get(f"/{wefaq.slug}/portal/my-data.json")
    data = json.loads(answer.data)
    assert answer.headers["Content-Disposition"].startswith("attachment")
    assert data["beneficiary"]["full_name_ar"] == mine and data["beneficiary"]["national_id"] == noura.national_id
    assert [c["number"] for c in data["cases"]] and salem.national_id not in answer.text
    assert salem.mobile[1:] not in answer.text
    assert data["notifications"], "the messages sent to her are hers to read"
    pdf = client.get(f"/{wefaq.slug}/portal/my-data.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    with scope(wefaq.tenant):
        events = list(db.session.scalars(select(AuditEvent).where(
            AuditEvent.action == "portal.personal_data_downloaded").order_by(AuditEvent.id)))
    assert [(e.details["format"], e.object_id, e.actor_user_id) for e in events] == [
        ("json", str(noura.beneficiary_id), None), ("pdf", str(noura.beneficiary_id), None)]


def test_the_api_answers_the_token_holder_only(app, client, wefaq, noura, salem, gateway):
    token = api_token(app.test_client(), wefaq.slug, wefaq.tenant.id, gateway, salem.national_id, salem.mobile)
    answer = client.get(f"/api/v1/{wefaq.slug}/portal/personal-data", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200
    assert answer.get_json()["beneficiary"]["national_id"] == salem.national_id
    assert noura.national_id not in answer.get_data(as_text=True)


def test_without_a_portal_session_nothing_is_handed_out(client, wefaq, noura):
    for url in (f"/{wefaq.slug}/portal/my-data.json", f"/{wefaq.slug}/portal/my-data.pdf"):
        answer = client.get(url)
        assert answer.status_code in (302, 401) and noura.national_id not in answer.get_data(as_text=True)
    assert client.get(f"/api/v1/{wefaq.slug}/portal/personal-data").status_code == 401
    with scope(wefaq.tenant), pytest.raises(BeneficiaryScopeViolation):
        export_own_data("json")  # staff's tenant scope is not a person's: the service fails closed
