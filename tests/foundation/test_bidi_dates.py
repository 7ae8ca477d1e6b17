"""Dates inside Arabic sentences: in the interface's own format and isolated, never a bare ISO date."""

import html
import io
import re
from datetime import date

import pytest
from flask import render_template_string
from flask_babel import force_locale
from hijridate import Hijri

from tests.cases.pages import as_member, case_at, desk, seen
from tests.support.files import PDF_BYTES
from tests.support.web import csrf_token
from wasl.cases.required_documents import EXPIRED, DocumentProblem
from wasl.documents.expiry import ExpiryError, parse_expiry
from wasl.policy.approval import BoardDateError, disagreement, resolve_board_date


def test_an_expired_document_message_gives_both_dates_as_the_interface_does(app):
    problem = DocumentProblem("national_id", {"ar": "الهوية الوطنية", "en": "National ID"}, EXPIRED,
                              date(2024, 4, 17))
    with app.test_request_context(), force_locale("ar"):
        text = problem.message(date(2024, 5, 1))
    assert "2024-04-17" not in text and "2024-05-01" not in text
    assert "\u20688 شوال 1445 هـ — 17 أبريل 2024 م\u2069" in text


def test_typed_dates_in_an_arabic_error_keep_their_order(app):
    with app.test_request_context(), force_locale("ar"):
        text = disagreement(Hijri(1445, 4, 6), date(2024, 10, 21))
    assert "\u20661445-04-06\u2069" in text and "\u20662024-10-21\u2069" in text
    with app.test_request_context(), force_locale("en"):
        assert disagreement(Hijri(1445, 4, 6), date(2024, 10, 21)).startswith("1445-04-06 AH is 2023-10-21")


def test_a_date_out_of_range_is_named_in_the_interface_format(app):
    with app.test_request_context(), force_locale("ar"):
        with pytest.raises(ExpiryError) as expiry:
            parse_expiry("1924-03-01")
        with pytest.raises(BoardDateError) as board:
            resolve_board_date(date_gregorian="1924-03-01")
    assert "\u2068" + "30 ذو الحجة 1500 هـ — 16 نوفمبر 2077 م" + "\u2069" in expiry.value.reason  # either calendar
    assert "\u2068" + "16 نوفمبر 2077 م" + "\u2069" in board.value.messages["date_gregorian"][0]  # a Gregorian field
    for text in (expiry.value.reason, board.value.messages["date_gregorian"][0]):
        assert "1924-08-01" not in text and "2077-11-16" not in text


def test_the_expiry_read_back_after_an_upload_is_isolated(app, factory):
    association = desk(factory)
    factory.commit()
    client = app.test_client()
    case = seen(case_at(association, "completeness_check"))
    as_member(client, association, "relations_officer")
    token = csrf_token(client, case.url)
    stored = client.post(case.url + "/documents?lang=ar", content_type="multipart/form-data", data={
        "csrf_token": token, "file-national_id": (io.BytesIO(PDF_BYTES), "هوية.pdf"),
        "expires-national_id": "١٤٥٠/٠٣/١٥ هـ"})
    assert stored.status_code == 302
    page = client.get(case.url + "?lang=ar").get_data(as_text=True)
    [said] = [line for line in re.findall(r'role="alert">([^<]*)<', page) if "ينتهي" in line]
    assert "\u2068" + "15 ربيع الأول 1450 هـ — 6 أغسطس 2028 م" + "\u2069" in html.unescape(said)


def test_dates_in_the_sentences_of_a_page_are_isolated(app):
    with app.test_request_context("/?lang=ar"):
        rendered = render_template_string('{{ _("The decision is expected by {date}.").format(date=day|dual_date) }}',
                                          day=date(2024, 4, 17))
    assert rendered.endswith("\u2068" + "8 شوال 1445 هـ — 17 أبريل 2024 م" + "\u2069.")


def test_iso_dates_in_the_arabic_catalogue_are_kept_left_to_right():
    """After Arabic letters the digits of 2028-09-01 count as Arabic numbers, and the hyphens between
    them no longer join them: unisolated, the example reads 01-09-2028."""
    from babel.messages.pofile import read_po

    from wasl import PROJECT_ROOT

    with open(PROJECT_ROOT / "translations" / "ar" / "LC_MESSAGES" / "messages.po", "rb") as po:
        catalogue = read_po(po)
    bare = [text for message in catalogue if message.id
            for text in (message.string if isinstance(message.string, tuple) else (message.string,))
            if re.search(r"(?<!\u2066)\d{4}-\d{2}-\d{2}", text or "")]
    assert bare == []
