"""Reading a page's form the way a browser would, so tests post exactly what a person would send."""

from __future__ import annotations

import re
from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, action: str | None):
        super().__init__(convert_charrefs=True)
        self.action = action
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._select: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = self.action is None or attrs.get("action", "") == self.action
            return
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "file", "button"):
            if attrs.get("type") in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields.append((name, attrs.get("value", "y")))
            else:
                self.fields.append((name, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.append((self._select, attrs.get("value", "")))

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self._textarea:
            text = "".join(self._text)
            self.fields.append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)


def form_fields(html: str, action: str | None = None) -> dict:
    """The values a browser would submit from the form (posting to ``action``); a name sent more than once
    (ticked boxes of one group) holds a list."""
    reader = _FormReader(action)
    reader.feed(html)
    fields: dict = {}
    for name, value in reader.fields:
        if name not in fields:
            fields[name] = value
        elif isinstance(fields[name], list):
            fields[name].append(value)
        else:
            fields[name] = [fields[name], value]
    return fields


def get(client, url: str):
    return client.get(url)


def post(client, url: str, data: dict):
    return client.post(url, data=data)


def field_named(fields: dict[str, str], pattern: str) -> str:
    """The one field name matching ``pattern`` (a regular expression)."""
    names = [name for name in fields if re.fullmatch(pattern, name)]
    assert len(names) == 1, (pattern, names)
    return names[0]


def sign_in_fresh(client, user):
    """Sign ``user`` in on ``client`` (a second browser in the same test)."""
    from tests.support.web import sign_in

    response = sign_in(client, user, second_factor=True)
    assert response.status_code == 302
    return response


def translated(message: str, language: str = "ar") -> str:
    """``message`` from the catalogue in ``language``, whatever the catalogue holds today."""
    from flask_babel import force_locale, gettext

    with force_locale(language):
        return gettext(message)


def tr(message: str, language: str = "ar", **values) -> str:
    """``message`` as a page in ``language`` shows it (HTML-escaped); ``values`` fill its ``{placeholders}``."""
    from markupsafe import escape

    text = translated(message, language)
    return str(escape(text.format(**values) if values else text))
