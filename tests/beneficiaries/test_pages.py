"""Staff pages: search list, a beneficiary's page, registering after a look-up, editing, consents."""

import re
from types import SimpleNamespace

import pytest
from flask_babel import force_locale, gettext

from tests.beneficiaries.conftest import CITIZEN_ID, RESIDENT_ID, person
from tests.support.beneficiaries import count_in
from tests.support.web import csrf_token, sign_in
from wasl.beneficiaries.identity import luhn_check_digit
from wasl.beneficiaries.models import Beneficiary, Consent
from wasl.beneficiaries.services import register_beneficiary
from wasl.db import db
from wasl.tenancy.scope import tenant_scope


@pytest.fixture
def signed_in(client, tenant, officer, factory):
    factory.commit()
    sign_in(client, officer)
    return client


def _register(tenant, officer, **overrides) -> SimpleNamespace:
    """Register and commit; returns only the id, as the row is not readable outside its association."""
    with tenant_scope(db.session, tenant.id):
        registered = SimpleNamespace(id=register_beneficiary(person(**overrides), officer).id)
    db.session.commit()
    return registered


def _post(client, url, data, token_from):
    token = csrf_token(client, token_from)
    return client.post(url, data={**data, "csrf_token": token})


def test_list_masks_ids_and_searches(signed_in, tenant, officer):
    _register(tenant, officer)
    _register(tenant, officer, national_id=RESIDENT_ID, full_name_ar="فاطمة الزهراني", mobile="0559998877")
    page = signed_in.get(f"/{tenant.slug}/beneficiaries/")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "1•••••••72" in html and CITIZEN_ID not in html
    assert "+9665••••••67" in html and "501234567" not in html
    found = signed_in.get(f"/{tenant.slug}/beneficiaries/?q=فاطمه").get_data(as_text=True)
    assert "فاطمة الزهراني" in found and "أحمد محمد العتيبي" not in found
    by_id = signed_in.get(f"/{tenant.slug}/beneficiaries/?q=١٠١٢٣٤٥٦٧٢").get_data(as_text=True)
    assert "أحمد محمد العتيبي" in by_id and "فاطمة الزهراني" not in by_id


def test_list_does_a_bounded_number_of_queries(signed_in, tenant, officer, count_queries):
    with tenant_scope(db.session, tenant.id):
        for n in range(40):
            first_nine = f"10{n:07d}"
            register_beneficiary(person(national_id=first_nine + luhn_check_digit(first_nine),
                                        full_name_ar=f"مستفيد رقم {n}"), officer)
    db.session.commit()
    signed_in.get(f"/{tenant.slug}/beneficiaries/")  # warm-up: the test session keeps its first loads
    counts = {}
    for per_page in (5, 40):
        with count_queries() as statements:
            page = signed_in.get(f"/{tenant.slug}/beneficiaries/?per_page={per_page}")
        assert page.status_code == 200
        assert page.get_data(as_text=True).count("/beneficiaries/") >= per_page
        counts[per_page] = len(statements)
    assert counts[5] == counts[40], counts
    assert counts[40] <= 10


def test_terminology_of_the_association(client, factory):
    tenant = factory.seed_tenant("quwayiyah")
    user = factory.member(tenant, "relations_officer")
    factory.commit()
    sign_in(client, user)
    html = client.get("/quwayiyah/beneficiaries/").get_data(as_text=True)
    # Alone, as a heading, the plural takes the nominative (المستخدمون), not the sentences' form (المستخدمين).
    assert "<h1 class=\"h3 mb-0\">المستخدمون</h1>" in html
    assert 'class="nav-link active" href="/quwayiyah/beneficiaries/">المستخدمون</a>' in html
    english = client.get("/quwayiyah/beneficiaries/?lang=en").get_data(as_text=True)
    assert ">Users</h1>" in english


def test_profile_page_shows_the_record_consents_and_requests(signed_in, tenant, officer):
    b = _register(tenant, officer, consents=[{"purpose": "data_processing", "channel": "in_person"}])
    html = signed_in.get(f"/{tenant.slug}/beneficiaries/{b.id}").get_data(as_text=True)
    assert CITIZEN_ID in html and "+966501234567" in html
    assert 'id="consents"' in html and officer.name in html
    assert 'id="requests"' in html


