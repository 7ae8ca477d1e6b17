"""Giving a new association the platform's e-mail relay, so its first admin's invitation can be sent.

The association's admins replace it with their own provider in the
notifications settings whenever they like; until then staff e-mails leave
through the relay the operator configured in ``WASL_PLATFORM_EMAIL``. The
association's row only refers to the relay: the relay's server and credentials
are never copied into it, they are read from the platform's configuration when
a message is sent.
"""

from __future__ import annotations

import importlib

from wasl.db import db


def _relay_module():
    try:
        return importlib.import_module("wasl.notifications.providers.relay")
    except ImportError:
        return None


def platform_email() -> dict | None:
    """The relay configured in ``WASL_PLATFORM_EMAIL``, or None (also when notifications are not installed)."""
    relay = _relay_module()
    return relay.platform_relay() if relay is not None else None


def seed_email_provider(tenant) -> bool:
    """Point ``tenant``'s (in scope) e-mail at the platform's relay when one is configured; True if added."""
    from wasl import models as schema

    relay = _relay_module()
    if relay is None or relay.platform_relay() is None or "ProviderConfig" not in getattr(schema, "__all__", ()):
        return False
    models = importlib.import_module("wasl.notifications.models")
    row = models.ProviderConfig(tenant_id=tenant.id, channel=models.Channel("email"),
                                provider=relay.PlatformRelayProvider.key, enabled=True, settings={})
    db.session.add(row)
    db.session.flush()
    return True
