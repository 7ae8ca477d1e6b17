"""Arabic name normalisation, so that a search finds a name however it was spelled.

The same name is written أحمد or احمد, فاطمة or فاطمه, مصطفى or مصطفي, with or
without diacritics and tatweel. Both the stored search column and the query go
through ``normalise_name``; the displayed name is never changed.
"""

from __future__ import annotations

import re
import unicodedata

_LETTERS = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",  # alef with hamza or madda, alef wasla
    "ة": "ه",  # taa marbuta
    "ى": "ي",  # alef maqsura
    "ؤ": "و",
    "ئ": "ي",
    "ی": "ي", "ک": "ك",  # Persian yeh and kaf, common from some keyboards
})
# Harakat, tanween, shadda, sukun, superscript alef, Quranic marks, tatweel, bidi and zero-width marks.
_REMOVE = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3]")
_SPACES = re.compile(r"\s+")


def normalise_name(text: str | None) -> str:
    """The search form of a name: unified letter forms, no diacritics or tatweel, one space between words."""
    if not text:
        return ""
    # NFKC folds Arabic presentation forms (ﻷ, ﺃ …) back to ordinary letters.
    text = unicodedata.normalize("NFKC", text)
    text = _REMOVE.sub("", text).translate(_LETTERS).casefold()
    return _SPACES.sub(" ", text).strip()


def search_words(query: str | None) -> list[str]:
    """The distinct normalised words of a search query, in order."""
    words: list[str] = []
    for word in normalise_name(query).split(" "):
        if word and word not in words:
            words.append(word)
    return words


def has_arabic_letters(text: str | None) -> bool:
    return bool(_ARABIC_LETTER.search(text or ""))


def search_text(name_ar: str, name_en: str | None) -> str:
    """What the search column stores: the Arabic name, then the Latin one, both normalised."""
    return " ".join(part for part in (normalise_name(name_ar), normalise_name(name_en)) if part)
