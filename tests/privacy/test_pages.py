"""The admin's personal-data page: the holdings, the downloads, erasure with a reason and a confirmation."""

from __future__ import annotations

import json

import pytest

from tests.cases.pages import desk
from tests.cases.support import open_case, person, scope
from tests.support.web import post_form, sign_in
from wasl.db import db


@pytest.fixture
def wefaq(factory):
    association = desk(factory)
    factory.commit()
    return association


def _page(wefaq, beneficiary_id: int) -> str:
    return f"/{wefaq.slug}/admin/personal-data/{beneficiary_id}"


def test_the_page_downloads_and_erasure_in_arabic(client, wefaq):
    case = open_case(wefaq, beneficiary=person(51, full_name_ar="هيفاء سالم القحطاني"))
    beneficiary_id = case.beneficiary_id
    db.session.commit()
    sign_in(client, wefaq.users["admin"], second_factor=True)
    page = client.get(_page(wefaq, beneficiary_id))
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "البيانات الشخصية المحفوظة" in html and "هيفاء سالم القحطاني" in html
    as_json = client.get(_page(wefaq, beneficiary_id) + ".json")
    assert json.loads(as_json.get_data(as_text=True))["beneficiary"]["full_name_ar"] == "هيفاء سالم القحطاني"
    pdf = client.get(_page(wefaq, beneficiary_id) + ".pdf")
    assert pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")

    unconfirmed = post_form(client, _page(wefaq, beneficiary_id) + "/erase", {"reason": "طلبت ذلك"},
                            token_from=_page(wefaq, beneficiary_id))
    assert unconfirmed.status_code == 422 and "أكّد أنك تدرك" in unconfirmed.get_data(as_text=True)
    still_open = post_form(client, _page(wefaq, beneficiary_id) + "/erase", {"reason": "طلبت ذلك", "confirm": "y"},
                           token_from=_page(wefaq, beneficiary_id))
    assert still_open.status_code == 409 and "ما زال مفتوحًا" in still_open.get_data(as_text=True)
    with scope(wefaq.tenant):
        assert db.session.get(type(case), case.id).beneficiary.full_name_ar == "هيفاء سالم القحطاني"


def test_a_staff_member_who_is_not_an_admin_cannot_open_it(client, wefaq):
    beneficiary_id = open_case(wefaq, beneficiary=person(52)).beneficiary_id
    db.session.commit()
    sign_in(client, wefaq.users["relations_officer"], second_factor=True)
    assert client.get(_page(wefaq, beneficiary_id)).status_code == 403
