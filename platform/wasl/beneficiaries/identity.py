"""Saudi national ID / Iqama numbers and mobile numbers: normalising, validating, masking.

Input may use Arabic-Indic (٠-٩) or Persian (۰-۹) digits, spaces, dashes and
stray direction marks; what is stored is plain ASCII: ten digits for an ID,
E.164 (``+9665XXXXXXXX``) for a mobile.
"""

from __future__ import annotations

import re

import phonenumbers
from flask import has_app_context
from flask_babel import gettext as _

_DIGITS = {**{0x0660 + i: str(i) for i in range(10)}, **{0x06F0 + i: str(i) for i in range(10)}}
# Separators people type or paste: spaces (incl. no-break), dashes, dots, brackets, bidi and zero-width marks.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015.()\u200b-\u200f\u202a-\u202e\u2066-\u2069\u00a0]")

CITIZEN = "citizen"
RESIDENT = "resident"
ID_KINDS = {"1": CITIZEN, "2": RESIDENT}
MASK = "•"


class IdentityError(ValueError):
    """Input that is not a valid ID or mobile; ``code`` for programs, ``message`` for people."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code

    @property
    def message(self) -> str:
        return _messages()[self.code]

    def __str__(self) -> str:
        # Outside the application (a bare traceback, say) there is no language to translate into.
        return self.message if has_app_context() else self.code


def _messages() -> dict[str, str]:
    # Built on demand so that each message is in the language of the request reading it.
    return {
        "id_digits": _("The national ID or Iqama number may contain digits only."),
        "id_length": _("The national ID or Iqama number must be exactly 10 digits."),
        "id_first_digit": _("The national ID or Iqama number must start with 1 (Saudi citizen) or 2 (resident)."),
        "id_check_digit": _("The national ID or Iqama number is not valid: its last digit (the check digit) "
                            "does not match the others. Please check the number."),
        "mobile_invalid": _("The mobile number is not valid. Enter it like 05XXXXXXXX."),
        "mobile_not_saudi": _("The mobile number must be a Saudi number (+966)."),
        "mobile_not_mobile": _("The mobile number must be a Saudi mobile number (starting with 05), "
                               "not a landline."),
    }


def ascii_digits(raw: str) -> str:
    """``٠٥٠١٢٣`` -> ``050123``; separators removed."""
    return _SEPARATORS.sub("", (raw or "").translate(_DIGITS))


def luhn_valid(digits: str) -> bool:
    """The Luhn check over all digits, the last one being the check digit."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def luhn_check_digit(first_nine: str) -> str:
    """The digit that makes ``first_nine + digit`` pass the Luhn check."""
    for digit in "0123456789":
        if luhn_valid(first_nine + digit):
            return digit
    raise AssertionError("unreachable: one digit always completes a Luhn number")


def normalise_national_id(raw: str) -> str:
    """Ten ASCII digits starting with 1 or 2 and passing the Luhn check, or IdentityError."""
    digits = ascii_digits(raw)
    if not digits.isdigit() or not digits.isascii():
        raise IdentityError("id_digits" if digits else "id_length")
    if len(digits) != 10:
        raise IdentityError("id_length")
    if digits[0] not in ID_KINDS:
        raise IdentityError("id_first_digit")
    if not luhn_valid(digits):
        raise IdentityError("id_check_digit")
    return digits


def id_kind(national_id: str) -> str:
    """``citizen`` for a national ID (1…), ``resident`` for an Iqama (2…)."""
    return ID_KINDS[national_id[0]]


def _international(compact: str) -> str:
    if compact.startswith("00"):
        return "+" + compact[2:]
    if compact.startswith("966") and len(compact) >= 12:
        return "+" + compact
    return compact


def normalise_mobile(raw: str) -> str:
    """A Saudi mobile number in E.164 (``+9665XXXXXXXX``), or IdentityError.

    Accepts ``05…``, ``5…``, ``9665…``, ``009665…`` and ``+9665…`` in any digits.
    """
    compact = _international(ascii_digits(raw))
    if not re.fullmatch(r"\+?\d{6,15}", compact):
        raise IdentityError("mobile_invalid")
    try:
        number = phonenumbers.parse(compact, "SA")
    except phonenumbers.NumberParseException as error:
        raise IdentityError("mobile_invalid") from error
    if number.country_code != 966:
        raise IdentityError("mobile_not_saudi")
    if not phonenumbers.is_valid_number(number):
        raise IdentityError("mobile_invalid")
    kind = phonenumbers.number_type(number)
    if kind not in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE):
        raise IdentityError("mobile_not_mobile")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def looks_like_national_id(raw: str) -> bool:
    """Ten digits starting with 1 or 2: meant as an ID, whether or not the check digit is right."""
    digits = ascii_digits(raw)
    return digits.isascii() and bool(re.fullmatch(r"[12]\d{9}", digits))


def looks_like_mobile(raw: str) -> bool:
    compact = _international(ascii_digits(raw))
    return bool(re.fullmatch(r"(\+\d{8,15}|0?5\d{8})", compact))


def mask_national_id(national_id: str | None) -> str:
    """``1234567890`` -> ``1•••••••90``: enough to tell records apart, not to reuse."""
    if not national_id:
        return ""
    return national_id[0] + MASK * (len(national_id) - 3) + national_id[-2:]


def mask_mobile(mobile: str | None) -> str:
    """``+966501234567`` -> ``+9665••••••67``."""
    if not mobile:
        return ""
    return mobile[:5] + MASK * (len(mobile) - 7) + mobile[-2:]
