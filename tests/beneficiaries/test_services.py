"""The registry's services: registering, duplicates, changes, look-ups, search, registration, attestation."""

from datetime import date

import pytest
from flask_babel import force_locale
from marshmallow import ValidationError

from tests.beneficiaries.conftest import CITIZEN_ID, CITIZEN_ID_2, RESIDENT_ID, person
from wasl.audit.models import AuditEvent
from wasl.beneficiaries.identity import IdentityError
from wasl.beneficiaries.models import Beneficiary, Consent
from wasl.beneficiaries.services import (
    DuplicateBeneficiary,
    attested_digest,
    attested_fields,
    find_by_mobile,
    find_by_national_id,
    get_beneficiary,
    intake_lookup,
    mark_registered,
    record_consent,
    register_beneficiary,
    search,
    update_beneficiary,
)
from wasl.db import db
from wasl.tenancy.scope import TenantContextMissing, tenant_scope


def test_register_normalises_and_stores(scoped, officer):
    b = register_beneficiary(person(national_id="١٠١٢٣٤٥٦٧٢", mobile="٠٥٠١٢٣٤٥٦٧"), officer)
    assert b.national_id == CITIZEN_ID and b.id_kind == "citizen"
    assert b.mobile == "+966501234567"
    assert b.birth_on == date(1989, 12, 10) and b.birth_calendar == "hijri"
    assert b.birth_on_hijri == "1410-05-12"
    assert b.name_search == "احمد محمد العتيبي ahmed mohammed alotaibi"
    assert (b.preferred_language, b.preferred_channel, b.opted_out_non_essential) == ("ar", "sms", False)
    assert not b.is_registered and b.file_number is None
    assert b.created_by_id == officer.id
    event = db.session.query(AuditEvent).filter_by(action="beneficiary.created").one()
    assert CITIZEN_ID not in str(event.details) and "501234567" not in str(event.details)


def test_gregorian_birth_date_is_kept_as_entered(scoped, officer):
    b = register_beneficiary(person(birth_on_hijri=None, birth_on="1989-12-10"), officer)
    assert b.birth_calendar == "gregorian" and b.birth_on_hijri == "1410-05-12"


def test_duplicate_id_in_the_same_association_is_refused_with_the_existing_record(scoped, officer):
    first = register_beneficiary(person(), officer)
    with pytest.raises(DuplicateBeneficiary) as duplicate:
        register_beneficiary(person(full_name_ar="شخص آخر", mobile="0551234567", national_id="١٠١٢٣٤٥٦٧٢"), officer)
    assert duplicate.value.existing.id == first.id
    assert db.session.query(Beneficiary).count() == 1


def test_the_same_id_in_two_associations_is_fine(factory, officer):
    ids, indexes = [], []
    for tenant in (factory.tenant(), factory.tenant()):
        with tenant_scope(db.session, tenant.id):
            b = register_beneficiary(person(), officer)
            ids.append(b.id)
            indexes.append(b.national_id_index)
            assert find_by_national_id(CITIZEN_ID).id == b.id
    assert ids[0] != ids[1]
    assert indexes[0] != indexes[1]  # nothing links the two records


def test_nothing_is_written_when_a_consent_is_invalid(scoped, officer):
    with pytest.raises(ValidationError) as refused:
        register_beneficiary(person(consents=[{"purpose": "data_processing", "channel": "pigeon"}]), officer)
    assert "channel" in refused.value.messages["consents"][0]
    assert db.session.query(Beneficiary).count() == 0


@pytest.mark.parametrize("field, value", [
    ("national_id", "1012345673"),  # check digit
    ("national_id", "3012345678"),  # first digit
    ("mobile", "+201001234567"),  # not Saudi
    ("mobile", "0112345678"),  # landline
    ("birth_on_hijri", "1445-13-01"),
    ("birth_on_hijri", "1445-01-30"),  # Muharram 1445 has 29 days
    ("birth_on_hijri", "12-05-1410"),
    ("full_name_ar", "Ahmed"),
    ("full_name_ar", None),
    ("gender", "other"),
    ("email", "not-an-address"),
])
def test_bad_input_is_refused_on_its_field(scoped, officer, field, value):
    with pytest.raises(ValidationError) as refused:
        register_beneficiary(person(**{field: value}), officer)
    assert list(refused.value.messages) == [field]
    assert db.session.query(Beneficiary).count() == 0


def test_messages_name_the_field_in_english(app, scoped, officer):
    with force_locale("en"), pytest.raises(ValidationError) as refused:
        register_beneficiary(person(national_id="1012345673", full_name_ar=None, birth_on_hijri="1445-13-01",
                                    unknown="x"), officer)
    messages = refused.value.messages
    assert "national ID or Iqama" in messages["national_id"][0] and "check digit" in messages["national_id"][0]
    assert messages["full_name_ar"] == ["“Full name in Arabic” is required."]
    assert messages["birth_on_hijri"][0].startswith("Birth date (Hijri):")
    assert "unknown" in messages["unknown"][0]


