"""The one rule for digits on screen, in print and in messages: Western digits (0123), in both languages.

Counts, rates, dates, times, page numbers and the numbers people type (ID and mobile numbers, case
references) are then all in one set, so no Arabic page mixes ``3.9 من 5`` with ``١٤:٠٥``. Babel's Arabic
formats already use these digits; ``display_digits`` is for text built by hand. Arabic-Indic (٠١٢٣) and
Persian (۰۱۲۳) digits are still accepted wherever people type a number or a date.
"""

from __future__ import annotations

from flask_babel import get_locale

_EASTERN = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)


def current_language() -> str:
    locale = get_locale()
    return str(locale.language) if locale is not None else "ar"


def display_digits(text) -> str:
    """``"١٤:٠٥"`` -> ``"14:05"``: any text (a number, a date built by hand) in the digits every page shows."""
    return str(text).translate(_EASTERN)
