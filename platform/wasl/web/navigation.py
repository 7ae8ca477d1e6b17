"""The association's navigation: each feature adds its entries; people see those their role allows."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app

EXTENSION_KEY = "wasl_navigation"


@dataclass(frozen=True)
class NavItem:
    endpoint: str
    label: object  # a lazy translated string
    permission: str | None
    order: int


def add_nav_item(app, endpoint: str, label, *, permission: str | None = None, order: int = 100) -> None:
    """Called from a feature's init: a link in the association space's navigation bar."""
    app.extensions.setdefault(EXTENSION_KEY, []).append(NavItem(endpoint, label, permission, order))


def nav_items_for(membership) -> list[NavItem]:
    if membership is None:
        return []
    items = current_app.extensions.get(EXTENSION_KEY, [])
    allowed = [item for item in items if item.permission is None or membership.grants(item.permission)]
    return sorted(allowed, key=lambda item: item.order)
