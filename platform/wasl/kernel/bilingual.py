"""Texts kept in both languages as ``{"ar": …, "en": …}``: one of them for the person reading."""

from __future__ import annotations

from collections.abc import Mapping


def pick(text: Mapping | None, language: str) -> str:
    """The text in ``language``, else in Arabic (the default language), else in English; "" when none."""
    if not text:
        return ""
    return text.get(language) or text.get("ar") or text.get("en") or ""
