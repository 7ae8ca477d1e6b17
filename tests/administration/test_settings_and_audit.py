import csv
import io
from datetime import date

from sqlalchemy import select

from tests.administration.helpers import admin_of, flashed, post
from wasl.administration.holidays import holidays_between
from wasl.administration.models import Holiday
from wasl.audit.services import record
from wasl.db import db
from wasl.tenancy.scope import tenant_scope

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d494844520000000200000002080600000072b60d240000001449444154789c63fccfc0f09f8181"
    "818189010a001f1702024f94cebe0000000049454e44ae426082")


def test_holidays_are_added_listed_used_and_removed(client, factory):
    tenant, other = factory.tenant(), factory.tenant()
    admin_of(client, factory, tenant)
    url = f"/{tenant.slug}/admin/holidays"
    assert post(client, url, {"on": "2026-09-23", "name_ar": "اليوم الوطني", "name_en": "National Day"}
                ).status_code == 302
    assert post(client, url, {"on": "2026-09-23", "name_ar": "مكرر"}).status_code == 422
    assert post(client, url, {"on": "23/09/2026", "name_ar": "تاريخ خاطئ"}).status_code == 422
    assert "National Day" in client.get(url).get_data(as_text=True)
    with tenant_scope(db.session, tenant.id):
        assert holidays_between(date(2026, 9, 1), date(2026, 9, 30)) == {date(2026, 9, 23)}
        assert holidays_between(date(2026, 10, 1), date(2026, 10, 30)) == set()
        holiday_id = db.session.scalar(select(Holiday.id))
    with tenant_scope(db.session, other.id):
        assert holidays_between(date(2026, 9, 1), date(2026, 9, 30)) == set()
    post(client, f"{url}/{holiday_id}/delete", form_page=url)
    with tenant_scope(db.session, tenant.id):
        assert holidays_between(date(2026, 9, 1), date(2026, 9, 30)) == set()


def test_profile_and_letterhead_are_saved(client, factory):
    tenant = factory.tenant()
    admin_of(client, factory, tenant)
    url = f"/{tenant.slug}/admin/profile"
    response = post(client, url, {
        "name_ar": "جمعية رعاية الأيتام", "name_en": "Orphan Care Association", "registration_number": "1234",
        "city_ar": "الرياض", "city_en": "Riyadh", "phone": "+966112345678", "default_locale": "ar",
        "beneficiary_ar": "المستفيد", "beneficiary_en": "beneficiary", "beneficiaries_ar": "المستفيدين",
        "beneficiaries_en": "beneficiaries"})
    assert response.status_code == 302
    db.session.refresh(tenant)
    assert tenant.name_en == "Orphan Care Association" and tenant.contacts["phone"] == "+966112345678"
    token_page = url
    from tests.support.web import csrf_token

    response = client.post(f"/{tenant.slug}/admin/letterhead", data={
        "csrf_token": csrf_token(client, token_page), "tagline_ar": "مسجلة برقم 1234",
        "logo": (io.BytesIO(PNG), "logo.png")}, content_type="multipart/form-data")
    assert response.status_code == 302
    logo = client.get(f"/{tenant.slug}/letterhead/logo")
    assert logo.status_code == 200 and logo.mimetype == "image/png" and logo.data == PNG


def test_a_logo_that_is_not_an_image_is_refused(client, factory):
    tenant = factory.tenant()
    admin_of(client, factory, tenant)
    from tests.support.web import csrf_token

    response = client.post(f"/{tenant.slug}/admin/letterhead", data={
        "csrf_token": csrf_token(client, f"/{tenant.slug}/admin/profile"),
        "logo": (io.BytesIO(b"MZ\x90\x00 not an image"), "logo.png")}, content_type="multipart/form-data")
    assert "not a PNG or SVG" in flashed(client.get(response.headers["Location"]))
    db.session.refresh(tenant)
    assert "logo" not in (tenant.letterhead or {})


def _events(tenant, actor):
    with tenant_scope(db.session, tenant.id):
        record("case.opened", tenant, actor_id=actor.id, number="1447-1")
        record("holiday.added", tenant, actor_id=actor.id, on="2026-09-23")
        record("case.opened", tenant, number="=HYPERLINK(\"http://x\")")


def test_audit_log_filters_and_csv(client, factory):
    tenant, other = factory.tenant(), factory.tenant()
    admin = admin_of(client, factory, tenant)
    _events(tenant, admin)
    with tenant_scope(db.session, other.id):
        record("case.opened", other, number="other-association")
    factory.commit()
    page = client.get(f"/{tenant.slug}/admin/audit?action=case.").get_data(as_text=True)
    assert "case.opened" in page and "holiday.added" not in page and "other-association" not in page
    by_actor = client.get(f"/{tenant.slug}/admin/audit?actor={admin.email}&action=holiday").get_data(as_text=True)
    assert "holiday.added" in by_actor
    export = client.get(f"/{tenant.slug}/admin/audit.csv?action=case.")
    assert export.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(export.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][:3] == ["created_at", "actor_email", "action"]
    assert {r[2] for r in rows[1:]} == {"case.opened"} and len(rows) == 3
    assert admin.email in {r[1] for r in rows[1:]}
    assert all(not cell.startswith("=") for r in rows for cell in r)
    assert "other-association" not in export.get_data(as_text=True)


def test_audit_date_filter_excludes_other_days(client, factory):
    tenant = factory.tenant()
    admin = admin_of(client, factory, tenant)
    _events(tenant, admin)
    factory.commit()
    page = client.get(f"/{tenant.slug}/admin/audit?date_from=2000-01-01&date_to=2000-01-02").get_data(as_text=True)
    assert "case.opened" not in page
