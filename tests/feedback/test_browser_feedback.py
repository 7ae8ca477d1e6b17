"""In headless Chromium, in Arabic and in English: a person files a complaint in the portal at phone width,
a relations officer replies from the queue on a desktop, and the person reads the reply and rates it.

A real server thread serves a committed SQLite database of its own; messages are delivered in process
through the Taqnyat adapter to a local HTTP gateway, where the sign-in code and the reply's text message
are read. Screenshots go to docs/screenshots/feedback-*-{ar,en}.png.
"""

from __future__ import annotations

import re
import threading

import pytest
from flask_migrate import upgrade
from werkzeug.serving import make_server

from tests.cases.support import open_case, person, scope
from tests.notifications.conftest import configure, no_quiet_hours
from tests.notifications.servers import TAQNYAT_OK, Answer, Gateway
from tests.support.browser import accessibility_problems
from tests.support.factories import PASSWORD
from wasl import PROJECT_ROOT, create_app
from wasl.accounts.services import create_user, grant_membership
from wasl.db import db
from wasl.onboarding.definitions import onboard

pytestmark = [pytest.mark.browser, pytest.mark.no_db_session]

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
SHOTS = PROJECT_ROOT / "docs" / "screenshots"
PERSON = person(8201, full_name_ar="منيرة عبدالله الشهري", full_name_en="Munirah Alshehri")
OFFICER = "officer@feedback.example"
COMPLAINT = {"ar": "تأخر الرد على طلبي أكثر من أسبوعين، وأرجو إفادتي بموعد القرار.",
             "en": "My request has waited more than two weeks; please tell me when the decision is due."}
REPLY = {"ar": "نعتذر عن التأخير. عُرض طلبك على اللجنة، وسيصلك القرار خلال ثلاثة أيام عمل.",
         "en": "We are sorry for the delay. Your request is with the committee; you will have the decision "
               "within three working days."}


def _world(app) -> None:
    """Wefaq with an SMS provider, a relations officer who signs in with a password, and a person's request."""
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory, revision="heads")
        tenant = onboard(PROJECT_ROOT / "tenants" / "wefaq").tenant
        officer = create_user(OFFICER, "سارة العتيبي", PASSWORD)
        grant_membership(officer, tenant, "relations_officer")
        with scope(tenant):
            configure("sms", "taqnyat", {"sender": "WEFAQ"}, {"bearer_token": "tq"})
            no_quiet_hours()
        db.session.commit()
        from tests.cases.support import Association

        open_case(Association(tenant, users={"relations_officer": officer}), beneficiary=PERSON)
        db.session.commit()


@pytest.fixture
def served(tmp_path, monkeypatch):
    monkeypatch.delenv("WASL_MIGRATION_DATABASE_URL", raising=False)
    with Gateway(Answer(201, TAQNYAT_OK)) as gateway:
        app = create_app({"WASL_ENV": "test", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/feedback.sqlite3",
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
    page.screenshot(path=str(SHOTS / f"feedback-{name}-{language}.png"), full_page=True)
    assert accessibility_problems(page) == [], name  # axe-core: no serious or critical finding


def fits(page, size: dict) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= size["width"]


def _in_language(page, language: str) -> None:
    if language == "en":
        with page.expect_navigation():
            page.click("header button[name=locale][value=en]")


def _portal_signed_in(browser, base: str, gateway, language: str):
    page = browser.new_context(viewport=PHONE, locale="ar-SA", bypass_csp=True).new_page()
    page.goto(f"{base}/wefaq/portal/sign-in")
    _in_language(page, language)
    sent = len(gateway.received)
    page.fill("input[name=national_id]", PERSON["national_id"])
    page.fill("input[name=mobile]", PERSON["mobile"])
    with page.expect_navigation():
        page.click("#send-code")
    received = gateway.wait_for(sent + 1)
    code = re.search(r"(?<!\d)(\d{6})(?!\d)", received[sent].json()["body"]).group(1)
    page.fill("input[name=code]", code)
    with page.expect_navigation():
        page.click("#check-code")
    return page


def _staff_signed_in(browser, base: str, language: str):
    page = browser.new_context(viewport=DESKTOP, locale="ar-SA", bypass_csp=True).new_page()
    page.goto(f"{base}/login")
    page.fill("input[name=email]", OFFICER)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("form[action='/login'] button[type=submit]")
    page.goto(f"{base}/wefaq/feedback")
    _in_language(page, language)
    return page


def _file_complaint(page, base: str, language: str) -> str:
    page.click("#feedback-link")
    page.wait_for_selector("#feedback-new")
    page.click("#feedback-new")
    page.click("label[for=kind-complaint]")
    page.fill("#message", COMPLAINT[language])
    page.select_option("#case_id", index=1)
    assert fits(page, PHONE)
    shoot(page, "portal-new", language)
    with page.expect_navigation():
        page.click("#feedback-submit")
    assert "/wefaq/portal/feedback/" in page.url
    assert page.locator("#feedback-no-reply").count() == 1
    return re.search(r"WEF-FB-\d{4}-\d{5}", page.content()).group(0)


def _reply(page, reference: str, language: str) -> None:
    page.reload()
    row = page.locator("#feedback-queue tbody tr", has_text=reference)
    assert row.count() == 1 and row.locator("[data-clock=on_time]").count() == 1
    shoot(page, "queue", language)
    with page.expect_navigation():
        row.locator("a").first.click()
    page.fill("#reply", REPLY[language])
    with page.expect_navigation():
        page.click("#feedback-send")
    assert page.locator("#feedback-reply").inner_text().strip() == REPLY[language]
    shoot(page, "staff-reply", language)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_complaint_filed_on_a_phone_is_answered_from_the_queue(served, browser, language):
    base, gateway = served
    person_page = _portal_signed_in(browser, base, gateway, language)
    staff_page = _staff_signed_in(browser, base, language)
    reference = _file_complaint(person_page, base, language)
    sent = len(gateway.received)
    _reply(staff_page, reference, language)

    texts = [message.json()["body"] for message in gateway.wait_for(sent + 1)[sent:]]
    assert any(reference in text and "/wefaq/portal/feedback/" in text for text in texts)
    person_page.reload()
    assert person_page.locator("#feedback-reply").inner_text().strip() == REPLY[language]
    assert fits(person_page, PHONE)
    shoot(person_page, "portal-reply", language)
    person_page.click("label[for=rating-5]")
    with person_page.expect_navigation():
        person_page.click("#rating-submit")
    assert person_page.locator("#feedback-rated").count() == 1


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_visitor_files_from_the_public_policy_page(served, browser, language):
    base, _gateway = served
    page = browser.new_context(viewport=PHONE, locale="ar-SA", bypass_csp=True).new_page()
    page.goto(f"{base}/wefaq/policy?lang={language}")
    with page.expect_navigation():
        page.click("#feedback-link")
    _in_language(page, language)
    page.fill("#name", "عبدالرحمن" if language == "ar" else "Abdulrahman")
    page.fill("#mobile", "0551234567")
    page.click("label[for=kind-suggestion]")
    page.fill("#message", "أقترح فتح باب التقديم مساء الخميس." if language == "ar"
              else "Please open applications on Thursday evenings.")
    assert fits(page, PHONE)
    shoot(page, "public-new", language)
    with page.expect_navigation():
        page.click("#feedback-submit")
    assert re.search(r"WEF-FB-\d{4}-\d{5}", page.locator("#feedback-reference").inner_text())
    shoot(page, "public-thanks", language)
