"""URL converters: an ``<int:…>`` in a route names a database id, so it is bounded like one.

Every id column is a signed 64-bit integer (BIGINT on PostgreSQL, INTEGER on
SQLite). A larger number in a URL could never name a row, and sending it to the
database fails ("bigint out of range", OverflowError) instead of finding
nothing. The application's ``int`` converter is replaced by ``IdConverter``
before any route is added, so such a URL matches no rule and is a plain 404
(problem+json under /api/) before any view runs, for every route, present and
future.
"""

from __future__ import annotations

import builtins

from werkzeug.routing import IntegerConverter

MAX_ID = 2**63 - 1
MIN_ID = -(2**63)


def _at_most(limit: int) -> str:
    """A regular expression (no groups) for the decimal numbers from 0 to ``limit``, leading zeros allowed."""
    digits = str(limit)
    shorter = rf"[0-9]{{1,{len(digits) - 1}}}" if len(digits) > 1 else None
    same_length = [digits]
    for i, digit in enumerate(digits):
        if digit != "0":
            low_digit = "0" if digit == "1" else f"[0-{int(digit) - 1}]"
            rest = len(digits) - i - 1
            same_length.append(digits[:i] + low_digit + (rf"[0-9]{{{rest}}}" if rest else ""))
    return "0*(?:" + "|".join(filter(None, [shorter, *same_length])) + ")"


class IdConverter(IntegerConverter):
    """``IntegerConverter`` that never yields a value outside the signed 64-bit range.

    The bound is in the regular expression, not only in ``to_python``: werkzeug
    checks the method before it converts, so a number refused only by
    ``to_python`` on a path that also has a rule for another method would be a
    405; refused by the expression, it matches no rule at all, a 404.
    """

    regex = _at_most(MAX_ID)

    def __init__(self, map, fixed_digits: int = 0, min: int | None = None, max: int | None = None,  # noqa: A002
                 signed: bool = False) -> None:
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)
        self.min = MIN_ID if self.min is None else builtins.max(self.min, MIN_ID)
        self.max = MAX_ID if self.max is None else builtins.min(self.max, MAX_ID)


def install(app) -> None:
    """Make ``<int:…>`` the bounded converter; call before any route is registered."""
    app.url_map.converters["int"] = IdConverter
