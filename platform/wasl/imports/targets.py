"""The registry fields a file's columns can be mapped to, and guessing them from Arabic or English headers.

A header is compared in a normalised form (``header_key``): Arabic letter forms
unified, diacritics and punctuation dropped, case folded. So "رقم الهوية",
"رقم الهويه" and "Rakam_Al_Hawiya" each find the same remembered mapping.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from wasl.beneficiaries.names import normalise_name
from wasl.beneficiaries.schemas import LABELS

BIRTH_ANY = "birth_on_any"
IGNORE = ""


@dataclass(frozen=True)
class Target:
    key: str
    label: object  # a lazy translated string
    required: bool = False
    synonyms: tuple[str, ...] = ()


TARGETS: tuple[Target, ...] = (
    Target("national_id", LABELS["national_id"], True,
           ("رقم الهوية", "الهوية", "رقم الهوية الوطنية", "الهوية الوطنية", "رقم الإقامة", "الإقامة",
            "رقم الهوية او الإقامة", "السجل المدني", "رقم السجل المدني", "national id", "id number", "iqama",
            "iqama number", "national id iqama", "id")),
    Target("full_name_ar", LABELS["full_name_ar"], True,
           ("الاسم", "الاسم الكامل", "الاسم الرباعي", "الاسم بالعربي", "الاسم بالعربية", "اسم المستفيد",
            "الاسم الثلاثي", "name", "arabic name", "full name", "name ar", "full name ar")),
    Target("full_name_en", LABELS["full_name_en"], False,
           ("الاسم بالإنجليزي", "الاسم بالإنجليزية", "الاسم باللاتينية", "english name", "name en",
            "full name en", "latin name")),
    Target("mobile", LABELS["mobile"], True,
           ("الجوال", "رقم الجوال", "الهاتف", "رقم الهاتف", "الجوال الأساسي", "جوال", "mobile", "mobile number",
            "phone", "phone number", "mobile no")),
    Target("gender", LABELS["gender"], True, ("الجنس", "النوع", "gender", "sex")),
    Target(BIRTH_ANY, _l("Birth date (Hijri or Gregorian, told apart by the year)"), False,
           ("تاريخ الميلاد", "الميلاد", "birth date", "date of birth", "dob", "birthdate")),
    Target("birth_on", LABELS["birth_on"], False,
           ("تاريخ الميلاد الميلادي", "تاريخ الميلاد م", "birth date gregorian", "gregorian birth date")),
    Target("birth_on_hijri", LABELS["birth_on_hijri"], False,
           ("تاريخ الميلاد الهجري", "تاريخ الميلاد هـ", "تاريخ الميلاد ه", "birth date hijri", "hijri birth date")),
    Target("city", LABELS["city"], False, ("المدينة", "المدينه", "مدينة السكن", "السكن", "city", "town")),
    Target("email", LABELS["email"], False,
           ("البريد الإلكتروني", "البريد", "الإيميل", "email", "e-mail", "email address")),
    Target("preferred_language", LABELS["preferred_language"], False,
           ("اللغة", "اللغة المفضلة", "language", "preferred language")),
    Target("preferred_channel", LABELS["preferred_channel"], False,
           ("قناة التواصل", "وسيلة التواصل", "channel", "preferred channel")),
)
BY_KEY = {target.key: target for target in TARGETS}
REQUIRED = tuple(target.key for target in TARGETS if target.required)

_PUNCTUATION = re.compile(r"[\s_\-/\\()\[\]{}:;.,،*#'\"]+")


def header_key(header: str) -> str:
    """The form in which headers are compared and remembered."""
    return _PUNCTUATION.sub(" ", normalise_name(str(header or ""))).strip()[:200]


_SYNONYMS = {header_key(word): target.key for target in TARGETS for word in target.synonyms}


def guess(header: str) -> str:
    """The field a header most likely names, from the built-in Arabic and English names; "" if none."""
    return _SYNONYMS.get(header_key(header), IGNORE)


def label_of(field: str | None) -> str:
    target = BY_KEY.get(field or "")
    return str(target.label) if target else (field or "")


# --- cell values as the registry's schema expects them ----------------------------------------------

_GENDERS = {"male": ("ذكر", "m", "male", "man", "رجل"),
            "female": ("أنثى", "انثى", "f", "female", "woman", "امرأة", "امراة", "أنثي")}
_LANGUAGES = {"ar": ("عربي", "العربية", "عربية", "arabic", "ar"), "en": ("english", "الإنجليزية", "انجليزي",
                                                                        "إنجليزي", "en")}
_CHANNELS = {"sms": ("رسالة نصية", "رسائل نصية", "sms", "جوال"), "email": ("بريد", "البريد الإلكتروني", "email",
                                                                         "e-mail"),
             "whatsapp": ("واتساب", "واتس اب", "whatsapp")}


def _word_table(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {normalise_name(word): code for code, words in table.items() for word in words}


_VALUE_WORDS = {"gender": _word_table(_GENDERS), "preferred_language": _word_table(_LANGUAGES),
                "preferred_channel": _word_table(_CHANNELS)}
_HIJRI_YEARS_BELOW = 1600  # a year below this is Hijri (1343-1500 AH); Gregorian ones are 1924-2077


def birth_field(value: str) -> str:
    """Which birth-date field a date from a mixed column belongs to, read from its year."""
    match = re.match(r"\s*(\d{4})", value.translate(_ANY_DIGITS))
    if match and int(match.group(1)) < _HIJRI_YEARS_BELOW:
        return "birth_on_hijri"
    return "birth_on"


_ANY_DIGITS = {**{0x0660 + i: str(i) for i in range(10)}, **{0x06F0 + i: str(i) for i in range(10)}}


def as_input(field: str, value: str) -> tuple[str, str]:
    """The schema field and value for one mapped cell: words such as ذكر become the registry's codes."""
    if field == BIRTH_ANY:
        return birth_field(value), value
    words = _VALUE_WORDS.get(field)
    if words is not None:
        return field, words.get(normalise_name(value), value)
    return field, value


_SHOWN_WORDS = {"gender": ("ذكر", "أنثى", "male", "female"), "preferred_language": ("عربي", "إنجليزي", "ar", "en"),
                "preferred_channel": ("رسالة نصية", "بريد", "واتساب", "sms", "email", "whatsapp")}


def words_for(field: str | None) -> tuple[str, ...]:
    """The words a file may use for a field with fixed values (ذكر or male for the gender, say)."""
    return _SHOWN_WORDS.get(field or "", ())
