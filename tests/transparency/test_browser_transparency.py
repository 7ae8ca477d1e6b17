"""In a real browser: Wefaq's public transparency page over six months of demo cases and survey answers, and
the staff's exports page, in Arabic and English; the screenshots go to docs/screenshots/transparency-*.png
and exports-*.png."""

from __future__ import annotations

import threading

import pytest
from flask_migrate import upgrade
from sqlalchemy import update
from werkzeug.serving import make_server

from tests.support.factories import PASSWORD
from wasl import PROJECT_ROOT, create_app
from wasl.accounts.services import create_user, grant_membership
from wasl.db import db
from wasl.demo_cases import seed_demo_cases
from wasl.demo_surveys import seed_demo_surveys
from wasl.exports import services as exports
from wasl.exports.models import ExportJob, ExportJobStatus
from wasl.exports.writing import run_export
from wasl.onboarding.definitions import onboard
from wasl.tenancy.scope import tenant_scope
from wasl.transparency import settings

pytestmark = [pytest.mark.browser, pytest.mark.no_db_session]

ADMIN = "admin@transparency.example"
SHOTS = PROJECT_ROOT / "docs" / "screenshots"
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}


def _history(app, tenant) -> None:
    """Demo cases and surveys, the page published, one finished export and one half-way through."""
    seed_demo_cases(tenant)
    db.session.commit()
    seed_demo_surveys(tenant)
    db.session.commit()
    admin = create_user(ADMIN, "نورة الحربي", PASSWORD)
    membership = grant_membership(admin, tenant, "admin")
    db.session.commit()
    with tenant_scope(db.session, tenant.id):
        settings.choose(tenant, True, 365, admin)
        done = exports.request_export("cases", "xlsx", True, membership, admin, "ar")
        running = exports.request_export("beneficiaries", "csv", False, membership, admin, "ar")
        db.session.commit()
        done_id, running_id = done.id, running.id
    run_export(done_id, tenant.id)
    with tenant_scope(db.session, tenant.id):
        db.session.execute(update(ExportJob).where(ExportJob.id == running_id).values(
            status=ExportJobStatus.RUNNING, row_count=2400, processed_rows=1000))
        db.session.commit()
    app.config["SHOWN_EXPORT"] = running_id


@pytest.fixture
def served(tmp_path, monkeypatch):
    """A server thread over a fresh SQLite database; Redis unreachable, so nothing leaves this test."""
    monkeypatch.delenv("WASL_MIGRATION_DATABASE_URL", raising=False)
    app = create_app({"WASL_ENV": "test", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/transparency.sqlite3",
                      "RATELIMIT_STORAGE_URI": "memory://", "WASL_UPLOAD_DIR": str(tmp_path / "uploads"),
                      "REDIS_URL": "redis://127.0.0.1:9/0"})
    app.instance_path = str(tmp_path)
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory, revision="heads")
        _history(app, onboard(PROJECT_ROOT / "tenants" / "wefaq").tenant)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", app.config["SHOWN_EXPORT"]
    finally:
        server.shutdown()
        thread.join(10)
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def _no_sideways_scroll(page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"


@pytest.mark.parametrize("size", sorted(SIZES))
def test_the_public_transparency_page(served, browser, size):
    base, _export = served
    context = browser.new_context(viewport=SIZES[size])
    page = context.new_page()
    SHOTS.mkdir(parents=True, exist_ok=True)
    try:
        for language, direction in (("ar", "rtl"), ("en", "ltr")):
            response = page.goto(f"{base}/wefaq/transparency?lang={language}")
            assert response.status == 200 and "set-cookie" not in response.headers
            if language == "ar":  # a first visit (later ones carry the cookie a 404 for the favicon may set)
                assert response.headers["cache-control"] == "public, max-age=300"
            assert page.locator("html").get_attribute("dir") == direction
            assert "%" in page.locator("#tr-csat").inner_text() or "٪" in page.locator("#tr-csat").inner_text()
            _no_sideways_scroll(page)
            page.screenshot(path=str(SHOTS / f"transparency-{language}-{size}.png"), full_page=True)
        page.goto(f"{base}/wefaq/policy")
        assert page.locator("#transparency-link").count() == 1
    finally:
        context.close()


def test_the_exports_page(served, browser):
    base, running = served
    context = browser.new_context(viewport=SIZES["desktop"])
    page = context.new_page()
    try:
        page.goto(f"{base}/login")
        page.fill("input[name=email]", ADMIN)
        page.fill("input[name=password]", PASSWORD)
        with page.expect_navigation():
            page.click("form[action='/login'] button[type=submit]")
        for language in ("ar", "en"):
            page.goto(f"{base}/wefaq/exports/?lang={language}")
            assert page.locator("#exports tbody tr").count() == 2
            _no_sideways_scroll(page)
            page.screenshot(path=str(SHOTS / f"exports-{language}-desktop.png"), full_page=True)
        page.goto(f"{base}/wefaq/exports/{running}?lang=ar")
        assert page.locator("#progress").get_attribute("data-progress") == "41"
        page.screenshot(path=str(SHOTS / "exports-progress-ar-desktop.png"), full_page=True)
    finally:
        context.close()