def test_register_starts_with_a_lookup(signed_in, tenant, officer):
    url = f"/{tenant.slug}/beneficiaries/new"
    assert signed_in.get(url).status_code == 200
    looked_up = _post(signed_in, url, {"lookup": "١٠١٢٣٤٥٦٧٢"}, url)
    html = looked_up.get_data(as_text=True)
    assert looked_up.status_code == 200
    assert 'name="full_name_ar"' in html and f'value="{CITIZEN_ID}"' in html
    data = {**person(), "stage": "register", "consent_given": "y", "consent_channel": "in_person",
            "preferred_language": "ar", "preferred_channel": "sms"}
    done = _post(signed_in, url, data, url)
    assert done.status_code == 302
    with tenant_scope(db.session, tenant.id):
        b = db.session.query(Beneficiary).one()
        assert done.headers["Location"].endswith(f"/beneficiaries/{b.id}")
        assert db.session.query(Consent).filter_by(beneficiary_id=b.id, channel="in_person").count() == 1


def test_lookup_of_a_known_id_offers_the_existing_record(signed_in, tenant, officer):
    b = _register(tenant, officer)
    url = f"/{tenant.slug}/beneficiaries/new"
    html = _post(signed_in, url, {"lookup": CITIZEN_ID}, url).get_data(as_text=True)
    assert f"/beneficiaries/{b.id}" in html
    assert 'name="full_name_ar"' not in html  # no form to register them again


def test_lookup_of_a_shared_mobile_lists_matches_and_allows_registering(signed_in, tenant, officer):
    b = _register(tenant, officer)
    url = f"/{tenant.slug}/beneficiaries/new"
    html = _post(signed_in, url, {"lookup": "0501234567"}, url).get_data(as_text=True)
    assert f"/beneficiaries/{b.id}" in html and 'name="full_name_ar"' in html


def test_lookup_with_a_bad_check_digit_says_so_inline(signed_in, tenant):
    url = f"/{tenant.slug}/beneficiaries/new"
    refused = _post(signed_in, url + "?lang=en", {"lookup": "1012345673"}, url)
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert "is-invalid" in html and "check digit" in html


def test_registering_a_duplicate_is_refused_with_a_link(signed_in, tenant, officer):
    b = _register(tenant, officer)
    url = f"/{tenant.slug}/beneficiaries/new"
    data = {**person(full_name_ar="شخص آخر"), "stage": "register", "preferred_channel": "sms",
            "preferred_language": "ar"}
    refused = _post(signed_in, url, data, url)
    assert refused.status_code == 409
    assert f"/beneficiaries/{b.id}" in refused.get_data(as_text=True)
    assert count_in(tenant) == 1


def test_invalid_form_shows_errors_beside_fields_and_writes_nothing(signed_in, tenant):
    url = f"/{tenant.slug}/beneficiaries/new"
    data = {**person(mobile="+201001234567", birth_on_hijri="1445-13-01", full_name_ar=""), "stage": "register",
            "preferred_channel": "sms", "preferred_language": "ar", "consent_given": "y",
            "consent_channel": "in_person"}
    refused = _post(signed_in, url + "?lang=en", data, url)
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert html.count("invalid-feedback") == 3
    assert "The mobile number must be a Saudi number" in html
    assert "“Full name in Arabic” is required." in html
    assert "Birth date (Hijri):" in html
    assert count_in(tenant) == 0
    with tenant_scope(db.session, tenant.id):
        assert db.session.query(Consent).count() == 0


def test_edit_form(signed_in, tenant, officer):
    b = _register(tenant, officer)
    url = f"/{tenant.slug}/beneficiaries/{b.id}/edit"
    form = signed_in.get(url).get_data(as_text=True)
    assert 'value="1410-05-12"' in form  # the calendar it was entered in
    assert re.search(r'<input[^>]*name="birth_on"[^>]*value=""', form)  # the Gregorian field left empty
    data = {**person(city="جدة", mobile="٠٥٥٩٩٩٨٨٧٧"), "preferred_channel": "sms", "preferred_language": "en"}
    assert _post(signed_in, url, data, url).status_code == 302
    with tenant_scope(db.session, tenant.id):
        db.session.expire_all()
        changed = db.session.get(Beneficiary, b.id)
        assert (changed.city, changed.mobile, changed.preferred_language) == ("جدة", "+966559998877", "en")
    bad = _post(signed_in, url + "?lang=en", {**data, "national_id": "1012345673"}, url)
    assert bad.status_code == 422 and "check digit" in bad.get_data(as_text=True)


