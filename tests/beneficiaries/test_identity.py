"""National ID / Iqama and mobile numbers: what is accepted, how it is stored, what is refused."""

import pytest
from flask_babel import force_locale

from tests.beneficiaries.conftest import CITIZEN_ID, CITIZEN_ID_2, RESIDENT_ID, RESIDENT_ID_2
from wasl.beneficiaries.identity import (
    IdentityError,
    id_kind,
    luhn_check_digit,
    luhn_valid,
    mask_mobile,
    mask_national_id,
    normalise_mobile,
    normalise_national_id,
)


@pytest.mark.parametrize("national_id", [CITIZEN_ID, CITIZEN_ID_2, "1000000008", "1057382911"])
def test_valid_citizen_ids(national_id):
    assert normalise_national_id(national_id) == national_id
    assert id_kind(national_id) == "citizen"


@pytest.mark.parametrize("iqama", [RESIDENT_ID, RESIDENT_ID_2, "2987654320", "2468135799"])
def test_valid_resident_iqamas(iqama):
    assert normalise_national_id(iqama) == iqama
    assert id_kind(iqama) == "resident"


def test_check_digit_is_the_luhn_digit():
    assert luhn_check_digit("101234567") == "2"
    assert luhn_check_digit("201234567") == "0"
    assert luhn_valid("1012345672") and not luhn_valid("1012345673")


@pytest.mark.parametrize("wrong", ["1012345673", "1012345670", "2012345671", "2345678900"])
def test_a_wrong_check_digit_is_refused(wrong):
    with pytest.raises(IdentityError) as refused:
        normalise_national_id(wrong)
    assert refused.value.code == "id_check_digit"


@pytest.mark.parametrize("raw, code", [
    ("3012345678", "id_first_digit"),
    ("0123456789", "id_first_digit"),
    ("101234567", "id_length"),
    ("10123456721", "id_length"),
    ("", "id_length"),
    ("10123A5672", "id_digits"),
    ("١٠١٢٣٤٥٦٧٢x", "id_digits"),
])
def test_malformed_ids_say_what_is_wrong(raw, code):
    with pytest.raises(IdentityError) as refused:
        normalise_national_id(raw)
    assert refused.value.code == code


@pytest.mark.parametrize("typed", ["١٠١٢٣٤٥٦٧٢", "۱۰۱۲۳۴۵۶۷۲", " 1012 345 672 ", "1012-345-672", "\u200f١٠١٢٣٤٥٦٧٢"])
def test_arabic_indic_persian_and_spaced_input_is_normalised(typed):
    assert normalise_national_id(typed) == CITIZEN_ID


def test_arabic_indic_input_with_a_wrong_check_digit_is_still_refused():
    with pytest.raises(IdentityError) as refused:
        normalise_national_id("١٠١٢٣٤٥٦٧٣")
    assert refused.value.code == "id_check_digit"


@pytest.mark.parametrize("typed", [
    "0501234567", "501234567", "966501234567", "+966501234567", "00966501234567",
    "+966 50 123 4567", "050-123-4567", "٠٥٠١٢٣٤٥٦٧", "+٩٦٦٥٠١٢٣٤٥٦٧", "۰۵۰۱۲۳۴۵۶۷", "(050) 123 4567",
])
def test_saudi_mobile_numbers_normalise_to_e164(typed):
    assert normalise_mobile(typed) == "+966501234567"


@pytest.mark.parametrize("typed, stored", [
    ("0551234567", "+966551234567"),
    ("0591234567", "+966591234567"),
    ("0531234567", "+966531234567"),
])
def test_other_saudi_mobile_prefixes(typed, stored):
    assert normalise_mobile(typed) == stored


@pytest.mark.parametrize("typed, code", [
    ("+201001234567", "mobile_not_saudi"),
    ("00447911123456", "mobile_not_saudi"),
    ("+971501234567", "mobile_not_saudi"),
    ("0112345678", "mobile_not_mobile"),
    ("+966112345678", "mobile_not_mobile"),
    ("05012345", "mobile_invalid"),
    ("050123456789", "mobile_invalid"),
    ("hello", "mobile_invalid"),
    ("", "mobile_invalid"),
])
def test_non_saudi_and_non_mobile_numbers_are_refused(typed, code):
    with pytest.raises(IdentityError) as refused:
        normalise_mobile(typed)
    assert refused.value.code == code


def test_messages_name_the_field(app):
    with force_locale("en"):
        assert "national ID or Iqama" in IdentityError("id_check_digit").message
        assert "check digit" in IdentityError("id_check_digit").message
        assert "mobile number" in IdentityError("mobile_not_saudi").message
        assert "Saudi" in IdentityError("mobile_not_saudi").message


def test_masks_keep_only_a_few_digits():
    assert mask_national_id(CITIZEN_ID) == "1•••••••72"
    assert mask_mobile("+966501234567") == "+9665••••••67"
    assert "2345" not in mask_national_id(CITIZEN_ID)
