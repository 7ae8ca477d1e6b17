"""Dates and numbers as the policy document prints them, in a language chosen by the caller."""

from __future__ import annotations

from datetime import date

from hijridate import Hijri
from markupsafe import Markup

from wasl.i18n.dates import gregorian_text, hijri_words, to_hijri
from wasl.templating import isolate


def hijri_from_text(value) -> Hijri:
    """``"1445-10-08"`` (or a Hijri already) -> ``Hijri(1445, 10, 8)``; ValueError when not a real day."""
    if isinstance(value, Hijri):
        return value
    year, month, day = (int(part) for part in str(value).replace("/", "-").split("-"))
    return Hijri(year, month, day)


def hijri_long(value, language: str) -> str:
    """``8 شوال 1445 هـ`` or ``8 Shawwal 1445 AH``."""
    return hijri_words(value if isinstance(value, Hijri) else hijri_from_text(value), language)


def gregorian_long(value: date, language: str) -> str:
    """``17 أبريل 2024 م`` or ``April 17, 2024``."""
    return gregorian_text(value, language)


def hijri_of(value: date) -> Hijri:
    return to_hijri(value)


def isolated(value) -> Markup:
    """A number or code that keeps its own direction inside the sentence around it."""
    return isolate(value)