def test_edit_to_an_existing_id_is_refused(signed_in, tenant, officer):
    first = _register(tenant, officer)
    second = _register(tenant, officer, national_id=RESIDENT_ID)
    url = f"/{tenant.slug}/beneficiaries/{second.id}/edit"
    data = {**person(), "preferred_channel": "sms", "preferred_language": "ar"}
    refused = _post(signed_in, url, data, url)
    assert refused.status_code == 409 and f"/beneficiaries/{first.id}" in refused.get_data(as_text=True)


def test_record_a_consent_from_the_profile(signed_in, tenant, officer):
    b = _register(tenant, officer)
    page = f"/{tenant.slug}/beneficiaries/{b.id}"
    done = _post(signed_in, page + "/consents", {"purpose": "notifications", "channel": "phone"}, page)
    assert done.status_code == 302
    bad = _post(signed_in, page + "/consents", {"purpose": "marketing", "channel": "phone"}, page)
    assert bad.status_code == 422
    with tenant_scope(db.session, tenant.id):
        assert db.session.query(Consent).filter_by(beneficiary_id=b.id).count() == 1


def test_viewers_read_but_cannot_change(client, factory, tenant, officer):
    b = _register(tenant, officer)
    viewer = factory.member(tenant, "viewer")
    factory.commit()
    sign_in(client, viewer)
    assert client.get(f"/{tenant.slug}/beneficiaries/{b.id}").status_code == 200
    assert client.get(f"/{tenant.slug}/beneficiaries/new").status_code == 403
    assert client.get(f"/{tenant.slug}/beneficiaries/{b.id}/edit").status_code == 403


def test_another_associations_record_is_not_found(signed_in, factory, tenant, officer):
    other = factory.tenant()
    theirs = _register(other, officer)
    assert signed_in.get(f"/{tenant.slug}/beneficiaries/{theirs.id}").status_code == 404
    assert signed_in.get(f"/{tenant.slug}/beneficiaries/{theirs.id}/edit").status_code == 404


def _heading(client, url: str) -> str:
    return re.search(r"<h1[^>]*>([^<]*)</h1>", client.get(url).get_data(as_text=True)).group(1)


OWN_WORDS = {"beneficiary": {"ar": "المستخدم", "en": "user"}, "beneficiaries": {"ar": "المستخدمين", "en": "users"}}
DEFAULT_WORDS = {"beneficiary": {"ar": "المستفيد", "en": "beneficiary"},
                 "beneficiaries": {"ar": "المستفيدين", "en": "beneficiaries"}}


@pytest.mark.parametrize("terminology, registry, register, registry_ar", [
    (None, "Beneficiaries", "Register a beneficiary", None),
    (DEFAULT_WORDS, "Beneficiaries", "Register a beneficiary", None),
    (OWN_WORDS, "Users", "Register: User", "المستخدمين"),
    ({**OWN_WORDS, "beneficiaries_heading": {"ar": "المستخدمون", "en": "users"}}, "Users", "Register: User",
     "المستخدمون"),
])
def test_headings_are_whole_phrases_unless_the_association_has_its_own_word(
        client, factory, terminology, registry, register, registry_ar):
    tenant = factory.tenant(terminology=terminology)
    officer = factory.member(tenant, "relations_officer")
    factory.commit()
    sign_in(client, officer)
    base = f"/{tenant.slug}/beneficiaries/"
    assert _heading(client, base + "?lang=en") == registry
    assert _heading(client, base + "new?lang=en") == register
    # Arabic shows the association's word exactly as it wrote it; the default heading is the catalogue's.
    with force_locale("ar"):
        default_ar = gettext("Beneficiaries")
    assert _heading(client, base + "?lang=ar") == (registry_ar or default_ar)


def test_the_number_found_has_its_plural_forms(signed_in, tenant, officer):
    _register(tenant, officer)
    assert "1 person found" in signed_in.get(f"/{tenant.slug}/beneficiaries/?lang=en").get_data(as_text=True)
    _register(tenant, officer, national_id=RESIDENT_ID, full_name_ar="فاطمة الزهراني", mobile="0559998877")
    assert "2 people found" in signed_in.get(f"/{tenant.slug}/beneficiaries/?lang=en").get_data(as_text=True)
