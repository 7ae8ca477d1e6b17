"""Where it is safe to send a person back to after a form."""

from urllib.parse import urlsplit


def safe_next(target: str | None, default: str) -> str:
    """Only same-site paths; anything with a scheme or host falls back to ``default``."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target
