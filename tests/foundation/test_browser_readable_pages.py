"""In a real browser, the staff pages a new user found wrong (issue 15), in Arabic and in English.

Shaair (three eligibility mechanisms) with a signed pledge, a pledge voided by changed data, checks
reported as met and not met with a visit booked at 10:00 Riyadh time, a case waiting for its ID, and a
second policy version; an admin and the operator sign in with their authenticators. Each page is
checked for what was wrong — raw codes, ISO dates, Arabic-Indic digits beside Western ones — and
photographed into docs/screenshots/.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from flask import g
from flask_migrate import upgrade

from tests.administration.helpers import enrol
from tests.cases.support import act, advance_to, open_case, person, scope, signature, staff
from tests.support.browser import SHOTS, SIZES, chromium, serving
from tests.support.factories import PASSWORD, Factory
from tests.support.files import PDF_BYTES
from wasl import PROJECT_ROOT, create_app
from wasl.accounts.services import create_user, grant_membership
from wasl.beneficiaries.services import update_beneficiary
from wasl.cases.evidence import checks_of
from wasl.db import db
from wasl.i18n.dates import RIYADH
from wasl.onboarding.definitions import onboard
from wasl.policy import services as policy

pytestmark = [pytest.mark.browser, pytest.mark.no_db_session]

ADMIN, OPERATOR = "admin@readable.example", "operator@readable.example"
EASTERN = re.compile("[\u0660-\u0669]")
RAW = ("case.pledge_signed", "attested_data_changed", "pledge_voided", "personal_interview", "field_visit",
       "administrative_review", "not_satisfied", "document-", "Tenant ")


def _cases(association) -> dict:
    """The cases behind the pages: each one at the point the page was wrong."""
    signed = open_case(association, beneficiary=person(8301, full_name_ar="فاطمة علي الزهراني",
                                                      full_name_en="Fatimah Alzahrani"))
    advance_to(association, signed, "pledge")
    act(association, signed, "sign_pledge", {"signed_name": "فاطمة علي الزهراني", "signature": signature()})
    voided = open_case(association, beneficiary=person(8302, full_name_ar="سعاد محمد الغامدي"))
    advance_to(association, voided, "pledge")
    act(association, voided, "sign_pledge", {"signed_name": "سعاد محمد الغامدي", "signature": signature()})
    with scope(association.tenant):
        update_beneficiary(voided.beneficiary, {"mobile": "0559876543"}, association.users["relations_officer"])
    reviewed = open_case(association, beneficiary=person(8303, full_name_ar="خالد عبدالله الشهري"))
    advance_to(association, reviewed, "committee_review")
    _report_checks(association, reviewed)
    waiting = open_case(association, beneficiary=person(8304, full_name_ar="منيرة سالم العتيبي"))
    advance_to(association, waiting, "completeness_check")
    return {"signed": signed.id, "voided": voided.id, "reviewed": reviewed.id, "waiting": waiting.id}


def _report_checks(association, case) -> None:
    """The papers met, the interview not met, the field visit booked for tomorrow at 10:00 Riyadh time."""
    with scope(association.tenant):
        checks = {c.mechanism: c.id for c in checks_of(case)}
    researcher = association.users["social_researcher"]
    act(association, case, "record_check", {"check_id": checks["administrative_review"], "outcome": "satisfied",
                                            "checklist": [{"item": "الهوية سارية", "ok": True}]}, role="supervisor")
    tomorrow = (datetime.now(RIYADH) + timedelta(days=1)).replace(hour=10, minute=0, second=0, microsecond=0)
    act(association, case, "schedule_check", {"check_id": checks["personal_interview"],
                                              "scheduled_at": tomorrow.isoformat(), "assignee_id": researcher.id},
        role="supervisor")
    act(association, case, "record_check", {"check_id": checks["personal_interview"], "outcome": "not_satisfied",
                                            "report": "لم تنطبق شروط الدخل على الأسرة."}, role="supervisor")
    act(association, case, "schedule_check", {"check_id": checks["field_visit"], "scheduled_at": tomorrow.isoformat(),
                                              "assignee_id": researcher.id, "address": "حي النسيم، بيشة"},
        role="supervisor")


def _versions(tenant, admin) -> dict:
    """Version 2 (a longer window counted in working days, a channel off, a board approval), published;
    version 3 started as a draft, for the channel editor."""
    second = policy.start_draft(admin, "published", tenant=tenant)
    second = policy.update_draft(second, "decision_window", {"days": 15, "counting": "working"},
                                 second.lock_version, admin)
    channels = [dict(c, enabled=c["key"] != "letters") for c in second.content["channels"]]
    second = policy.update_draft(second, "channels", channels, second.lock_version, admin)
    policy.approve(second, "12", date_gregorian="2026-11-19", actor=admin)
    policy.publish(second, admin)
    first = policy.list_versions(tenant)[-1]
    draft = policy.start_draft(admin, "published", tenant=tenant)
    return {"first": first.id, "second": second.id, "draft": draft.id}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("readable")
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("WASL_MIGRATION_DATABASE_URL", raising=False)
        app = create_app({"WASL_ENV": "test", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{root}/readable.sqlite3",
                          "RATELIMIT_STORAGE_URI": "memory://", "WASL_UPLOAD_DIR": str(root / "uploads")})
        with app.app_context():
            upgrade(directory=app.extensions["migrate"].directory, revision="heads")
            tenant = onboard(PROJECT_ROOT / "tenants" / "shaair").tenant
            association = staff(Factory(db.session), tenant)
            admin = create_user(ADMIN, "نورة الحربي", PASSWORD)
            grant_membership(admin, tenant, "admin")
            operator = create_user(OPERATOR, "مشغل المنصة", PASSWORD, is_operator=True)
            db.session.flush()
            totps = {"admin": enrol(admin)[0], "operator": enrol(operator)[0]}
            db.session.commit()
            world = _cases(association)
            with app.test_request_context(), scope(tenant):
                g.actor = admin  # as when the admin does it from the pages: the audit log names them
                world |= _versions(tenant, admin)
            db.session.commit()
        try:
            with serving(app) as base:
                yield base, world, totps, root
        finally:
            with app.app_context():
                db.session.remove()
                db.engine.dispose()


@pytest.fixture(scope="module")
def admin_page(served):
    """One desktop page signed in as the admin for the whole module: a code from the authenticator is
    accepted once, so a second sign-in within the same 30 seconds would be refused."""
    base, _world, totps, _root = served
    with chromium() as browser:
        page = browser.new_context(viewport=SIZES["desktop"], locale="ar-SA").new_page()
        _sign_in(page, base, ADMIN)
        page.goto(f"{base}/shaair/admin/audit")
        _second_factor(page, totps["admin"])
        yield page


def _sign_in(page, base: str, email: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("form[action='/login'] button[type=submit]")


def _second_factor(page, totp) -> None:
    page.fill("input[name=code]", totp.now())
    with page.expect_navigation():
        page.click("main form button[type=submit]")


def _open(page, url: str, language: str) -> str:
    page.goto(f"{url}{'&' if '?' in url else '?'}lang={language}")
    assert page.get_attribute("html", "dir") == ("rtl" if language == "ar" else "ltr")
    return page.inner_text("main")


def _choose_language(page, language: str) -> None:
    """The language chosen from the header, as a person does, so the pages after a form keep it."""
    switch = page.locator(f"header button[name=locale][value={language}]")
    if switch.count():
        with page.expect_navigation():
            switch.click()


def _readable(text: str, where: str) -> None:
    """No raw code and, in either language, no Arabic-Indic digit beside the Western ones."""
    for code in RAW:
        assert code not in text, f"{where} shows {code!r}"
    assert not EASTERN.search(text), f"{where} mixes digit sets"
    assert not re.search(r"\b(19|20)\d\d-\d\d-\d\d\b", text), f"{where} shows an ISO date"


def _shot(page, name: str, language: str, selector: str | None = None, *, full_page: bool = True) -> None:
    """``docs/screenshots/<name>-<language>.png``: the whole page (or its first screen), or the part
    ``selector`` names."""
    path = str(SHOTS / f"{name}-{language}.png")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} scrolls sideways by {overflow}px"
    if selector:
        page.locator(selector).first.scroll_into_view_if_needed()
        page.locator(selector).first.screenshot(path=path)
    else:
        page.screenshot(path=path, full_page=full_page)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_admin_pages_read_in_words(served, admin_page, language):
    base, world, _totps, _root = served
    page = admin_page
    text = _open(page, f"{base}/shaair/admin/audit", language)
    _readable(text, "the audit log")
    assert ("9 جمادى الآخرة 1448 هـ" if language == "ar" else "9 Jumada al-Akhirah 1448 AH") in text  # a Hijri day
    _shot(page, "audit-log", language, full_page=False)  # its first screen: the newest events
    text = _open(page, f"{base}/shaair/admin/audit?action=case", language)
    _readable(text, "the audit log of requests")
    assert ("تم توقيع التعهد" if language == "ar" else "Pledge signed") in text
    _shot(page, "audit-log-cases", language, full_page=False)

    compare = f"{base}/shaair/admin/policy/history?a={world['first']}&b={world['second']}"
    text = _open(page, compare, language)
    _readable(text, "the policy comparison")
    assert ("15 يوم عمل" if language == "ar" else "15 working days") in text
    _shot(page, "policy-diff", language)

    text = _open(page, f"{base}/shaair/admin/policy/{world['draft']}/channels", language)
    assert ("المقابلة" if language == "ar" else "Interview") in text
    _shot(page, "policy-channels", language)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_policy_pages_read_in_words(served, admin_page, language):
    base, world, _totps, _root = served
    page = admin_page
    text = _open(page, f"{base}/shaair/policy", language)  # the published policy, as the public reads it
    _readable(text, "the public policy")
    assert ("15 يوم عمل" if language == "ar" else "15 working days") in text
    _shot(page, "policy-public", language)
    text = _open(page, f"{base}/shaair/admin/policy/{world['draft']}", language)  # the draft, in the editor
    _readable(text, "the policy editor")
    _shot(page, "policy-editor", language, full_page=False)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_case_pages_read_in_words(served, admin_page, language):
    base, world, _totps, _root = served
    page = admin_page

    _open(page, f"{base}/shaair/cases/{world['voided']}", language)
    timeline = page.inner_text("#timeline")
    _readable(timeline, "the timeline")
    assert ("تغيّرت البيانات التي أقرّ بها المستفيد" if language == "ar" else "changed") in timeline
    _shot(page, "case-timeline", language, "#timeline")

    _open(page, f"{base}/shaair/cases/{world['signed']}", language)
    pledge = page.inner_text("#signed-pledge")
    assert "فاطمة علي الزهراني" in pledge and page.locator("#signed-pledge img").count() == 1
    assert page.locator("#declaration").count() == 0  # the form is not offered again
    _readable(pledge, "the signed pledge")
    _shot(page, "case-pledge-signed", language, "#signed-pledge")

    _open(page, f"{base}/shaair/cases/{world['reviewed']}", language)
    committee = page.inner_text("#current-step")
    _readable(committee, "the eligibility checks")
    if language == "ar":
        assert "مستوفٍ" in committee and "غير مستوفٍ" in committee and "راضٍ" not in committee
    assert "10:00" in committee  # booked at 10:00 Riyadh time, shown as 10:00
    report = page.locator("#current-step p[dir=auto]", has_text="لم تنطبق شروط الدخل")
    assert report.count() == 1  # an Arabic report keeps its own direction on the English page too
    _shot(page, "case-checks", language, "#current-step")


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_expiry_is_typed_in_hijri_and_read_back_in_both_calendars(served, admin_page, language):
    base, world, _totps, root = served
    page = admin_page
    page.goto(f"{base}/shaair/cases/{world['waiting']}")
    _choose_language(page, language)  # the upload is a POST: the language must be the session's
    assert page.get_attribute("html", "lang") == language
    scan = root / f"id-{language}.pdf"
    scan.write_bytes(PDF_BYTES)
    page.set_input_files("#file-national_id", str(scan))
    page.fill("#expires-national_id", "1450/03/15 هـ")
    _shot(page, "case-expiry-hijri", language, "#documents")
    with page.expect_navigation():
        page.click("#upload-form button[type=submit]")
    said = page.inner_text("main .alert-info")
    assert ("15 ربيع الأول 1450 هـ — 6 أغسطس 2028 م" if language == "ar" else "15 Rabi") in said
    _readable(said, "the expiry read back")
    _shot(page, "case-expiry-read-back", language, "#documents")


def test_the_operator_lands_on_the_console(served, admin_page):
    base, _world, totps, _root = served
    browser = admin_page.context.browser  # one Playwright per module: the admin's, with a context of its own
    page = browser.new_context(viewport=SIZES["desktop"], locale="ar-SA").new_page()
    _sign_in(page, base, OPERATOR)
    assert "/operator/" in page.url  # not "you are not a member of any association"
    _second_factor(page, totps["operator"])
    assert page.url.endswith("/operator/")
    text = page.inner_text("main")
    assert "لست عضوًا" not in text
    _readable(text, "the operator console")
    _shot(page, "operator-console", "ar")
    text = _open(page, f"{base}/operator/", "en")
    _shot(page, "operator-console", "en")
