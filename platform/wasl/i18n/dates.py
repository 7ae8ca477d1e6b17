"""Dates shown in both calendars: Umm al-Qura Hijri (hijridate) and Gregorian."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_date
from flask_babel import get_locale
from hijridate import Gregorian, Hijri

from wasl.i18n.digits import current_language, display_digits

# The one time zone every time is shown in; moments are stored in UTC.
RIYADH = ZoneInfo("Asia/Riyadh")
UTC = ZoneInfo("UTC")

# The days the Umm al-Qura tables (hijridate) cover: 1 Muharram 1343 AH to 30 Dhu al-Hijjah 1500 AH.
HIJRI_FIRST = date(1924, 8, 1)
HIJRI_LAST = date(2077, 11, 16)


def in_hijri_range(value: date) -> bool:
    """Whether ``value`` has an Umm al-Qura date (converting one outside the range raises OverflowError)."""
    return HIJRI_FIRST <= value <= HIJRI_LAST


def in_riyadh(value: datetime) -> datetime:
    """A stored moment (UTC; a naive one is read as UTC) as Riyadh's wall clock."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(RIYADH)


def local_date(value: date | datetime) -> date:
    """The calendar day in Riyadh for a datetime (stored in UTC), or the date itself."""
    if isinstance(value, datetime):
        return in_riyadh(value).date()
    return value


def local_time(value: datetime | None) -> str:
    """``14:05``: the time of day in Riyadh."""
    return in_riyadh(value).strftime("%H:%M") if value is not None else ""


def local_moment(value: datetime | None) -> str:
    """A moment as people read it: its dual date, then the time of day in Riyadh."""
    if value is None:
        return ""
    return f"{dual_date(value)} · \u2066{local_time(value)}\u2069"


def to_hijri(value: date) -> Hijri:
    return Gregorian.fromdate(value).to_hijri()


# A day's text depends only on the day and the language: pages show the same few hundred days over and over.
@lru_cache(maxsize=4096)
def hijri_text(value: date, language: str) -> str:
    return hijri_words(to_hijri(value), language)


def hijri_words(hijri: Hijri, language: str) -> str:
    """``8 شوال 1445 هـ`` or ``8 Shawwal 1445 AH``."""
    if language == "ar":
        return display_digits(f"{hijri.day} {hijri.month_name('ar')} {hijri.year} هـ")
    return f"{hijri.day} {hijri.month_name('en')} {hijri.year} AH"


@lru_cache(maxsize=4096)
def gregorian_text(value: date, language: str) -> str:
    text = format_date(value, format="long", locale=language)
    if language == "ar":
        return display_digits(f"{text} م")
    return text


def dual_date(value: date | datetime | None) -> str:
    """``8 شوال 1445 هـ — 17 أبريل 2024 م`` or ``8 Shawwal 1445 AH — April 17, 2024``."""
    if value is None:
        return ""
    day = local_date(value)
    language = current_language()
    if not in_hijri_range(day):
        return gregorian_text(day, language)  # a stored day the Umm al-Qura tables do not cover
    return f"{hijri_text(day, language)} — {gregorian_text(day, language)}"


def isolated(text) -> str:
    """Text set apart from the sentence around it (FSI … PDI), so its own direction cannot reorder either."""
    return f"\u2068{text}\u2069"


def typed_date(text) -> str:
    """A date as it was typed (``1445-04-06``), kept left to right inside an Arabic sentence."""
    locale = get_locale()
    return f"\u2066{text}\u2069" if locale is not None and locale.language == "ar" else str(text)


def in_sentence(text) -> str:
    """A date or moment for a sentence: isolated inside Arabic text; an English sentence runs the same way."""
    return isolated(text) if current_language() == "ar" else str(text)


def gregorian_phrase(value: date) -> str:
    """A Gregorian day for a sentence about a Gregorian field, in the interface's format."""
    return in_sentence(gregorian_text(value, current_language()))


def date_phrase(value: date | datetime | None) -> str:
    """A day for a sentence: its dual date in the interface's format, isolated from Arabic words around it."""
    return in_sentence(dual_date(value)) if value is not None else ""
