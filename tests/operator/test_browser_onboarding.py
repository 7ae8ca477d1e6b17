"""A new charity onboarded end to end in headless Chromium, against a real server and SMTP server.

The test builds its own committed database and app (it cannot live inside the
rolled-back transaction of the other tests, since the server thread has its own
connections), serves it with werkzeug and reads invitations from the mail that
reaches a local aiosmtpd server.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from email import message_from_bytes
from email.policy import default as default_policy

import pyotp
import pytest
from aiosmtpd.controller import Controller
from flask_migrate import upgrade
from werkzeug.serving import make_server

from tests.operator.helpers import SVG_LOGO
from tests.support import databases

pytestmark = [pytest.mark.browser, pytest.mark.no_db_session]
PASSWORD = "operator password 2026"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


class Inbox:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append(message_from_bytes(envelope.content, policy=default_policy))
        return "250 OK"

    def link_for(self, address: str, timeout: float = 15.0) -> str | None:
        deadline = time.time() + timeout
        while time.time() < deadline:
            for message in self.messages:
                if address in message["To"]:
                    body = message.get_body(("plain", "html")).get_content()
                    found = re.search(r"https?://\S+/invitation/[\w-]+", body)
                    if found:
                        return found.group(0)
            time.sleep(0.2)
        return None

    def code_for(self, address: str, timeout: float = 15.0) -> str | None:
        """The six-digit confirmation code of the newest message to ``address`` that carries one."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            for message in reversed(self.messages):
                if address in message["To"]:
                    found = re.search(r"(?<!\d)(\d{6})(?!\d)", message.get_body(("plain", "html")).get_content())
                    if found:
                        return found.group(1)
            time.sleep(0.2)
        return None


@pytest.fixture
def served(tmp_path, monkeypatch):
    inbox = Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    smtp.start()
    database = _database(tmp_path, monkeypatch)
    app = _app(database, tmp_path, smtp.port)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    base = f"http://127.0.0.1:{server.server_port}"
    app.config["WASL_PUBLIC_URL"] = base
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield app, base, inbox
    finally:
        server.shutdown()
        # Its sweep would otherwise go on running into later tests' database sessions.
        from wasl.notifications import inline

        inline.stop(app)
        smtp.stop()
        with app.app_context():
            from wasl.db import db

            db.engine.dispose()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database(tmp_path, monkeypatch):
    if databases.backend() == "postgresql":
        admin = os.environ.get("WASL_TEST_PG_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
        database = databases.prepare_postgres(admin, "wasl_browser_test")
        monkeypatch.setenv("WASL_MIGRATION_DATABASE_URL", database.owner_url)
        return database
    return databases.prepare_sqlite(str(tmp_path))


def _app(database, tmp_path, smtp_port):
    from tests.conftest import make_app

    monkeypatch_env = {"WASL_INSTANCE_PATH": str(tmp_path / "instance")}
    os.environ.update(monkeypatch_env)
    app = make_app(database, SERVER_NAME=None, TESTING=False, NOTIFICATIONS_DELIVERY="inline",
                   WASL_UPLOAD_DIR=str(tmp_path / "uploads"),
                   WASL_PLATFORM_EMAIL={"provider": "smtp", "settings": {
                       "host": "127.0.0.1", "port": smtp_port, "security": "none",
                       "from_address": "no-reply@wasl.example", "from_name": "Wasl"}})
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory, revision="heads")
    return app


def _operator(app) -> pyotp.TOTP:
    from tests.administration.helpers import enrol
    from wasl.accounts.services import create_user
    from wasl.db import db

    with app.app_context(), app.test_request_context():
        operator = create_user("operator@wasl.example", "مشغل المنصة", PASSWORD, is_operator=True)
        db.session.flush()
        totp, _codes = enrol(operator)
        db.session.commit()
    return totp


def _browser():
    from playwright.sync_api import sync_playwright

    manager = sync_playwright().start()
    browser = manager.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS, headless=True)
    return manager, browser


