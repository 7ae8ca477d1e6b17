"""Arabic first: direction follows the locale, dates in both calendars, a complete Arabic catalogue."""

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from flask_babel import force_locale

from wasl import PROJECT_ROOT
from wasl.i18n.dates import dual_date
from wasl.i18n.validation import translate_errors


def test_arabic_is_the_default_and_right_to_left(client):
    page = client.get("/login").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in page
    assert "bootstrap.rtl.min.css" in page


def test_english_is_left_to_right(client):
    page = client.get("/login?lang=en").get_data(as_text=True)
    assert '<html lang="en" dir="ltr">' in page
    assert "bootstrap.min.css" in page and "Sign in to Wasl" in page


def test_browser_language_is_honoured_when_nothing_else_is_chosen(client):
    page = client.get("/login", headers={"Accept-Language": "en-GB,en;q=0.9"}).get_data(as_text=True)
    assert 'lang="en"' in page


def test_language_switch_is_remembered(client):
    from tests.support.web import csrf_token

    client.post("/locale", data={"locale": "en", "next": "/login", "csrf_token": csrf_token(client)})
    assert 'lang="en"' in client.get("/login").get_data(as_text=True)


def test_error_pages_in_both_languages(client):
    assert "لم يُعثر على شيء في هذا العنوان" in client.get("/no-such-thing/").get_data(as_text=True)
    assert "Nothing was found" in client.get("/no-such-thing/?lang=en").get_data(as_text=True)


def test_dual_date_shows_hijri_and_gregorian(app):
    with app.test_request_context(), force_locale("ar"):
        text = dual_date(date(2024, 4, 17))
        assert "شوال" in text and "1445" in text and "2024" in text
    with app.test_request_context(), force_locale("en"):
        assert dual_date(date(2024, 4, 17)) == "8 Shawwal 1445 AH — April 17, 2024"


def test_validation_messages_are_translated(app):
    with app.test_request_context(), force_locale("ar"):
        errors = translate_errors({"name": ["Missing data for required field."],
                                   "kind": ["Must be one of: a, b."]})
    assert errors["name"] == ["هذا الحقل مطلوب."]
    assert errors["kind"][0].startswith("يجب أن تكون القيمة إحدى")


def _extract(tmp_path: Path) -> Path:
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [str(Path(sys.executable).parent / "pybabel"), "extract", "-F", "babel.cfg", "-k", "_l",
         "-k", "lazy_gettext", "--no-location", "-o", str(pot), "."],
        cwd=PROJECT_ROOT, check=True, capture_output=True,
    )
    return pot


@pytest.mark.parametrize("locale", ["ar"])
def test_every_string_in_the_code_has_a_translation(tmp_path, locale):
    with open(_extract(tmp_path), encoding="utf-8") as handle:
        source = read_po(handle)
    with open(PROJECT_ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po", encoding="utf-8") as handle:
        catalogue = read_po(handle)
    missing = []
    for message in source:
        if not message.id:
            continue
        entry = catalogue.get(message.id, context=message.context)
        strings = entry.string if entry is not None else None
        translated = all(strings) if isinstance(strings, tuple) else bool(strings)
        if entry is None or not translated or entry.fuzzy:
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    assert not missing, f"{len(missing)} strings lack an Arabic translation (run scripts/i18n.sh):\n" + "\n".join(
        missing[:40])
