"""The board's approval date: entered in one calendar, the other derived (Umm al-Qura, ``hijridate``).

When both calendars are given they must name the same day; otherwise the
date is refused with both conversions spelled out, so the person can see
which of the two was mistyped. Messages are translated when raised, which
works in a request, in a CLI command and in a job alike.

Seed files are a special case (``reconcile_printed_pair``): a printed pair
that disagrees is kept as printed evidence, not accepted as a pair.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import gettext as _
from hijridate import Gregorian, Hijri
from marshmallow import ValidationError

from wasl.i18n.dates import HIJRI_FIRST, HIJRI_LAST, RIYADH, gregorian_phrase, typed_date

_DATE = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$")


class BoardDateError(ValidationError):
    """A board date that cannot be used; ``messages`` maps the field(s) to the reason."""


@dataclass(frozen=True)
class BoardDate:
    """One day in both calendars: ``hijri`` as ``YYYY-MM-DD`` (AH)."""

    gregorian: date
    hijri: str


def _parts(text, field: str) -> tuple[int, int, int]:
    match = _DATE.match(str(text).strip()) if isinstance(text, str) else None
    if match is None:
        raise BoardDateError({field: [_("Write the date as YYYY-MM-DD.")]})
    return int(match[1]), int(match[2]), int(match[3])


def parse_hijri(text: str) -> Hijri:
    """A Hijri (Umm al-Qura) date from ``1445-04-06`` or ``1445/04/06``."""
    year, month, day = _parts(text, "date_hijri")
    try:
        return Hijri(year, month, day)
    except OverflowError as error:
        raise BoardDateError({"date_hijri": [_("The Hijri date must fall between 1343 and 1500 AH.")]}) from error
    except ValueError as error:
        raise BoardDateError({"date_hijri": [_("This day does not exist in the Umm al-Qura calendar.")]}) from error


def parse_gregorian(value) -> date:
    """A Gregorian date from a ``date`` or ``2024-04-17``."""
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        year, month, day = _parts(value, "date_gregorian")
        try:
            value = date(year, month, day)
        except ValueError as error:
            raise BoardDateError({"date_gregorian": [_("This day does not exist.")]}) from error
    try:
        Gregorian.fromdate(value).to_hijri()
    except OverflowError as error:
        raise BoardDateError(
            {"date_gregorian": [_("The date must fall between {first} and {last}.").format(
                first=gregorian_phrase(HIJRI_FIRST), last=gregorian_phrase(HIJRI_LAST))]}
        ) from error
    return value


def hijri_text(value: Hijri) -> str:
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


def hijri_of(value: date) -> str:
    return hijri_text(Gregorian.fromdate(value).to_hijri())


def gregorian_of(hijri: Hijri) -> date:
    return date(*hijri.to_gregorian().datetuple())


def disagreement(hijri: Hijri, gregorian: date) -> str:
    """``1445-04-06 AH is 2023-10-21, not 2024-10-21; 2024-10-21 is 1446-04-18 AH.``"""
    return _("{hijri} AH is {hijri_in_gregorian}, not {gregorian}; {gregorian} is {gregorian_in_hijri} AH.").format(
        hijri=typed_date(hijri_text(hijri)),
        hijri_in_gregorian=typed_date(gregorian_of(hijri).isoformat()),
        gregorian=typed_date(gregorian.isoformat()),
        gregorian_in_hijri=typed_date(hijri_of(gregorian)),
    )


def resolve_board_date(date_hijri=None, date_gregorian=None, *, allow_future: bool = False) -> BoardDate:
    """The meeting day from either calendar, or both when they agree; BoardDateError otherwise."""
    if not date_hijri and not date_gregorian:
        message = _("Enter the date of the board meeting, in Hijri or Gregorian.")
        raise BoardDateError({"date_hijri": [message], "date_gregorian": [message]})
    hijri = parse_hijri(date_hijri) if date_hijri else None
    gregorian = parse_gregorian(date_gregorian) if date_gregorian else None
    if hijri is not None and gregorian is not None and gregorian_of(hijri) != gregorian:
        message = disagreement(hijri, gregorian)
        raise BoardDateError({"date_hijri": [message], "date_gregorian": [message]})
    if gregorian is None:
        gregorian = gregorian_of(hijri)
    if not allow_future and gregorian > datetime.now(RIYADH).date():
        field = "date_hijri" if date_hijri else "date_gregorian"
        raise BoardDateError({field: [_("The board meeting cannot be in the future.")]})
    return BoardDate(gregorian=gregorian, hijri=hijri_of(gregorian))


def reconcile_printed_pair(approval) -> tuple[dict | None, dict | None]:
    """A seed file's approval block, with a disagreeing printed pair resolved in favour of the Hijri date.

    Rule for importing an association's existing document (never for the editor
    or the API, which refuse a disagreeing pair): the board minutes its
    meetings in the Hijri calendar, and a printed Gregorian "equivalent" is a
    conversion someone typed. So the Hijri date is kept, the Gregorian date is
    derived from it, and the printed one is kept verbatim as
    ``printed_gregorian`` so the document's evidence is not lost. Hope's
    1445-04-06 "= 2024-10-21" becomes 1445-04-06 / 2023-10-21 (the printed
    year is one off). Returns the block to validate and, when a correction
    was made, its facts for the audit log. Anything malformed is left as it
    is for the content schema to report.
    """
    if not isinstance(approval, dict) or not approval.get("date_hijri") or not approval.get("date_gregorian"):
        return approval, None
    try:
        hijri = parse_hijri(approval["date_hijri"])
        printed = parse_gregorian(approval["date_gregorian"])
    except ValidationError:
        return approval, None
    derived = gregorian_of(hijri)
    if derived == printed:
        return approval, None
    corrected = dict(approval, date_gregorian=derived.isoformat(), printed_gregorian=printed.isoformat())
    facts = {"date_hijri": hijri_text(hijri), "printed_gregorian": printed.isoformat(),
             "derived_gregorian": derived.isoformat(), "reason": disagreement(hijri, printed)}
    return corrected, facts
