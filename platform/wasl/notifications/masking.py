"""Addresses shown masked: enough to recognise, not enough to use."""

from __future__ import annotations


def mask_address(address: str | None) -> str:
    """``n••••@example.org`` / ``+9665•••••567``: enough to recognise, not enough to use."""
    if not address:
        return ""
    if "@" in address:
        local, _sep, domain = address.partition("@")
        return f"{local[:1]}{'•' * max(len(local) - 1, 1)}@{domain}"
    return f"{address[:5]}{'•' * max(len(address) - 8, 1)}{address[-3:]}"
