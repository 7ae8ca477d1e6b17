"""The platform's own e-mail relay, lent to an association without handing it the relay's credentials.

The operator configures the relay once, in ``WASL_PLATFORM_EMAIL`` (a provider
key, its settings and its secrets). An association's row for this provider holds
nothing: the relay's server and password are read from the platform's
configuration each time a message is sent, so an association's admin can neither
see them nor send them to another server. To use their own server instead,
admins choose the SMTP provider and enter its credentials themselves.
"""

from __future__ import annotations

import json

from flask import current_app
from flask_babel import lazy_gettext as _l

from wasl.notifications.providers.base import OutgoingMessage, Provider, SendResult
from wasl.notifications.providers.smtp import SmtpProvider

CONFIG_KEY = "WASL_PLATFORM_EMAIL"


def platform_relay() -> dict | None:
    """The relay the operator configured (``{"provider", "settings", "secrets"}``), or None."""
    value = current_app.config.get(CONFIG_KEY)
    if isinstance(value, str):
        value = json.loads(value) if value.strip() else None
    return value or None


class _OperatorSmtp(SmtpProvider):
    """SMTP to the operator's relay: its server is the platform's own choice, so it may be on a private network."""

    def _host_allowed(self, host: str, port: int) -> bool:
        return True


class PlatformRelayProvider(Provider):
    key = "platform_relay"
    channel = "email"
    label = _l("Platform e-mail relay")
    fields = ()

    @classmethod
    def available(cls) -> bool:
        return platform_relay() is not None

    def __init__(self, settings: dict, secrets: dict):
        super().__init__({}, {})  # whatever an association's row holds is never used for the relay

    def _relay_provider(self) -> Provider | None:
        from wasl.notifications.providers import PROVIDERS

        relay = platform_relay()
        key = (relay or {}).get("provider") or SmtpProvider.key
        if relay is None or key == self.key or key not in PROVIDERS:
            return None
        cls = _OperatorSmtp if key == SmtpProvider.key else PROVIDERS[key]
        return cls(dict(relay.get("settings") or {}), dict(relay.get("secrets") or {}))

    def send(self, message: OutgoingMessage) -> SendResult:
        provider = self._relay_provider()
        if provider is None:
            return SendResult.permanent("the platform e-mail relay is not configured")
        return provider.send(message)
