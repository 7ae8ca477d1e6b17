"""In a real browser, in Arabic and in English: an admin of Hope turns on recording who reads personal data;
opening a beneficiary's page then asks why; the page shows the record's history of corrections; the audit
log says who read whose data and why. Screenshots: docs/screenshots/{read-audit,read-reason,corrections,
correction-edit,audit-reads}-{ar,en}-{desktop,phone}.png and exports-reason-ar-*.png."""

from __future__ import annotations

import pytest
from flask_migrate import upgrade

from tests.administration.helpers import enrol
from tests.cases.support import person
from tests.support.browser import SIZES, chromium, serving, shoot
from tests.support.factories import PASSWORD
from wasl import PROJECT_ROOT, create_app
from wasl.accounts.services import create_user, grant_membership
from wasl.beneficiaries.services import register_beneficiary, update_beneficiary
from wasl.db import db
from wasl.onboarding.definitions import onboard
from wasl.tenancy.scope import tenant_scope

pytestmark = [pytest.mark.browser, pytest.mark.no_db_session]

ADMIN = "admin@reads.example"


def _people(tenant, admin) -> list[int]:
    """Two people; the first one's record corrected twice, with reasons."""
    with tenant_scope(db.session, tenant.id):
        first = register_beneficiary(person(8801, full_name_ar="هند عبدالله السبيعي", full_name_en="Hind Alsubaie",
                                            city="الرياض"), admin)
        second = register_beneficiary(person(8802, full_name_ar="مها فهد العنزي", full_name_en="Maha Alanazi"),
                                      admin)
        update_beneficiary(first, {"mobile": "0551110002", "city": "الخرج",
                                   "reason": "اتصلت المستفيدة برقمها الجديد وعنوانها"}, admin)
        update_beneficiary(first, {"full_name_en": "Hind A. Alsubaie", "birth_on_hijri": "1412-02-03",
                                   "reason": "كما في صورة الهوية"}, admin)
        return [first.id, second.id]


@pytest.fixture
def served(tmp_path, monkeypatch):
    monkeypatch.delenv("WASL_MIGRATION_DATABASE_URL", raising=False)
    app = create_app({"WASL_ENV": "test", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/reads.sqlite3",
                      "RATELIMIT_STORAGE_URI": "memory://", "WASL_UPLOAD_DIR": str(tmp_path / "uploads")})
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory, revision="heads")
        tenant = onboard(PROJECT_ROOT / "tenants" / "hope").tenant
        admin = create_user(ADMIN, "سارة المطيري", PASSWORD)
        grant_membership(admin, tenant, "admin")
        db.session.flush()
        totp, _codes = enrol(admin)
        people = _people(tenant, admin)
        db.session.commit()
    try:
        with serving(app) as base:
            yield base, totp, people
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def _sign_in(page, base: str, totp, url: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=email]", ADMIN)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("form[action='/login'] button[type=submit]")
    page.goto(url)
    page.fill("input[name=code]", totp.now())
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.url == url


def _give_reason(page, reason: str, note: str = "") -> None:
    page.check(f"#read-reason input[name=reason][value={reason}]")
    if note:
        page.fill("#read-reason textarea[name=note]", note)
    with page.expect_navigation():
        page.click("#read-reason button[type=submit]")


def test_reads_are_recorded_with_a_reason_and_corrections_are_shown(served):
    base, totp, (first, second) = served
    setting = f"{base}/hope/admin/personal-data/read-audit"
    with chromium() as browser:
        page = browser.new_context(viewport=SIZES["desktop"], locale="ar-SA").new_page()
        _sign_in(page, base, totp, setting)
        assert "متوقف" in page.inner_text("#read-audit-status")
        page.check("#enabled")
        with page.expect_navigation():
            page.click("#read-audit-form button[type=submit]")
        assert "مفعّل" in page.inner_text("#read-audit-status")
        shoot(page, "read-audit-ar")

        page.goto(f"{base}/hope/beneficiaries/{first}")
        assert page.locator("#read-reason").count() == 1 and page.locator("#profile-heading").count() == 0
        shoot(page, "read-reason-ar")
        _give_reason(page, "answering_person", "اتصلت تسأل عن موعد الزيارة")
        assert page.locator("#corrections tbody tr").count() == 5
        assert "اتصلت المستفيدة برقمها الجديد وعنوانها" in page.inner_text("#corrections")
        shoot(page, "corrections-ar")

        page.goto(f"{base}/hope/beneficiaries/{first}/edit")
        page.fill("input[name=city]", "الدلم")
        page.fill("textarea[name=reason]", "انتقلت الأسرة")
        shoot(page, "correction-edit-ar")
        with page.expect_navigation():
            page.click("main form button[type=submit]")
        assert page.locator("#corrections tbody tr").count() == 6
        assert "انتقلت الأسرة" in page.inner_text("#corrections tbody tr >> nth=0")

        page.goto(f"{base}/hope/exports/")
        page.check("input[name=personal_data]")
        page.select_option("select[name=read_reason]", "committee_review")
        shoot(page, "exports-reason-ar")

        page.goto(f"{base}/hope/admin/audit")
        assert "اطّلاع على البيانات الشخصية لمستفيد" in page.inner_text("main")
        shoot(page, "audit-reads-ar")

        page.goto(setting + "?lang=en")
        assert page.get_attribute("html", "dir") == "ltr"
        shoot(page, "read-audit-en")
        page.goto(f"{base}/hope/beneficiaries/{second}?lang=en")
        assert page.locator("#read-reason").count() == 1
        shoot(page, "read-reason-en")
        _give_reason(page, "other", "Internal quality review")
        page.goto(f"{base}/hope/beneficiaries/{first}?lang=en")
        assert "History of corrections" in page.inner_text("#corrections")
        shoot(page, "corrections-en")
        page.goto(f"{base}/hope/beneficiaries/{first}/edit?lang=en")
        assert "Reason for the correction" in page.inner_text("main form")
        shoot(page, "correction-edit-en")
        page.goto(f"{base}/hope/admin/audit?lang=en")
        assert "Internal quality review" in page.inner_text("main")
        shoot(page, "audit-reads-en")
