"""Dates inside Arabic sentences: in the interface's own format and isolated, never a bare ISO date."""

from datetime import date

from flask_babel import force_locale
from hijridate import Hijri

from wasl.cases.required_documents import EXPIRED, DocumentProblem
from wasl.policy.approval import disagreement


def test_an_expired_document_message_gives_both_dates_as_the_interface_does(app):
    problem = DocumentProblem("national_id", {"ar": "الهوية الوطنية", "en": "National ID"}, EXPIRED,
                              date(2024, 4, 17))
    with app.test_request_context(), force_locale("ar"):
        text = problem.message(date(2024, 5, 1))
    assert "2024-04-17" not in text and "2024-05-01" not in text
    assert "\u2068٨ شوال ١٤٤٥ هـ — ١٧ أبريل ٢٠٢٤ م\u2069" in text


def test_typed_dates_in_an_arabic_error_keep_their_order(app):
    with app.test_request_context(), force_locale("ar"):
        text = disagreement(Hijri(1445, 4, 6), date(2024, 10, 21))
    assert "\u20661445-04-06\u2069" in text and "\u20662024-10-21\u2069" in text
    with app.test_request_context(), force_locale("en"):
        assert disagreement(Hijri(1445, 4, 6), date(2024, 10, 21)).startswith("1445-04-06 AH is 2023-10-21")
