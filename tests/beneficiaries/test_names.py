"""Arabic name normalisation: one search form for the many ways a name is written."""

import pytest

from wasl.beneficiaries.names import has_arabic_letters, normalise_name, search_text, search_words


@pytest.mark.parametrize("a, b", [
    ("أحمد", "احمد"),
    ("إبراهيم", "ابراهيم"),
    ("آمنة", "امنه"),
    ("ٱلرحمن", "الرحمن"),
    ("فاطمة", "فاطمه"),
    ("مصطفى", "مصطفي"),
    ("مؤمن", "مومن"),
    ("هيئة", "هييه"),
    ("مُحَمَّد", "محمد"),  # diacritics
    ("عبدُ اللهِ", "عبد الله"),
    ("محـــمد", "محمد"),  # tatweel
    ("  عبد   الله  ", "عبد الله"),  # spaces
    ("علی", "علي"),  # Persian yeh
    ("ﻷحمد", "لاحمد"),  # presentation-form ligature
])
def test_spellings_of_the_same_name_meet(a, b):
    assert normalise_name(a) == normalise_name(b)


def test_normalised_form_is_what_we_expect():
    assert normalise_name("أَحْمَــد  فاطِمَة مُصْطَفى") == "احمد فاطمه مصطفي"


def test_latin_names_are_case_folded():
    assert normalise_name("  AHMED  Alotaibi ") == "ahmed alotaibi"


def test_search_words_are_distinct_and_normalised():
    assert search_words("أحمد احمد  فاطمة") == ["احمد", "فاطمه"]
    assert search_words("   ") == []


def test_search_text_holds_both_names():
    assert search_text("فاطمة الزهراء", "Fatimah Alzahra") == "فاطمه الزهراء fatimah alzahra"
    assert search_text("فاطمة", None) == "فاطمه"


def test_arabic_letters_detected():
    assert has_arabic_letters("أحمد") and not has_arabic_letters("Ahmed")
