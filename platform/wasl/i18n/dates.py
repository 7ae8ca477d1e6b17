"""Dates shown in both calendars: Umm al-Qura Hijri (hijridate) and Gregorian."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask_babel import format_date, get_locale
from hijridate import Gregorian, Hijri

RIYADH = ZoneInfo("Asia/Riyadh")

ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

# The days the Umm al-Qura tables (hijridate) cover: 1 Muharram 1343 AH to 30 Dhu al-Hijjah 1500 AH.
HIJRI_FIRST = date(1924, 8, 1)
HIJRI_LAST = date(2077, 11, 16)


def in_hijri_range(value: date) -> bool:
    """Whether ``value`` has an Umm al-Qura date (converting one outside the range raises OverflowError)."""
    return HIJRI_FIRST <= value <= HIJRI_LAST


def local_date(value: date | datetime) -> date:
    """The calendar day in Riyadh for a datetime (stored in UTC), or the date itself."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=ZoneInfo("UTC"))
        return value.astimezone(RIYADH).date()
    return value


def to_hijri(value: date) -> Hijri:
    return Gregorian.fromdate(value).to_hijri()


def hijri_text(value: date, language: str) -> str:
    hijri = to_hijri(value)
    if language == "ar":
        return f"{hijri.day} {hijri.month_name('ar')} {hijri.year} هـ".translate(ARABIC_DIGITS)
    return f"{hijri.day} {hijri.month_name('en')} {hijri.year} AH"


def gregorian_text(value: date, language: str) -> str:
    text = format_date(value, format="long")
    if language == "ar":
        return f"{text} م".translate(ARABIC_DIGITS)
    return text


def dual_date(value: date | datetime | None) -> str:
    """``٨ شوال ١٤٤٥ هـ — ١٧ أبريل ٢٠٢٤ م`` or ``8 Shawwal 1445 AH — April 17, 2024``."""
    if value is None:
        return ""
    day = local_date(value)
    language = str(get_locale().language)
    if not in_hijri_range(day):
        return gregorian_text(day, language)  # a stored day the Umm al-Qura tables do not cover
    return f"{hijri_text(day, language)} — {gregorian_text(day, language)}"
