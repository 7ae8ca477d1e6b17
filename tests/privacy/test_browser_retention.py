"""In a real browser: an admin of Wefaq sets how long personal data is kept, in Arabic and in English,
on a desktop and at 375 pixels; the screenshots go to docs/screenshots/retention-*.png."""

from __future__ import annotations

import pytest
from flask_migrate import upgrade

from tests.administration.helpers import enrol
from tests.support.browser import SIZES, chromium, serving, shoot
from tests.support.factories import PASSWORD
from wasl import PROJECT_ROOT, create_app
from wasl.accounts.services import create_user, grant_membership
from wasl.db import db
from wasl.demo_cases import seed_demo_cases
from wasl.onboarding.definitions import onboard

pytestmark = [pytest.mark.browser, pytest.mark.no_db_session]

ADMIN = "admin@retention.example"


@pytest.fixture
def served(tmp_path, monkeypatch):
    monkeypatch.delenv("WASL_MIGRATION_DATABASE_URL", raising=False)
    app = create_app({"WASL_ENV": "test", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/retention.sqlite3",
                      "RATELIMIT_STORAGE_URI": "memory://", "WASL_UPLOAD_DIR": str(tmp_path / "uploads")})
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory, revision="heads")
        tenant = onboard(PROJECT_ROOT / "tenants" / "wefaq").tenant
        admin = create_user(ADMIN, "نورة الحربي", PASSWORD)
        grant_membership(admin, tenant, "admin")
        db.session.flush()
        totp, _codes = enrol(admin)
        db.session.commit()
        seed_demo_cases(tenant)
        db.session.commit()
    try:
        with serving(app) as base:
            yield base, totp
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def test_an_admin_chooses_the_retention_period(served):
    base, totp = served
    url = f"{base}/wefaq/admin/personal-data/retention"
    with chromium() as browser:
        page = browser.new_context(viewport=SIZES["desktop"], locale="ar-SA").new_page()
        page.goto(f"{base}/login")
        page.fill("input[name=email]", ADMIN)
        page.fill("input[name=password]", PASSWORD)
        with page.expect_navigation():
            page.click("form[action='/login'] button[type=submit]")
        page.goto(url)
        page.fill("input[name=code]", totp.now())
        with page.expect_navigation():
            page.click("main form button[type=submit]")
        assert page.url == url and page.get_attribute("html", "dir") == "rtl"
        assert "حتى يحذفها مسؤول الجمعية" in page.inner_text("#retention-status")
        page.select_option("#keep_months", "24")
        with page.expect_navigation():
            page.click("#retention-form button[type=submit]")
        assert "حُفظت مدة الاحتفاظ" in page.inner_text("main")
        assert "سنتان بعد إغلاق آخر طلب للشخص" in page.inner_text("#retention-status")
        assert page.locator("#retention-due").count() == 1
        shoot(page, "retention-ar")
        page.goto(url + "?lang=en")
        assert page.get_attribute("html", "dir") == "ltr" and "Two years" in page.inner_text("#retention-status")
        shoot(page, "retention-en")
