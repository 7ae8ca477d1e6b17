"""Rules for association slugs, the first segment of every association URL."""

import re

SLUG_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")

RESERVED_SLUGS = frozenset({
    "about", "account", "admin", "api", "assets", "auth", "docs", "favicon.ico", "health", "help",
    "locale", "login", "logout", "me", "new", "operator", "password", "platform", "robots.txt",
    "settings", "signup", "static", "status", "switch", "support", "wasl", "www",
})


def slug_problem(slug: str) -> str | None:
    """Why ``slug`` cannot name an association, or None when it can."""
    if not SLUG_PATTERN.match(slug or ""):
        return "invalid"
    if slug in RESERVED_SLUGS:
        return "reserved"
    return None
