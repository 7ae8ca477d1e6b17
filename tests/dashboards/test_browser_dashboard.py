"""In a real browser: the dashboard of an association with six months of demo cases, in Arabic and English,
on a desktop and a 375-pixel phone; the screenshots go to docs/screenshots/dashboard-*.png."""

from __future__ import annotations

import threading

import pytest
from flask_migrate import upgrade
from werkzeug.serving import make_server

from tests.support.factories import PASSWORD
from wasl import PROJECT_ROOT, create_app
from wasl.accounts.services import create_user, grant_membership
from wasl.db import db
from wasl.demo_cases import seed_demo_cases
from wasl.demo_surveys import seed_demo_surveys
from wasl.onboarding.definitions import onboard

pytestmark = [pytest.mark.browser, pytest.mark.no_db_session]

ADMIN = "admin@dashboard.example"
SHOTS = PROJECT_ROOT / "docs" / "screenshots"
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}


@pytest.fixture
def served(tmp_path, monkeypatch):
    """A server thread over a fresh SQLite database: Wefaq with its demo cases and an admin."""
    monkeypatch.delenv("WASL_MIGRATION_DATABASE_URL", raising=False)
    app = create_app({"WASL_ENV": "test", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/dashboard.sqlite3",
                      "RATELIMIT_STORAGE_URI": "memory://", "WASL_UPLOAD_DIR": str(tmp_path / "uploads")})
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory, revision="heads")
        tenant = onboard(PROJECT_ROOT / "tenants" / "wefaq").tenant
        grant_membership(create_user(ADMIN, "نورة الحربي", PASSWORD), tenant, "admin")
        db.session.commit()
        added = seed_demo_cases(tenant)
        db.session.commit()
        seed_demo_surveys(tenant)  # the satisfaction chart has answers to show
        db.session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", added
    finally:
        server.shutdown()
        thread.join(10)
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def _signed_in(browser, base: str, size: dict):
    context = browser.new_context(viewport=size)
    page = context.new_page()
    page.goto(f"{base}/login")
    page.fill("input[name=email]", ADMIN)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("form[action='/login'] button[type=submit]")
    return context, page


@pytest.mark.parametrize("size", sorted(SIZES))
def test_the_dashboard_in_both_languages(served, browser, size):
    base, added = served
    assert added > 100
    context, page = _signed_in(browser, base, SIZES[size])
    SHOTS.mkdir(parents=True, exist_ok=True)
    try:
        for language, direction in (("ar", "rtl"), ("en", "ltr")):
            page.goto(f"{base}/wefaq/dashboard?lang={language}")
            assert page.locator("html").get_attribute("dir") == direction
            assert page.locator("svg.wasl-chart").count() == 7
            for chart in ("open-by-step", "open-by-age", "intake", "timing", "outcomes", "deliveries"):
                assert page.locator(f"#{chart} svg rect").count() > 0, chart
                assert page.locator(f"#{chart} table.visually-hidden tbody tr").count() > 0, chart
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"the page scrolls sideways by {overflow}px"
            page.screenshot(path=str(SHOTS / f"dashboard-{language}-{size}.png"), full_page=True)
    finally:
        context.close()
