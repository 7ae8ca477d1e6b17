"""In headless Chromium at phone width, in Arabic and in English: a person signs in with the code from the SMS.

A real server thread serves a committed database of its own; notifications are
delivered in process through the Taqnyat adapter to a local HTTP gateway, and
the code is read from what reached that gateway. Screenshots of each portal
page go to docs/screenshots/ (portal-*-ar.png, portal-*-en.png), the copy of one's own data among them.
"""

from __future__ import annotations

import re
import threading

import pytest
from flask_migrate import upgrade
from werkzeug.serving import make_server

from tests.cases.support import act, advance_to, open_case, person, scope, staff
from tests.notifications.conftest import configure, no_quiet_hours
from tests.notifications.servers import TAQNYAT_OK, Answer, Gateway
from tests.support.browser import accessibility_problems
from tests.support.factories import Factory
from wasl import PROJECT_ROOT, create_app
from wasl.db import db
from wasl.onboarding.definitions import onboard
from wasl.policy import services as policy

pytestmark = [pytest.mark.browser, pytest.mark.no_db_session]

PHONE = {"width": 375, "height": 812}
SHOTS = PROJECT_ROOT / "docs" / "screenshots"
PERSON = person(8101, full_name_ar="نورة سعد القحطاني", full_name_en="Noura Alqahtani")


def _world(app) -> int:
    """Wefaq with an SMS provider, and a person with one request delivered and one waiting for documents."""
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory, revision="heads")
        association = staff(Factory(db.session), onboard(PROJECT_ROOT / "tenants" / "wefaq").tenant)
        with scope(association.tenant):
            configure("sms", "taqnyat", {"sender": "WEFAQ"}, {"bearer_token": "tq"})
            no_quiet_hours()
        delivered = open_case(association, beneficiary=PERSON, description="سلة غذائية للأسرة")
        advance_to(association, delivered, "service_delivery")
        act(association, delivered, "record_delivery", {"description": "سلة غذائية شهرية", "quantity": "1"})
        waiting = open_case(association, beneficiary_id=delivered.beneficiary_id)
        advance_to(association, waiting, "completeness_check")
        _republish(association)
        db.session.commit()
        return delivered.id


def _republish(association) -> None:
    """A second version of the policy (a longer decision window), so the requests page has news."""
    admin = association.users["admin"]
    with scope(association.tenant):
        draft = policy.start_draft(admin, "published", tenant=association.tenant)
        window = dict(draft.content["decision_window"], days=21)
        draft = policy.update_draft(draft, "decision_window", window, draft.lock_version, admin)
        policy.approve(draft, "17", date_gregorian="2026-11-19", actor=admin)
        policy.publish(draft, admin)


@pytest.fixture
def served(tmp_path, monkeypatch):
    monkeypatch.delenv("WASL_MIGRATION_DATABASE_URL", raising=False)
    with Gateway(Answer(201, TAQNYAT_OK)) as gateway:
        app = create_app({"WASL_ENV": "test", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/portal.sqlite3",
                          "RATELIMIT_STORAGE_URI": "memory://", "WASL_UPLOAD_DIR": str(tmp_path / "uploads"),
                          "NOTIFICATIONS_DELIVERY": "inline",
                          "NOTIFICATIONS_PROVIDER_BASE_URLS": {"taqnyat": gateway.url}})
        case_id = _world(app)
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_port}", gateway, case_id
        finally:
            server.shutdown()
            thread.join(10)
            from wasl.notifications import inline

            inline.stop(app)
            with app.app_context():
                db.session.remove()
                db.engine.dispose()


def shoot(page, name: str, language: str) -> None:
    """The screenshot, and axe-core's check of the same page: no serious or critical finding."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"portal-{name}-{language}.png"), full_page=True)
    assert accessibility_problems(page) == [], name


def code_from(gateway, count: int) -> str:
    received = gateway.wait_for(count)
    assert len(received) >= count, "no text message reached the SMS gateway"
    return re.search(r"(?<!\d)(\d{6})(?!\d)", received[count - 1].json()["body"]).group(1)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_person_signs_in_on_a_phone_and_follows_the_request(served, browser, language):
    base, gateway, case_id = served
    sent_before = len(gateway.received)
    page = browser.new_page(locale="ar-SA", viewport=PHONE, bypass_csp=True)
    page.goto(f"{base}/wefaq/portal/sign-in")
    if language == "en":
        with page.expect_navigation():
            page.click("header button[name=locale][value=en]")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shoot(page, "sign-in", language)

    page.fill("input[name=national_id]", PERSON["national_id"])
    page.fill("input[name=mobile]", PERSON["mobile"])
    with page.expect_navigation():
        page.click("#send-code")
    assert page.url.endswith("/wefaq/portal/code")
    shoot(page, "code", language)

    page.fill("input[name=code]", code_from(gateway, sent_before + 1))
    with page.expect_navigation():
        page.click("#check-code")
    assert page.url.endswith("/wefaq/portal/")
    assert page.locator("#my-requests li").count() == 2
    news = page.inner_text("#policy-news")
    assert ("الإصدار 2" if language == "ar" else "Version 2") in news and not re.search("[\u0660-\u0669]", news)
    shoot(page, "requests", language)

    page.click(f"a[href$='/portal/requests/{case_id}']")
    page.wait_for_selector("#decision")
    assert page.locator("#letter-link").count() == 1 and page.locator("#deliveries").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shoot(page, "request", language)

    page.goto(f"{base}/wefaq/portal/")
    page.locator("#my-requests a").first.click()
    page.wait_for_selector("#missing")
    shoot(page, "missing", language)

    page.goto(f"{base}/wefaq/portal/")
    with page.expect_navigation():
        page.click("#my-data-link")
    assert page.url.endswith("/wefaq/portal/my-data") and page.locator("#my-data-contents li").count() == 7
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shoot(page, "my-data", language)
    with page.expect_download() as download:
        page.click("#my-data-pdf")
    assert download.value.suggested_filename == "my-data.pdf"
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"

    with page.expect_navigation():
        page.click("#portal-sign-out")
    assert page.url.endswith("/wefaq/portal/sign-in")
