"""A document's expiry date, typed in either calendar: Hijri as printed on Saudi IDs, or Gregorian.

Accepted, with Western or Arabic-Indic digits and ``-``, ``/`` or ``.`` between
the parts (year first):

* Gregorian: ``2028-09-01``, ``2028/09/01``, optionally marked ``G``, ``AD`` or ``م``;
* Hijri (Umm al-Qura): ``1450/03/15``, ``1450-03-15``, optionally marked ``H``, ``AH`` or ``هـ``.

Without a mark the year decides: 1343–1500 is a Hijri year, 1924–2077 a Gregorian
one (the spans do not overlap). Either way the day must lie within what the
Umm al-Qura tables cover (``HIJRI_FIRST`` to ``HIJRI_LAST``), so it can always be
shown in both calendars.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from hijridate import Gregorian, Hijri
from marshmallow import ValidationError, fields

from wasl.i18n.dates import HIJRI_FIRST, HIJRI_LAST, date_phrase, in_hijri_range

HIJRI_YEARS = (1343, 1500)
GREGORIAN_YEARS = (HIJRI_FIRST.year, HIJRI_LAST.year)
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_MARKS = {"h": "hijri", "ah": "hijri", "هـ": "hijri", "ه": "hijri", "g": "gregorian", "ad": "gregorian",
          "ce": "gregorian", "م": "gregorian"}
_PATTERN = re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*(هـ|ه|م|[a-z]{1,2})?\.?", re.IGNORECASE)
FORMATS = ("YYYY-MM-DD (Gregorian, e.g. 2028-09-01), or YYYY/MM/DD in the Umm al-Qura Hijri calendar "
           "(e.g. 1450/03/15, optionally followed by H or هـ); Arabic-Indic digits are accepted. A year from "
           "1343 to 1500 is read as Hijri, from 1924 to 2077 as Gregorian.")


def _ltr(text: str) -> str:
    """A date or number kept left to right inside a right-to-left sentence (Unicode isolates)."""
    return f"\u2066{text}\u2069"


HIJRI_EXPIRY = {"type": "string", "description": "The same expiry date in the Umm al-Qura Hijri calendar, YYYY-MM-DD."}


class ExpiryError(ValueError):
    """The typed date cannot be used; ``reason`` is for people (translated)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Expiry:
    day: date  # Gregorian, as stored
    calendar: str  # "hijri" or "gregorian": the calendar it was typed in


def parse_expiry(text: str) -> Expiry:
    """The expiry date in ``text`` (see the module's formats); ExpiryError with the reason otherwise."""
    match = _PATTERN.fullmatch(str(text).strip().translate(_DIGITS)) if isinstance(text, str) else None
    mark = _MARKS.get((match[4] or "").lower()) if match else None
    if match is None or (match[4] and mark is None):
        raise ExpiryError(_("Write it year first, in Gregorian (2028-09-01) or Hijri (1450/03/15 هـ)."))
    year, month, day = int(match[1]), int(match[2]), int(match[3])
    calendar = mark or _calendar_of(year)
    if calendar == "hijri":
        return Expiry(_from_hijri(year, month, day), "hijri")
    return Expiry(_gregorian(year, month, day), "gregorian")


def _calendar_of(year: int) -> str:
    if HIJRI_YEARS[0] <= year <= HIJRI_YEARS[1]:
        return "hijri"
    if GREGORIAN_YEARS[0] <= year <= GREGORIAN_YEARS[1]:
        return "gregorian"
    raise ExpiryError(_("{year} is neither a Hijri year (1343 to 1500) nor a Gregorian one (1924 to 2077).").format(
        year=_ltr(str(year))))


def _from_hijri(year: int, month: int, day: int) -> date:
    if not HIJRI_YEARS[0] <= year <= HIJRI_YEARS[1]:
        raise ExpiryError(_("A Hijri year must be between 1343 and 1500."))
    try:
        gregorian = Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError) as error:
        raise ExpiryError(_("{value} is not a day of the Umm al-Qura calendar.").format(
            value=_ltr(f"{year}/{month:02d}/{day:02d}"))) from error
    return date(gregorian.year, gregorian.month, gregorian.day)


def _gregorian(year: int, month: int, day: int) -> date:
    try:
        value = date(year, month, day)
    except ValueError as error:
        raise ExpiryError(_("{value} is not a valid Gregorian date.").format(
            value=_ltr(f"{year}-{month:02d}-{day:02d}"))) from error
    if not in_hijri_range(value):
        raise ExpiryError(_("The date must fall between {first} and {last}.").format(
            first=date_phrase(HIJRI_FIRST), last=date_phrase(HIJRI_LAST)))
    return value


def hijri_of(value: date | None) -> str | None:
    """The Umm al-Qura date of a stored expiry, ``YYYY-MM-DD``, for the API (None without one)."""
    if value is None or not in_hijri_range(value):
        return None
    hijri = Gregorian.fromdate(value).to_hijri()
    return f"{hijri.year:04d}-{hijri.month:02d}-{hijri.day:02d}"


class ExpiryDateField(fields.Field):
    """The API's ``expires_on``: either calendar in, the Gregorian ``date`` out (ISO when dumped)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("metadata", {}).update(type="string", description="The expiry date, in " + FORMATS,
                                                 examples=["2028-09-01", "1450/03/15", "1450-03-15 H"])
        super().__init__(**kwargs)

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else value.isoformat()

    def _deserialize(self, value, attr, data, **kwargs) -> date:
        try:
            return parse_expiry(value).day
        except ExpiryError as error:
            raise ValidationError(error.reason) from error
