"""Giving a new association the platform's e-mail relay, so its first admin's invitation can be sent.

The association's admins replace it with their own provider in the
notifications settings whenever they like; until then staff e-mails leave
through the relay the operator configured in ``WASL_PLATFORM_EMAIL``.
"""

from __future__ import annotations

import importlib
import json
import os

from flask import current_app

from wasl.db import db


def platform_email() -> dict | None:
    value = current_app.config.get("WASL_PLATFORM_EMAIL") or os.environ.get("WASL_PLATFORM_EMAIL")
    if isinstance(value, str):
        value = json.loads(value) if value.strip() else None
    return value or None


def seed_email_provider(tenant) -> bool:
    """Add the platform's e-mail provider to ``tenant`` (in scope) when one is configured; True if added."""
    from wasl import models as schema

    relay = platform_email()
    if relay is None or "ProviderConfig" not in getattr(schema, "__all__", ()):
        return False
    try:
        models = importlib.import_module("wasl.notifications.models")
    except ImportError:
        return False
    row = models.ProviderConfig(tenant_id=tenant.id, channel=models.Channel("email"),
                                provider=relay.get("provider", "smtp"), enabled=True,
                                settings=dict(relay.get("settings") or {}))
    row.secrets = dict(relay.get("secrets") or {})
    db.session.add(row)
    db.session.flush()
    return True
