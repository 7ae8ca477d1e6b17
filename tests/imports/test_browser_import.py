"""In a real browser, in Arabic: an admin brings Wefaq's register in, from upload to the imported registry.

Upload -> mapping -> dry-run report (the file has planted mistakes) -> a corrected file -> import, on a
desktop and at 375 pixels; the screenshots go to docs/screenshots/imports-*.png. Redis is pointed at a
closed port, so the import waits queued and the test then runs the job as a worker would.
"""

from __future__ import annotations

import re
import threading
import time

import pytest
from flask_migrate import upgrade
from sqlalchemy import func, select
from werkzeug.serving import make_server

from tests.administration.helpers import enrol
from tests.imports.registers import csv_bytes, register_rows
from tests.support.factories import PASSWORD
from wasl import PROJECT_ROOT, create_app
from wasl.accounts.services import create_user, grant_membership
from wasl.db import db
from wasl.onboarding.definitions import onboard

pytestmark = [pytest.mark.browser, pytest.mark.no_db_session]

ADMIN = "admin@imports.example"
SHOTS = PROJECT_ROOT / "docs" / "screenshots"
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 375, "height": 812}


@pytest.fixture
def served(tmp_path, monkeypatch):
    monkeypatch.delenv("WASL_MIGRATION_DATABASE_URL", raising=False)
    app = create_app({"WASL_ENV": "test", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/imports.sqlite3",
                      "RATELIMIT_STORAGE_URI": "memory://", "WASL_UPLOAD_DIR": str(tmp_path / "uploads"),
                      "REDIS_URL": "redis://127.0.0.1:9/0", "NOTIFICATIONS_DELIVERY": "inline"})
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory, revision="heads")
        tenant = onboard(PROJECT_ROOT / "tenants" / "wefaq").tenant
        admin = create_user(ADMIN, "نورة الحربي", PASSWORD)
        grant_membership(admin, tenant, "admin")
        db.session.flush()
        totp, _codes = enrol(admin)
        db.session.commit()
        tenant_id = tenant.id
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield app, f"http://127.0.0.1:{server.server_port}", totp, tenant_id
    finally:
        server.shutdown()
        thread.join(10)
        from wasl.notifications import inline

        inline.stop(app)
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def _shoot(page, name: str) -> None:
    """The page on a desktop and at 375 px, neither scrolling sideways."""
    for size, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} at {size} scrolls sideways by {overflow}px"
        page.screenshot(path=str(SHOTS / f"imports-{name}-ar-{size}.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


def _signed_in(browser, base: str, totp):
    context = browser.new_context(viewport=DESKTOP, locale="ar-SA")
    page = context.new_page()
    page.goto(f"{base}/login")
    page.fill("input[name=email]", ADMIN)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("form[action='/login'] button[type=submit]")
    page.goto(f"{base}/wefaq/admin/imports/")
    assert "/two-factor/verify" in page.url
    page.fill("input[name=code]", totp.now())
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.url.endswith("/wefaq/admin/imports/"), page.url
    return context, page


def _upload_and_map(page, data: bytes, name: str) -> None:
    page.set_input_files("#file", files=[{"name": name, "mimeType": "text/csv", "buffer": data}])
    with page.expect_navigation():
        page.click("#upload-form button[type=submit]")
    assert re.search(r"/wefaq/admin/imports/\d+$", page.url), page.inner_text("main")[:500]
    assert page.locator("#map-0").input_value() == "national_id"


def _submit(page, selector: str) -> None:
    with page.expect_navigation():
        page.click(f"{selector} button[type=submit]")


def test_an_admin_imports_a_register_in_arabic(served, browser):
    app, base, totp, tenant_id = served
    SHOTS.mkdir(parents=True, exist_ok=True)
    context, page = _signed_in(browser, base, totp)
    try:
        assert page.locator("html").get_attribute("dir") == "rtl"
        _shoot(page, "upload")
        rows, planted = register_rows(300, planted=12)
        _upload_and_map(page, csv_bytes(rows), "سجل مستفيدي وفاق.csv")
        _shoot(page, "mapping")
        _submit(page, "#mapping-form")
        _submit(page, "#dry-run-form")
        shown = {(int(r), f) for r, f in re.findall(r'data-row="(\d+)" data-field="(\w*)"', page.content())}
        assert shown == planted and page.locator("#start-form").count() == 0
        assert "صحّح هذه الأسطر" in page.inner_text("#summary")
        _shoot(page, "report")

        page.goto(f"{base}/wefaq/admin/imports/")
        fixed, _ = register_rows(300)
        _upload_and_map(page, csv_bytes(fixed), "سجل مستفيدي وفاق - مصحح.csv")
        _submit(page, "#mapping-form")
        _submit(page, "#dry-run-form")
        _submit(page, "#start-form")
        assert page.locator("#progress .progress").count() == 1
        _shoot(page, "progress")
        _work(app)
        page.wait_for_selector("[data-status=done]", timeout=15_000)
        assert "أُضيف 300 شخص إلى السجل" in page.inner_text("#summary")
        _shoot(page, "done")
    finally:
        context.close()
    with app.app_context():
        from wasl.beneficiaries.models import Beneficiary
        from wasl.tenancy.scope import tenant_scope

        with tenant_scope(db.session, tenant_id):
            assert db.session.scalar(select(func.count(Beneficiary.id))) == 300


def _work(app) -> None:
    """What a worker does once Redis answers: run the queued import's job."""
    from wasl.imports.models import BeneficiaryImport, ImportStatus
    from wasl.imports.tasks import run_import_job
    from wasl.tenancy.scope import tenant_scope

    time.sleep(0.5)
    with app.app_context():
        with tenant_scope(db.session, all_tenants=True):
            job = db.session.scalar(select(BeneficiaryImport).where(BeneficiaryImport.status == ImportStatus.QUEUED))
            ids = (job.id, job.tenant_id)
        db.session.commit()
        run_import_job(*ids)
        db.session.remove()
