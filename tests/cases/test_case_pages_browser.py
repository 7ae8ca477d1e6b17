"""In a real browser: the pledge's signature is drawn with the mouse on the pad and the pledge is taken.

Headless Chromium (the system's, never a downloaded one) drives the page served
by a real server thread over a database of its own, committed like production.
"""

from __future__ import annotations

import io
import threading

import pytest
from flask_migrate import upgrade
from PIL import Image
from sqlalchemy import select
from werkzeug.serving import make_server

from tests.cases.support import Association, advance_to, open_case
from tests.support.browser import SIZES, shoot
from tests.support.factories import PASSWORD
from wasl import PROJECT_ROOT, create_app
from wasl.accounts.services import create_user, grant_membership
from wasl.cases.models import Pledge
from wasl.db import db
from wasl.onboarding.definitions import onboard
from wasl.tenancy.scope import tenant_scope

pytestmark = [pytest.mark.browser, pytest.mark.no_db_session]

OFFICER = "officer@browser.example"


@pytest.fixture
def served(tmp_path, monkeypatch):
    """A server thread over a fresh, migrated SQLite database with Wefaq and a case waiting for its pledge."""
    monkeypatch.delenv("WASL_MIGRATION_DATABASE_URL", raising=False)
    app = create_app({"WASL_ENV": "test", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/browser.sqlite3",
                      "RATELIMIT_STORAGE_URI": "memory://", "WASL_UPLOAD_DIR": str(tmp_path / "uploads")})
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory, revision="heads")
        association = Association(onboard(PROJECT_ROOT / "tenants" / "wefaq").tenant)
        officer = create_user(OFFICER, "خالد الزهراني", PASSWORD)
        grant_membership(officer, association.tenant, "relations_officer")
        association.users["relations_officer"] = officer
        case = open_case(association)
        advance_to(association, case, "pledge")
        for _ in range(6):  # a list long enough to page through
            open_case(association)
        db.session.commit()
        case_id, tenant_id = case.id, association.tenant.id
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield app, f"http://127.0.0.1:{server.server_port}", tenant_id, case_id
    finally:
        server.shutdown()
        thread.join(10)
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def draw_signature(page, selector: str) -> None:
    page.locator(selector).scroll_into_view_if_needed()
    box = page.locator(selector).bounding_box()
    left, top = box["x"] + 20, box["y"] + box["height"] * 0.7
    page.mouse.move(left, top)
    page.mouse.down()
    for step in range(1, 25):
        page.mouse.move(left + step * 12, top - (step % 6) * 9, steps=2)
    page.mouse.up()


def test_signature_drawn_with_the_mouse_is_taken_with_the_pledge(served, browser):
    app, base, tenant_id, case_id = served
    page = browser.new_page(locale="ar", viewport={"width": 1280, "height": 900})
    page.goto(f"{base}/login")
    page.fill("input[name=email]", OFFICER)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.goto(f"{base}/wefaq/cases/{case_id}?lang=ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    pad = "#form-sign_pledge [data-signature-canvas]"
    hidden = page.locator("#form-sign_pledge input[name='sign_pledge-signature']")
    assert hidden.input_value() == ""

    draw_signature(page, pad)
    assert hidden.input_value().startswith("data:image/png;base64,")
    page.click("#form-sign_pledge [data-signature-clear]")
    assert hidden.input_value() == ""
    draw_signature(page, pad)
    page.fill("#form-sign_pledge input[name='sign_pledge-signed_name']", "فاطمة علي الزهراني")
    with page.expect_navigation():
        page.click("#form-sign_pledge button[type=submit]")

    assert page.url.endswith(f"/wefaq/cases/{case_id}")
    assert page.locator("[data-kind='pledge_signed']").count() == 1
    with app.app_context(), tenant_scope(db.session, tenant_id):
        pledge = db.session.scalars(select(Pledge).where(Pledge.case_id == case_id)).one()
        png = pledge.signature_png
        assert pledge.signed_name == "فاطمة علي الزهراني"
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.width >= 300
    assert image.convert("RGBA").getchannel("A").getbbox() is not None  # there is ink where the mouse went


def test_the_signature_error_goes_once_signed_and_the_signed_pledge_is_shown(served, browser):
    app, base, tenant_id, case_id = served
    page = browser.new_page(locale="ar", viewport={"width": 375, "height": 800})
    page.goto(f"{base}/login")
    page.fill("input[name=email]", OFFICER)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.goto(f"{base}/wefaq/cases/{case_id}?lang=ar")
    page.fill("#form-sign_pledge input[name='sign_pledge-signed_name']", "فاطمة علي الزهراني")
    with page.expect_navigation():
        page.click("#form-sign_pledge button[type=submit]")  # no signature yet: refused
    error = page.locator("#form-sign_pledge [data-signature-error]")
    assert error.count() == 1 and error.is_visible()
    assert "is-invalid" in page.locator("#form-sign_pledge [data-signature-pad]").get_attribute("class")

    draw_signature(page, "#form-sign_pledge [data-signature-canvas]")
    assert error.count() == 0
    assert "is-invalid" not in page.locator("#form-sign_pledge [data-signature-pad]").get_attribute("class")
    with page.expect_navigation():
        page.click("#form-sign_pledge button[type=submit]")

    assert page.locator("#form-sign_pledge").count() == 0
    image = page.locator("#signed-pledge img")
    assert image.evaluate("img => img.complete && img.naturalWidth") >= 300  # the stored PNG, drawn on screen
    assert "فاطمة علي الزهراني" in page.locator("#signed-pledge").inner_text()


EASTERN_DIGITS = ("\u0660", "\u0661", "\u0662", "\u0663", "\u0664", "\u0665", "\u0666", "\u0667", "\u0668",
                  "\u0669")


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_desk_pages_at_both_widths(served, browser, monkeypatch, language):
    """The list (counting past its limit), the inbox, the intake and a case at its pledge, photographed."""
    from wasl.cases.web import views

    app, base, _tenant_id, case_id = served
    monkeypatch.setattr(views, "COUNT_BEYOND", 5)  # the served app is this process: 7 requests are "more than"
    page = browser.new_page(locale=language, viewport=SIZES["desktop"])
    page.goto(f"{base}/login?lang={language}")
    page.fill("input[name=email]", OFFICER)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    pages = {"list": "/wefaq/cases?per_page=2&", "inbox": "/inbox?per_page=2&", "intake": "/wefaq/cases/new?",
             "pledge": f"/wefaq/cases/{case_id}?"}
    for name, path in pages.items():
        page.goto(f"{base}{path}lang={language}")
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        text = page.inner_text("main")
        assert not any(digit in text for digit in EASTERN_DIGITS), f"{name} mixes digit sets"
        if name == "list":
            assert ("أكثر من 5 طلبات" if language == "ar" else "More than 5 requests") in text
            assert ("الصفحة 1 من أكثر من 3" if language == "ar" else "Page 1 of more than 3") in text
        shoot(page, f"cases-{name}-{language}")
    page.close()
