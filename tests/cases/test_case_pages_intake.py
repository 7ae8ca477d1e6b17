"""The intake page: a look-up first, then the request for the person found, or registration inline."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from tests.cases.pages import as_member, desk
from tests.cases.support import national_id, open_case, person, scope
from tests.support.web import csrf_token
from wasl.beneficiaries.models import Beneficiary
from wasl.cases.models import Case
from wasl.db import db

NEW = "/wefaq/cases/new"


@pytest.fixture
def wefaq_desk(factory):
    association = desk(factory)
    factory.commit()
    return association


def count(association, model) -> int:
    with scope(association.tenant):
        return db.session.scalar(select(func.count(model.id)))


def look_up(client, value: str, url: str = NEW):
    token = csrf_token(client, url)
    return client.post(url + "?lang=en", data={"stage": "lookup", "lookup": value, "csrf_token": token})


def intake_fields(page: str) -> dict:
    """The hidden fields of the intake form on ``page`` (its CSRF token, the stage, the beneficiary)."""
    form = page[page.index('id="intake-form"'):]
    fields = dict(re.findall(r'<input[^>]*name="(csrf_token|stage|beneficiary_id)"[^>]*value="([^"]*)"', form))
    fields.update({name: "" for name in re.findall(r'<input[^>]*name="(stage|beneficiary_id)"[^>]*>', form)
                   if name not in fields})
    return fields


def test_unknown_person_is_registered_with_the_request(client, wefaq_desk):
    as_member(client, wefaq_desk, "relations_officer")
    new_id = national_id(424242)
    found = look_up(client, new_id)
    page = found.get_data(as_text=True)
    assert found.status_code == 200 and "No one is registered with this number yet" in page
    assert f'value="{new_id}"' in page  # the looked-up ID is carried into the registration form
    data = {**intake_fields(page), "service": "support_request", "channel": "phone", "priority": "high",
            "description": "سلة غذائية", **{f"b-{k}": v for k, v in person(424242).items()},
            "b-preferred_language": "ar", "b-preferred_channel": "sms", "b-consent_given": "y",
            "b-consent_channel": "in_person"}
    response = client.post(NEW, data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    with scope(wefaq_desk.tenant):
        case = db.session.scalars(select(Case)).one()
        assert case.beneficiary.national_id == new_id and case.priority.value == "high"
        assert response.headers["Location"].endswith(f"/wefaq/cases/{case.id}")


def test_known_person_is_offered_and_no_one_is_registered_twice(client, wefaq_desk):
    existing = open_case(wefaq_desk)
    as_member(client, wefaq_desk, "relations_officer")
    with scope(wefaq_desk.tenant):
        known_id, beneficiary_id = existing.beneficiary.national_id, existing.beneficiary_id
    page = look_up(client, known_id).get_data(as_text=True)
    assert "already registered" in page and 'id="intake-form"' not in page
    assert f'href="/wefaq/cases/new?beneficiary_id={beneficiary_id}"' in page
    chosen = client.get(f"{NEW}?beneficiary_id={beneficiary_id}&lang=en").get_data(as_text=True)
    fields = intake_fields(chosen)
    assert fields["stage"] == "open" and fields["beneficiary_id"] == str(beneficiary_id)
    response = client.post(NEW, data={**fields, "service": "support_request", "channel": "interview",
                                      "priority": "normal"})
    assert response.status_code == 302
    assert count(wefaq_desk, Beneficiary) == 1 and count(wefaq_desk, Case) == 2


def test_opening_a_request_for_a_known_person_reads_each_thing_once(client, wefaq_desk, count_queries):
    beneficiary_id = open_case(wefaq_desk).beneficiary_id
    db.session.commit()
    as_member(client, wefaq_desk, "relations_officer")
    data = {"stage": "open", "beneficiary_id": beneficiary_id, "service": "support_request",
            "channel": "phone", "priority": "normal", "csrf_token": csrf_token(client, NEW)}
    assert client.post(NEW, data=data).status_code == 302
    db.session.commit()
    with count_queries() as statements:
        assert client.post(NEW, data=data).status_code == 302
    writes = [s for s in statements if s.lstrip().upper().startswith(("INSERT", "UPDATE"))]
    reads = [s for s in statements if s not in writes and "set_config" not in s]
    # the number (one upsert), the case, its audit entry, its timeline entry, the notice to the person
    assert [s.split("(")[0].split()[-1] for s in writes] == [
        "tenant_sequence", "service_case", "audit_event", "case_event", "notification"], "\n".join(writes)
    # the person signed in with their memberships, their role, the published policy, the beneficiary (once:
    # the service, the notice and the hooks share it), the number's prefix, the notification settings and the
    # channels the association has set up; not the staff, whom only a form shown again offers
    assert len(reads) == 7, "\n".join(reads)
    assert not any("FROM membership" in s for s in reads), "\n".join(reads)
    assert sum("FROM beneficiary" in s for s in reads) == 1, "\n".join(reads)


def test_an_assignee_from_elsewhere_is_refused_beside_the_field_with_the_staff_offered_again(
        client, wefaq_desk, factory):
    outsider = factory.member(factory.seed_tenant("shaair"), "viewer")
    beneficiary_id = open_case(wefaq_desk).beneficiary_id
    factory.commit()
    as_member(client, wefaq_desk, "relations_officer")
    response = client.post(NEW + "?lang=en", data={
        "stage": "open", "beneficiary_id": beneficiary_id, "service": "support_request", "channel": "phone",
        "priority": "normal", "assignee_id": outsider.id, "csrf_token": csrf_token(client, NEW)})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "This person is not an active member of the association." in html
    assignee = html[html.index('name="assignee_id"'):html.index("</select>", html.index('name="assignee_id"'))]
    assert f'value="{wefaq_desk.users["admin"].id}"' in assignee and f'value="{outsider.id}"' not in assignee
    assert count(wefaq_desk, Case) == 1


def test_duplicate_at_registration_offers_the_existing_record(client, wefaq_desk):
    existing = open_case(wefaq_desk)
    as_member(client, wefaq_desk, "relations_officer")
    with scope(wefaq_desk.tenant):
        known_id, existing_id = existing.beneficiary.national_id, existing.beneficiary_id
    page = look_up(client, "0551234567").get_data(as_text=True)  # a new mobile: the registration form
    data = {**intake_fields(page), "service": "support_request", "channel": "phone", "priority": "normal",
            **{f"b-{k}": v for k, v in person(777, national_id=known_id, mobile="0551234567").items()},
            "b-preferred_language": "ar", "b-preferred_channel": "sms"}
    response = client.post(NEW + "?lang=en", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 409 and 'id="duplicate"' in html
    assert f'href="/wefaq/cases/new?beneficiary_id={existing_id}"' in html
    assert count(wefaq_desk, Beneficiary) == 1 and count(wefaq_desk, Case) == 1


def test_a_channel_the_policy_does_not_enable_is_refused_beside_the_field(client, factory):
    modeem = desk(factory, "modeem", roles=("relations_officer",))
    factory.commit()
    as_member(client, modeem, "relations_officer")
    page = look_up(client, national_id(5150), "/modeem/cases/new").get_data(as_text=True)
    assert 'value="letters"' not in page  # only enabled channels are offered
    data = {**intake_fields(page), "service": "x", "channel": "letters", "priority": "normal",
            **{f"b-{k}": v for k, v in person(5150).items()}, "b-preferred_language": "ar",
            "b-preferred_channel": "sms"}
    response = client.post("/modeem/cases/new?lang=en", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert re.search(r'id="channel"[^>]*>.*?</select>\s*<div class="invalid-feedback">The channel “letters”', html,
                     re.S)
    assert "The service “x” is not in this association" in html
    assert count(modeem, Beneficiary) == 0


def test_invalid_beneficiary_details_are_shown_beside_their_fields(client, wefaq_desk):
    as_member(client, wefaq_desk, "relations_officer")
    page = look_up(client, national_id(3131)).get_data(as_text=True)
    data = {**intake_fields(page), "service": "support_request", "channel": "phone", "priority": "normal",
            **{f"b-{k}": v for k, v in person(3131, mobile="0712345678").items()}, "b-preferred_language": "ar",
            "b-preferred_channel": "sms"}
    response = client.post(NEW + "?lang=en", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert re.search(r'id="b-mobile"[^>]*>\s*<div class="invalid-feedback">', html)
    assert count(wefaq_desk, Case) == 0


def test_bad_lookup_is_refused_naming_the_field(client, wefaq_desk):
    as_member(client, wefaq_desk, "relations_officer")
    bad_id = national_id(1)[:-1] + str((int(national_id(1)[-1]) + 1) % 10)
    response = look_up(client, bad_id)
    assert response.status_code == 422
    assert re.search(r'id="lookup"[^>]*>\s*<div class="invalid-feedback">', response.get_data(as_text=True))


def test_intake_needs_permission_and_a_real_beneficiary(client, wefaq_desk):
    as_member(client, wefaq_desk, "viewer")
    assert client.get(NEW).status_code == 403
    officer = as_member(client, wefaq_desk, "relations_officer")
    assert officer.get(f"{NEW}?beneficiary_id=999999").status_code == 404
