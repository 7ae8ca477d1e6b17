"""The case page once the pledge is signed, and the reception's one form."""

from __future__ import annotations

import pytest

from tests.cases.pages import as_member, case_at, desk, post_action, seen
from tests.cases.support import signature


@pytest.fixture
def wefaq_desk(factory):
    association = desk(factory)
    factory.commit()
    return association


def test_the_signed_pledge_is_shown_with_its_signature_and_the_form_is_not(client, wefaq_desk):
    case = seen(case_at(wefaq_desk, "pledge"))
    as_member(client, wefaq_desk, "relations_officer")
    signed = post_action(client, case.url, "sign_pledge", {"signed_name": "أحمد صالح", "signature": signature()})
    assert signed.status_code == 302
    html = client.get(case.url + "?lang=ar").get_data(as_text=True)
    assert 'id="form-sign_pledge"' not in html and "data-signature-pad" not in html
    assert 'id="signed-pledge"' in html and "أحمد صالح" in html
    assert "أقر بصحة البيانات المقدمة مني" in html  # the declaration that was signed
    image = f"/wefaq/cases/{case.id}/pledges/"
    assert image in html and "signature.png" in html
    src = html[html.index(image):html.index("signature.png", html.index(image)) + len("signature.png")]
    png = client.get(src)
    assert png.status_code == 200 and png.mimetype == "image/png" and png.data.startswith(b"\x89PNG")
    assert png.headers["Cache-Control"] == "private, no-store"
    assert client.get(src.replace(f"/cases/{case.id}/", f"/cases/{case.id + 999}/")).status_code == 404

    submitted = post_action(client, case.url, "submit", {})
    assert submitted.status_code == 302
    later = client.get(case.url + "?lang=en").get_data(as_text=True)
    assert 'id="signed-pledge"' in later and 'id="form-sign_pledge"' not in later


def test_a_pledge_in_another_case_is_not_served(client, wefaq_desk):
    first = seen(case_at(wefaq_desk, "pledge"))
    second = seen(case_at(wefaq_desk, "pledge"))
    as_member(client, wefaq_desk, "relations_officer")
    post_action(client, first.url, "sign_pledge", {"signed_name": "أحمد صالح", "signature": signature()})
    html = client.get(first.url).get_data(as_text=True)
    start = html.index(f"/wefaq/cases/{first.id}/pledges/")
    src = html[start:html.index("signature.png", start) + len("signature.png")]
    assert client.get(src.replace(f"/cases/{first.id}/", f"/cases/{second.id}/")).status_code == 404


def test_the_signature_error_is_marked_for_the_pad_to_clear(client, wefaq_desk):
    case = seen(case_at(wefaq_desk, "pledge"))
    as_member(client, wefaq_desk, "relations_officer")
    missing = post_action(client, case.url + "?lang=en", "sign_pledge", {"signed_name": "أحمد"}, page_url=case.url)
    html = missing.get_data(as_text=True)
    assert missing.status_code == 422
    assert "data-signature-field" in html and "data-signature-error" in html


def test_the_reception_has_one_notes_box_and_a_button_per_action(client, wefaq_desk):
    case = seen(case_at(wefaq_desk, "reception"))
    as_member(client, wefaq_desk, "relations_officer")
    html = client.get(case.url + "?lang=en").get_data(as_text=True)
    step = html[html.index('id="current-step"'):html.index("</section>", html.index('id="current-step"'))]
    assert step.count("<textarea") == 1 and step.count("<form") == 1
    assert html.count('id="record_interaction-notes"') == 1 and "complete_reception-notes" not in html
    assert 'name="form" value="record_interaction"' in html and 'name="form" value="complete_reception"' in html
    done = post_action(client, case.url, "complete_reception", {
        "notes": "حضر المستفيد وسأل عن موعد القرار", "enquiries-0-question": "متى يصدر القرار؟",
        "enquiries-0-answer": "خلال أسبوعين"})
    assert done.status_code == 302
    page = client.get(case.url + "?lang=en").get_data(as_text=True)
    assert "حضر المستفيد وسأل عن موعد القرار" in page and "متى يصدر القرار؟" in page
