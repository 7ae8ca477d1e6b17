"""In headless Chromium at 375 px, in Arabic and in English: a person applies from home and the officer sees it.

The person signs in with the code that reached a local Taqnyat gateway, applies
for Wefaq's support request with an ID document (its expiry typed in Hijri),
draws the signature with the pointer, submits; the relations officer signs in
and finds the request in the inbox marked as online. Screenshots go to
docs/screenshots/portal-apply-*-{ar,en}.png.
"""

from __future__ import annotations

import re
import threading

import pytest
from flask_migrate import upgrade
from werkzeug.serving import make_server

from tests.cases.support import open_case, person, scope, staff
from tests.notifications.conftest import configure, no_quiet_hours
from tests.notifications.servers import TAQNYAT_OK, Answer, Gateway
from tests.portal.test_browser_portal import PHONE, SHOTS, code_from
from tests.support.browser import accessibility_problems
from tests.support.factories import PASSWORD, Factory
from tests.support.files import PDF_BYTES
from wasl import PROJECT_ROOT, create_app
from wasl.db import db
from wasl.onboarding.definitions import onboard

pytestmark = [pytest.mark.browser, pytest.mark.no_db_session]

PERSON = person(8201, full_name_ar="سارة عبدالله الشهري", full_name_en="Sarah Alshehri")
OFFICER = "officer.apply@wasl.example"


def _world(app) -> None:
    """Wefaq with an SMS provider, an officer who signs in with a password, and a registered person."""
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory, revision="heads")
        factory = Factory(db.session)
        association = staff(factory, onboard(PROJECT_ROOT / "tenants" / "wefaq").tenant)
        factory.member(association.tenant, "relations_officer", user=factory.user(OFFICER))
        with scope(association.tenant):
            configure("sms", "taqnyat", {"sender": "WEFAQ"}, {"bearer_token": "tq"})
            no_quiet_hours()
        open_case(association, beneficiary=PERSON, description="سلة غذائية")
        db.session.commit()


@pytest.fixture
def served(tmp_path, monkeypatch):
    monkeypatch.delenv("WASL_MIGRATION_DATABASE_URL", raising=False)
    with Gateway(Answer(201, TAQNYAT_OK)) as gateway:
        app = create_app({"WASL_ENV": "test", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/apply.sqlite3",
                          "RATELIMIT_STORAGE_URI": "memory://", "WASL_UPLOAD_DIR": str(tmp_path / "uploads"),
                          "NOTIFICATIONS_DELIVERY": "inline",
                          "NOTIFICATIONS_PROVIDER_BASE_URLS": {"taqnyat": gateway.url}})
        _world(app)
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_port}", gateway
        finally:
            server.shutdown()
            thread.join(10)
            from wasl.notifications import inline

            inline.stop(app)
            with app.app_context():
                db.session.remove()
                db.engine.dispose()


def shoot(page, name: str, language: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"portal-apply-{name}-{language}.png"), full_page=True)
    assert accessibility_problems(page) == [], name  # axe-core: no serious or critical finding


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def draw_signature(page) -> None:
    canvas = page.locator("[data-signature-canvas]")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    left, top = box["x"] + 20, box["y"] + box["height"] * 0.7
    page.mouse.move(left, top)
    page.mouse.down()
    for step in range(1, 22):
        page.mouse.move(left + step * 12, top - (step % 5) * 12, steps=2)
    page.mouse.up()


def sign_in(page, base: str, gateway, language: str) -> None:
    sent_before = len(gateway.received)
    page.goto(f"{base}/wefaq/portal/sign-in")
    if language == "en":
        with page.expect_navigation():
            page.click("header button[name=locale][value=en]")
    page.fill("input[name=national_id]", PERSON["national_id"])
    page.fill("input[name=mobile]", PERSON["mobile"])
    with page.expect_navigation():
        page.click("#send-code")
    page.fill("input[name=code]", code_from(gateway, sent_before + 1))
    with page.expect_navigation():
        page.click("#check-code")
    assert page.url.endswith("/wefaq/portal/")


def apply(page, tmp_path, language: str) -> None:
    with page.expect_navigation():
        page.click("#apply-link")
    assert "apply?service=support_request" in page.url and fits(page)
    shoot(page, "form", language)
    document = tmp_path / "national-id.pdf"
    document.write_bytes(PDF_BYTES)
    page.set_input_files("#file-national_id", str(document))
    page.fill("#expires-national_id", "1452/06/01")
    page.fill("input[name=signed_name]", PERSON["full_name_ar"])
    draw_signature(page)
    assert page.locator("input[name=signature]").input_value().startswith("data:image/png;base64,")


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_person_applies_from_home_on_a_phone_and_the_officer_sees_it_online(served, browser, tmp_path,
                                                                              language):
    base, gateway = served
    page = browser.new_page(locale="ar-SA", viewport=PHONE, bypass_csp=True)
    sign_in(page, base, gateway, language)
    apply(page, tmp_path, language)
    assert fits(page)
    shoot(page, "signed", language)
    with page.expect_navigation():
        page.click("#submit-application")
    assert "/wefaq/portal/requests/" in page.url and fits(page)
    assert page.locator(".alert-success").count() == 1
    shoot(page, "received", language)

    officer = browser.new_page(locale="ar-SA", viewport=PHONE, bypass_csp=True)
    officer.goto(f"{base}/login")
    officer.fill("input[name=email]", OFFICER)
    officer.fill("input[name=password]", PASSWORD)
    with officer.expect_navigation():
        officer.click("main button[type=submit]")
    officer.goto(f"{base}/inbox?lang={language}")
    number = re.search(r"WEF-\d{4}-\d{6}", page.content()).group(0)
    assert officer.locator(f'tr[data-case="{number}"] .wasl-online').count() == 1
    shoot(officer, "inbox", language)
