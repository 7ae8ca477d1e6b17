"""Counted nouns follow Arabic's six plural forms (CLDR): 0, 1, 2, 3–10, 11–99, and 100 and beyond."""

import pytest
from babel.messages.pofile import read_po
from flask_babel import force_locale, ngettext

from wasl import PROJECT_ROOT


def _catalogue():
    with open(PROJECT_ROOT / "translations" / "ar" / "LC_MESSAGES" / "messages.po", encoding="utf-8") as handle:
        return read_po(handle)


def test_the_arabic_catalogue_uses_the_cldr_plural_rule():
    catalogue = _catalogue()
    assert catalogue.num_plurals == 6
    assert catalogue.plural_expr.replace(" ", "") == (
        "(n==0?0:n==1?1:n==2?2:n%100>=3&&n%100<=10?3:n%100>=11?4:5)")


def test_every_plural_message_has_all_six_arabic_forms():
    for message in _catalogue():
        if message.pluralizable and message.id:
            assert len(message.string) == 6 and all(message.string), message.id


@pytest.mark.parametrize(("count", "expected"), [
    (1, "يوم تقويمي واحد"), (2, "يومان تقويميان"), (7, "7 أيام تقويمية"), (11, "11 يومًا تقويميًا"),
    (99, "99 يومًا تقويميًا"), (100, "100 يوم تقويمي"), (103, "103 أيام تقويمية")])
def test_calendar_days_take_the_form_their_number_needs(app, count, expected):
    with app.test_request_context(), force_locale("ar"):
        assert ngettext("%(num)d calendar day", "%(num)d calendar days", count) == expected


@pytest.mark.parametrize(("count", "expected"), [
    (0, "لا طلبات"), (1, "طلب واحد"), (2, "طلبان"), (3, "3 طلبات"), (14, "14 طلبًا"), (200, "200 طلب"), (250, "250 طلبًا")])
def test_the_lists_count_their_requests_in_arabic(app, count, expected):
    with app.test_request_context(), force_locale("ar"):
        assert ngettext("%(num)s request", "%(num)s requests", count) == expected