def test_limits_and_choices_quote_the_field(app, scoped, officer):
    with force_locale("en"), pytest.raises(ValidationError) as refused:
        register_beneficiary(person(full_name_en="A" * 201, gender="x"), officer)
    messages = refused.value.messages
    assert messages["full_name_en"] == ["“Full name in Latin letters” must be at most 200 characters."]
    assert messages["gender"] == ["“Gender” must be one of: male, female."]
    with force_locale("en"), pytest.raises(ValidationError) as refused:
        register_beneficiary(person(birth_on_hijri="1500-01-01"), officer)
    assert refused.value.messages["birth_on_hijri"] == ["“Birth date (Hijri)” cannot be in the future."]


def test_dates_in_two_calendars_must_agree(scoped, officer, app):
    with force_locale("en"), pytest.raises(ValidationError) as refused:
        register_beneficiary(person(birth_on_hijri="1410-05-12", birth_on="1990-12-10"), officer)
    message = refused.value.messages["birth_on_hijri"][0]
    assert message == ("The Hijri birth date 1410-05-12 is 1989-12-10 in the Gregorian calendar, which differs "
                       "from the Gregorian birth date 1990-12-10. Enter one of the two, or two that agree.")
    agreed = register_beneficiary(person(birth_on_hijri="1410-05-12", birth_on="1989-12-10"), officer)
    assert agreed.birth_calendar == "hijri"


def test_email_channel_needs_an_address(scoped, officer):
    with pytest.raises(ValidationError) as refused:
        register_beneficiary(person(preferred_channel="email"), officer)
    assert list(refused.value.messages) == ["preferred_channel"]


def test_update_changes_fields_indexes_and_the_attested_digest(scoped, officer, app):
    b = register_beneficiary(person(), officer)
    digest = attested_digest(b)
    seen = []
    from wasl import events

    events.subscribe(app, "beneficiary.updated", lambda event, **payload: seen.append(payload))
    try:
        update_beneficiary(b, {"mobile": "0559876543", "city": "جدة"}, officer)
    finally:
        app.extensions[events.EXTENSION_KEY]["beneficiary.updated"].pop()
    assert b.mobile == "+966559876543"
    assert [x.id for x in find_by_mobile("0559876543")] == [b.id]
    assert find_by_mobile("0501234567") == []
    assert attested_digest(b) != digest
    assert seen == [{"tenant_id": b.tenant_id, "beneficiary_id": b.id, "fields": ["city", "mobile"],
                     "attested_changed": True, "actor_id": officer.id}]
    digest = attested_digest(b)
    update_beneficiary(b, {"preferred_language": "en"}, officer)
    assert attested_digest(b) == digest  # not an attested field


def test_update_national_id_checks_duplicates(scoped, officer):
    first = register_beneficiary(person(), officer)
    second = register_beneficiary(person(national_id=RESIDENT_ID, mobile="0551234567"), officer)
    with pytest.raises(DuplicateBeneficiary) as duplicate:
        update_beneficiary(second, {"national_id": CITIZEN_ID}, officer)
    assert duplicate.value.existing.id == first.id
    update_beneficiary(second, {"national_id": CITIZEN_ID_2}, officer)
    assert find_by_national_id(CITIZEN_ID_2).id == second.id
    assert find_by_national_id(RESIDENT_ID) is None
    assert second.id_kind == "citizen"


def test_update_refuses_bad_input_without_changing_anything(scoped, officer):
    b = register_beneficiary(person(), officer)
    with pytest.raises(ValidationError):
        update_beneficiary(b, {"city": "مكة", "mobile": "+201001234567"}, officer)
    assert b.city == "القنفذة" and b.mobile == "+966501234567"
    with pytest.raises(ValidationError) as refused:
        update_beneficiary(b, {"full_name_ar": ""}, officer)
    assert list(refused.value.messages) == ["full_name_ar"]


def test_attested_fields(scoped, officer):
    b = register_beneficiary(person(email="a@example.org"), officer)
    assert attested_fields(b) == {
        "national_id": CITIZEN_ID, "full_name_ar": "أحمد محمد العتيبي", "full_name_en": "Ahmed Mohammed Alotaibi",
        "mobile": "+966501234567", "email": "a@example.org", "gender": "male", "birth_on": "1989-12-10",
        "city": "القنفذة",
    }
    assert CITIZEN_ID not in attested_digest(b)


def test_mark_registered_gives_file_numbers_once(scoped, officer):
    first = register_beneficiary(person(), officer)
    second = register_beneficiary(person(national_id=RESIDENT_ID), officer)
    assert mark_registered(first, officer) == 1
    assert mark_registered(second, officer) == 2
    assert mark_registered(first, officer) == 1
    assert first.is_registered and first.registered_at is not None
    assert db.session.query(AuditEvent).filter_by(action="beneficiary.registered").count() == 2


