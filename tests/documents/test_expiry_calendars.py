"""Expiry dates in either calendar: Hijri as printed on Saudi IDs, or Gregorian; shown in both afterwards."""

from __future__ import annotations

import io
from datetime import date

import pytest

from tests.cases.pages import as_member, case_at, desk, seen
from tests.support.files import PDF_BYTES
from tests.support.web import csrf_token
from wasl.db import db
from wasl.documents.expiry import ExpiryError, hijri_of, parse_expiry
from wasl.documents.models import Document
from wasl.tenancy.scope import tenant_scope

ID_EXPIRY = date(2028, 8, 6)  # 1450/03/15 AH, Umm al-Qura


@pytest.mark.parametrize("typed,calendar", [
    ("1450/03/15", "hijri"), ("1450-03-15", "hijri"), ("١٤٥٠/٠٣/١٥ هـ", "hijri"), ("1450/3/15 H", "hijri"),
    ("2028-08-06", "gregorian"), ("2028/08/06", "gregorian"), ("٢٠٢٨-٠٨-٠٦", "gregorian"), ("2028-08-06 G", "gregorian"),
])
def test_either_calendar_gives_the_same_day(app, typed, calendar):
    with app.test_request_context():
        expiry = parse_expiry(typed)
    assert (expiry.day, expiry.calendar) == (ID_EXPIRY, calendar)
    assert hijri_of(expiry.day) == "1450-03-15"


@pytest.mark.parametrize("typed,reason", [
    ("1450/13/01", "not a day of the Umm al-Qura calendar"),
    ("1501/01/01 H", "between 1343 and 1500"),
    ("2078-01-01", "neither a Hijri year"),
    ("2077-12-01", "must fall between"),
    ("2028-02-30", "not a valid Gregorian date"),
    ("15/03/1450", "year first"),
    ("1450/03/15 X", "year first"),
])
def test_a_date_outside_the_calendars_is_refused_with_the_reason(app, typed, reason):
    with app.test_request_context("/?lang=en"), pytest.raises(ExpiryError) as refused:
        parse_expiry(typed)
    assert reason in refused.value.reason


def test_the_api_takes_a_hijri_expiry_and_answers_in_both_calendars(api_upload):
    created = api_upload(PDF_BYTES, "id.pdf", kind="national_id", expires_on="1450/03/15 H")
    assert created.status_code == 201, created.get_data(as_text=True)
    body = created.get_json()
    assert body["expires_on"] == "2028-08-06" and body["expires_on_hijri"] == "1450-03-15"
    gregorian = api_upload(PDF_BYTES, "id.pdf", expires_on="2028-08-06").get_json()
    assert gregorian["expires_on_hijri"] == "1450-03-15"
    refused = api_upload(PDF_BYTES, "id.pdf", expires_on="1450/13/01")
    assert refused.status_code == 422 and "expires_on" in refused.get_json()["errors"]


def test_openapi_documents_the_accepted_formats(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    text = str(spec)
    assert "1450/03/15" in text and "Umm al-Qura" in text and "expires_on_hijri" in text


@pytest.fixture
def wefaq_desk(factory):
    association = desk(factory)
    factory.commit()
    return association


def upload(client, case, expires: str):
    token = csrf_token(client, case.url)
    return client.post(case.url + "/documents?lang=ar", content_type="multipart/form-data", data={
        "csrf_token": token, "file-national_id": (io.BytesIO(PDF_BYTES), "هوية.pdf"), "expires-national_id": expires})


def test_the_case_page_takes_the_expiry_printed_on_the_id_in_hijri(app, wefaq_desk):
    client = app.test_client()
    case = seen(case_at(wefaq_desk, "completeness_check"))
    as_member(client, wefaq_desk, "relations_officer")
    form = client.get(case.url + "?lang=ar").get_data(as_text=True)
    assert 'name="expires-national_id"' in form and 'type="date"' not in form and "1450/03/15" in form

    refused = upload(client, case, "١٤٥٠/١٣/٠١")
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "أم القرى" in html
    assert 'value="١٤٥٠/١٣/٠١"' in html  # what was typed is kept to correct

    stored = upload(client, case, "١٤٥٠/٠٣/١٥ هـ")
    assert stored.status_code == 302
    with tenant_scope(db.session, wefaq_desk.tenant.id):
        expiries = [d.expires_on for d in db.session.query(Document).filter_by(case_id=case.id)]
    assert ID_EXPIRY in expiries
    page = client.get(case.url + "?lang=ar").get_data(as_text=True)
    assert "15 ربيع الأول 1450 هـ" in page and "6 أغسطس 2028 م" in page  # read back in both calendars
