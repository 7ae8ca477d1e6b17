"""Every page shows its numbers in one digit set: counts, rates, dates, times and references alike.

The rule (``wasl.i18n.digits``) is Western digits in both languages, so a reference such as
``WEF-2026-00001``, an ID number or a mobile needs no exception: it is in the same digits as the dates
around it. Only the text people read is checked: tags, attributes (URLs, ids, form values) and scripts
are left out.
"""

from __future__ import annotations

import html
import re

import pytest

from tests.administration.helpers import admin_of
from tests.cases.support import act, advance_to, scope
from tests.notifications.conftest import base_urls, gateway  # noqa: F401 - fixtures used here
from tests.portal.conftest import fresh_limits, noura, wefaq  # noqa: F401 - fixtures used here
from tests.portal.support import sign_in
from wasl.cases.models import Case
from wasl.db import db

EASTERN = re.compile("[\u0660-\u0669\u06f0-\u06f9]")
WESTERN = re.compile("[0-9]")
_HIDDEN = re.compile(r"<(script|style|template)\b.*?</\1>|<!--.*?-->", re.S | re.I)


def visible_text(page: str) -> str:
    """What a person reads on ``page``: its text without tags, attributes, scripts or styles."""
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", _HIDDEN.sub(" ", page))))


def assert_one_digit_set(client, url: str) -> str:
    answer = client.get(url)
    assert answer.status_code == 200, (url, answer.status_code)
    page = answer.get_data(as_text=True)
    assert 'lang="ar"' in page, url
    text = visible_text(page)
    eastern = sorted({m.group() for m in EASTERN.finditer(text)})
    assert not eastern, f"{url} mixes Arabic-Indic digits {eastern} with Western ones: …{_around(text)}…"
    assert WESTERN.search(text), f"{url} shows no number at all, so the check proves nothing"
    return text


def _around(text: str) -> str:
    found = EASTERN.search(text)
    return text[max(found.start() - 40, 0):found.end() + 40]


@pytest.fixture
def case_id(wefaq, noura, factory):  # noqa: F811
    """Noura's request, waiting for the committee: dates, a decision window, a timeline with times."""
    with scope(wefaq.tenant):
        case = db.session.get(Case, noura.case_id)
        advance_to(wefaq, case, "committee_review")
    factory.commit()
    return noura.case_id


def test_the_staff_pages_in_arabic_use_one_digit_set(app, factory, wefaq, case_id):  # noqa: F811
    client = app.test_client()
    admin_of(client, factory, wefaq.tenant)
    slug = wefaq.slug
    for url in (f"/{slug}/dashboard", f"/{slug}/cases", f"/{slug}/cases/{case_id}", f"/{slug}/admin/audit"):
        assert_one_digit_set(client, f"{url}?lang=ar")


def test_the_portal_request_page_in_arabic_uses_one_digit_set(app, wefaq, noura, case_id, gateway):  # noqa: F811
    client = app.test_client()
    assert sign_in(client, wefaq.slug, wefaq.tenant.id, gateway, noura.national_id, noura.mobile).status_code == 302
    text = assert_one_digit_set(client, f"/{wefaq.slug}/portal/requests/{case_id}?lang=ar")
    assert "هـ" in text  # its dates are there, in the same digits as the reference


def test_a_quantity_delivered_is_in_the_same_digits(app, factory, wefaq, noura, gateway):  # noqa: F811
    with scope(wefaq.tenant):
        case = db.session.get(Case, noura.case_id)
        advance_to(wefaq, case, "service_delivery")
        act(wefaq, case, "record_delivery", {"description": "سلة غذائية شهرية", "quantity": "1.5"})
    factory.commit()
    client = app.test_client()
    assert sign_in(client, wefaq.slug, wefaq.tenant.id, gateway, noura.national_id, noura.mobile).status_code == 302
    assert "1.5" in assert_one_digit_set(client, f"/{wefaq.slug}/portal/requests/{noura.case_id}?lang=ar")