def test_record_consent(scoped, officer):
    b = register_beneficiary(person(consents=[{"purpose": "data_processing", "channel": "in_person"}]), officer)
    consent = record_consent(b, {"purpose": "notifications", "channel": "sms", "given_on": "2024-04-17"}, officer)
    assert consent.taken_by_id == officer.id and consent.given_on == date(2024, 4, 17)
    db.session.expire(b)
    assert [c.purpose for c in get_beneficiary(b.id).consents] == ["data_processing", "notifications"]
    with pytest.raises(ValidationError) as refused:
        record_consent(b, {"purpose": "notifications", "channel": "sms", "given_on": "2999-01-01"}, officer)
    assert list(refused.value.messages) == ["given_on"]
    assert db.session.query(Consent).count() == 2


def _names(page) -> list[str]:
    return [b.full_name_ar for b in page.items]


@pytest.fixture
def people(scoped, officer):
    rows = [
        person(national_id=CITIZEN_ID, full_name_ar="أحمد عبدالله الغامدي", full_name_en="Ahmad Alghamdi",
               mobile="0501111111"),
        person(national_id=CITIZEN_ID_2, full_name_ar="فاطمة مصطفى الزهراني", full_name_en=None,
               mobile="0502222222"),
        person(national_id=RESIDENT_ID, full_name_ar="مُصطفَى إبراهيم", full_name_en="Mustafa Ibrahim",
               mobile="0502222222"),
    ]
    return [register_beneficiary(row, officer) for row in rows]


@pytest.mark.parametrize("query, expected", [
    ("احمد", ["أحمد عبدالله الغامدي"]),
    ("فاطمه", ["فاطمة مصطفى الزهراني"]),
    ("مصطفي", ["مُصطفَى إبراهيم", "فاطمة مصطفى الزهراني"]),  # the name starting with the word first
    ("ابراهيم مصطفى", ["مُصطفَى إبراهيم"]),
    ("عبد", ["أحمد عبدالله الغامدي"]),
    ("mustafa", ["مُصطفَى إبراهيم"]),
    ("زهر", ["فاطمة مصطفى الزهراني"]),
    ("خالد", []),
    ("100%", []),
])
def test_search_by_name(people, query, expected):
    assert _names(search(query)) == expected


def test_search_by_id_mobile_and_file_number(people, officer):
    assert _names(search("١٠١٢٣٤٥٦٧٢")) == ["أحمد عبدالله الغامدي"]
    assert _names(search(RESIDENT_ID)) == ["مُصطفَى إبراهيم"]
    assert _names(search("1012345673")) == []  # an exact look-up, never a partial match
    assert _names(search("+966502222222")) == ["فاطمة مصطفى الزهراني", "مُصطفَى إبراهيم"]
    assert _names(search("٠٥٠١١١١١١١")) == ["أحمد عبدالله الغامدي"]
    mark_registered(people[2], officer)
    assert _names(search("1")) == ["مُصطفَى إبراهيم"]


def test_search_without_query_is_newest_first_and_paginated(people):
    page = search("", page=1, per_page=2)
    assert page.total == 3 and page.pages == 2
    assert [b.id for b in page.items] == [people[2].id, people[1].id]


def test_search_stays_inside_the_association(factory, people, officer):
    other = factory.tenant()
    with tenant_scope(db.session, other.id):
        register_beneficiary(person(full_name_ar="أحمد من جمعية أخرى", mobile="0501111111"), officer)
        assert search("").total == 1
        assert _names(search("احمد")) == ["أحمد من جمعية أخرى"]
    assert search("").total == 3
    assert _names(search("0501111111")) == ["أحمد عبدالله الغامدي"]


def test_intake_lookup(people):
    by_id = intake_lookup("١٠١٢٣٤٥٦٧٢")
    assert by_id.kind == "national_id" and by_id.blocks_registration and by_id.matches == [people[0]]
    by_phone = intake_lookup("0502222222")
    assert by_phone.kind == "mobile" and not by_phone.blocks_registration and len(by_phone.matches) == 2
    new = intake_lookup("2468135799")
    assert new.matches == [] and new.value == "2468135799"
    for bad in ("1012345673", "+201001234567", "abc", ""):
        with pytest.raises(ValidationError) as refused:
            intake_lookup(bad)
        assert list(refused.value.messages) == ["lookup"]


def test_finders_refuse_malformed_input(scoped):
    with pytest.raises(IdentityError):
        find_by_national_id("123")
    with pytest.raises(IdentityError):
        find_by_mobile("+201001234567")


def test_no_tenant_no_registry(db_session, officer):
    with pytest.raises(TenantContextMissing):
        register_beneficiary(person(), officer)
    with pytest.raises(TenantContextMissing):
        search("")
