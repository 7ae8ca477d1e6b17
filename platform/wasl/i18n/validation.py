"""Validation messages in the person's language.

marshmallow produces English messages; ``translate_errors`` maps each one to
its catalogue entry when errors are shown, including the common formatted
ones (choices, lengths), so schemas need no per-field message overrides.
Our own schemas pass already-translated lazy strings, which pass through.
"""

from __future__ import annotations

import re

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

# Listed so that extraction puts marshmallow's standard messages in the catalogue.
STANDARD_MESSAGES = (
    _l("Missing data for required field."),
    _l("Field may not be null."),
    _l("Unknown field."),
    _l("Invalid input type."),
    _l("Invalid value."),
    _l("Invalid input."),
    _l("Not a valid string."),
    _l("Not a valid integer."),
    _l("Not a valid number."),
    _l("Not a valid boolean."),
    _l("Not a valid date."),
    _l("Not a valid datetime."),
    _l("Not a valid email address."),
    _l("Not a valid URL."),
    _l("Not a valid list."),
    _l("Not a valid mapping type."),
    _l("String does not match expected pattern."),
)

_PATTERNS = (
    (re.compile(r"^Must be one of: (?P<choices>.*)\.$"), _l("Must be one of: {choices}.")),
    (re.compile(r"^Shorter than minimum length (?P<min>\d+)\.$"), _l("Must be at least {min} characters.")),
    (re.compile(r"^Longer than maximum length (?P<max>\d+)\.$"), _l("Must be at most {max} characters.")),
    (re.compile(r"^Length must be between (?P<min>\d+) and (?P<max>\d+)\.$"),
     _l("Length must be between {min} and {max}.")),
    (re.compile(r"^Must be greater than or equal to (?P<min>\S+) and less than or equal to (?P<max>\S+)\.$"),
     _l("Must be between {min} and {max}.")),
    (re.compile(r"^Must be greater than or equal to (?P<min>\S+)\.$"), _l("Must be at least {min}.")),
    (re.compile(r"^Must be less than or equal to (?P<max>\S+)\.$"), _l("Must be at most {max}.")),
)


def translate_message(message) -> str:
    text = str(message)
    for pattern, template in _PATTERNS:
        match = pattern.match(text)
        if match:
            return str(template).format(**match.groupdict())
    return gettext(text)


def translate_errors(messages):
    """Translate every message in a marshmallow error structure, keeping its shape."""
    if isinstance(messages, dict):
        return {key: translate_errors(value) for key, value in messages.items()}
    if isinstance(messages, list | tuple):
        return [translate_errors(value) for value in messages]
    return translate_message(messages)


def flatten_messages(value):
    """Every message in a nested error structure, in order, as text."""
    if isinstance(value, dict):
        for inner in value.values():
            yield from flatten_messages(inner)
    elif isinstance(value, list | tuple):
        for inner in value:
            yield from flatten_messages(inner)
    else:
        yield str(value)
