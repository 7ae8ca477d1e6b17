"""The one rule for digits in running text: Arabic-Indic (٠١٢٣) in Arabic, Western (0123) in English.

Dates, times and counted phrases go through ``localise_digits``, so a page never mixes the two
systems in its sentences. What people type or copy (case numbers, ID and mobile numbers, codes) keeps
its Western digits and is shown isolated, left to right.
"""

from __future__ import annotations

from flask_babel import get_locale

_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def current_language() -> str:
    locale = get_locale()
    return str(locale.language) if locale is not None else "ar"


def localise_digits(text, language: str | None = None) -> str:
    """``"14:05"`` -> ``"١٤:٠٥"`` in Arabic; unchanged in English."""
    text = str(text)
    return text.translate(_ARABIC_INDIC) if (language or current_language()) == "ar" else text