def _sign_in(page, base, email, password):
    page.goto(f"{base}/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("form[action='/login'] button[type=submit]")
    assert "/login" not in page.url, page.inner_text("main")


def _onboard(page, base):
    page.goto(f"{base}/operator/onboarding/")
    page.fill("input[name=slug]", "ytam-riyadh")
    page.fill("input[name=name_ar]", "جمعية رعاية الأيتام بالرياض")
    page.fill("input[name=name_en]", "Orphan Care Association in Riyadh")
    page.fill("input[name=registration_number]", "1234")
    page.fill("input[name=city_ar]", "الرياض")
    page.fill("input[name=city_en]", "Riyadh")
    page.click("#wizard-next")
    page.fill("input[name=phone]", "+966112345678")
    page.fill("textarea[name=social]", "x:ytam_riyadh")
    page.click("#wizard-next")
    page.set_input_files("input[name=logo]", files=[{"name": "logo.svg", "mimeType": "image/svg+xml",
                                                      "buffer": SVG_LOGO}])
    page.fill("input[name=beneficiary_ar]", "اليتيم")
    page.fill("input[name=beneficiary_en]", "orphan")
    page.fill("input[name=beneficiaries_ar]", "الأيتام")
    page.fill("input[name=beneficiaries_en]", "orphans")
    page.click("#wizard-next")
    page.check("input[name=source][value=standard]")
    page.click("#wizard-next")
    page.fill("input[name=admin_email]", "hind@ytam.example.org")
    page.fill("input[name=admin_name]", "هند العنزي")
    page.click("#wizard-next")
    page.click("#wizard-create")
    page.wait_for_url(re.compile(r"/operator/associations/ytam-riyadh$"))


def _invitation_link(page, inbox, address) -> tuple[str, str]:
    """The link from the e-mail when one arrives, else from the flash the inviter sees (no outbox yet)."""
    link = inbox.link_for(address, timeout=45)  # the worker may be slow to send on a loaded machine
    if link:
        return link, "email"
    text = page.inner_text("main")
    return re.search(r"https?://\S+/invitation/[\w-]+", text).group(0), "screen"


def _accept(context, link, name, password, inbox, address):
    """Set a password from the link, then confirm the address with the code the invitee was e-mailed."""
    page = context.new_page()
    page.goto(link)
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", password)
    page.fill("input[name=confirm]", password)
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/invitation/[\w-]+/code$"))
    code = inbox.code_for(address)
    assert code, f"no confirmation code reached {address}"
    page.fill("input[name=code]", code)
    page.click("main form button[type=submit]")
    return page


def test_an_operator_onboards_a_riyadh_charity_whose_admin_then_runs_it(served):
    app, base, inbox = served
    operator_totp = _operator(app)
    manager, browser = _browser()
    try:
        operator = browser.new_context(locale="ar-SA").new_page()
        _sign_in(operator, base, "operator@wasl.example", PASSWORD)
        operator.goto(f"{base}/operator/")
        assert "/two-factor/verify" in operator.url
        operator.fill("input[name=code]", "000000")
        with operator.expect_navigation():
            operator.click("main form button[type=submit]")
        assert "/two-factor/verify" in operator.url
        operator.fill("input[name=code]", operator_totp.now())
        with operator.expect_navigation() as nav:
            operator.click("main form button[type=submit]")
        assert operator.url == f"{base}/operator/", (nav.value.status, operator.content())
        assert operator.locator("html").get_attribute("dir") == "rtl"
        _onboard(operator, base)
        assert "جمعية رعاية الأيتام بالرياض" in operator.inner_text("h1")
        admin_link, admin_channel = _invitation_link(operator, inbox, "hind@ytam.example.org")

        admin = _accept(browser.new_context(locale="ar-SA"), admin_link, "هند العنزي", "hind password 2026",
                        inbox, "hind@ytam.example.org")
        admin.wait_for_url(re.compile(r"/two-factor/setup"))
        assert admin.locator("img[src^='data:image/svg+xml;base64,']").count() == 1
        secret = admin.inner_text("#totp-secret").strip()
        admin.fill("input[name=code]", pyotp.TOTP(secret).now())
        admin.click("main form button[type=submit]")
        admin.wait_for_selector("#recovery-codes li")
        assert admin.locator("#recovery-codes li").count() == 10
        admin.click("#continue")
        admin.wait_for_url(re.compile(r"/ytam-riyadh/admin/staff"))

        admin.fill("#invite-form input[name=email]", "officer@ytam.example.org")
        admin.fill("#invite-form input[name=name]", "سعد القحطاني")
        admin.select_option("#invite-form select[name=role_id]", label="موظف علاقات المستفيدين")
        admin.click("#invite-form button[type=submit]")
        admin.wait_for_url(re.compile(r"/ytam-riyadh/admin/staff$"))
        officer_link, officer_channel = _invitation_link(admin, inbox, "officer@ytam.example.org")
        assert officer_channel == admin_channel

        officer = _accept(browser.new_context(locale="ar-SA"), officer_link, "سعد القحطاني", "saad password 2026",
                          inbox, "officer@ytam.example.org")
        officer.wait_for_url(re.compile(r"/ytam-riyadh/$"))
        assert "جمعية رعاية الأيتام بالرياض" in officer.inner_text("main")
        assert officer.goto(f"{base}/ytam-riyadh/admin/staff").status == 403
        print(f"invitation links read from: {admin_channel}")

        _board_approves_and_publishes(app, "ytam-riyadh", "hind@ytam.example.org")
        _officer_opens_first_case(officer, base)
    finally:
        browser.close()
        manager.stop()


def _board_approves_and_publishes(app, slug: str, admin_email: str) -> None:
    """The admin records the board's approval of the draft made from the standard template and publishes it.

    The editor's pages for this are exercised in tests/policy; here the same service calls stand in.
    """
    from sqlalchemy import select

    from wasl.accounts.services import find_user
    from wasl.db import db
    from wasl.policy import services as policy
    from wasl.tenancy.models import Tenant
    from wasl.tenancy.scope import tenant_scope

    with app.app_context():
        tenant = db.session.scalar(select(Tenant).where(Tenant.slug == slug))
        admin = find_user(admin_email)
        with tenant_scope(db.session, tenant.id):
            draft = policy.current_draft(tenant)
            approved = policy.approve(draft, "1", date_hijri="1448-05-01", actor=admin)
            policy.publish(approved, actor=admin)
            db.session.commit()


def _officer_opens_first_case(officer, base: str) -> None:
    """Intake from a look-up: the person is new, so they are registered together with the request."""
    officer.goto(f"{base}/ytam-riyadh/cases/new")
    officer.fill("#lookup-form input[name=lookup]", "1000000008")
    with officer.expect_navigation():
        officer.click("#lookup-form button[type=submit]")
    officer.fill("#intake-form input[name='b-full_name_ar']", "مريم سالم العتيبي")
    officer.fill("#intake-form input[name='b-mobile']", "0551234567")
    officer.select_option("#intake-form select[name='b-gender']", "female")
    officer.check("#intake-form input[name='b-consent_given']")
    officer.select_option("#intake-form select[name='service']", "support_request")
    officer.select_option("#intake-form select[name='channel']", "interview")
    with officer.expect_navigation():
        officer.click("#intake-form button[type=submit]")
    assert re.search(r"/ytam-riyadh/cases/\d+$", officer.url), officer.inner_text("main")[:800]
    assert re.search(r"YTA-\d{4}-000001", officer.inner_text("main"))
