"""Providers behind one interface, chosen per association and channel."""

from __future__ import annotations

from wasl.notifications.providers.base import OutgoingMessage, Provider, SendResult, SettingField
from wasl.notifications.providers.console import ConsoleProvider
from wasl.notifications.providers.relay import PlatformRelayProvider, platform_relay
from wasl.notifications.providers.smtp import SmtpProvider
from wasl.notifications.providers.taqnyat import TaqnyatProvider
from wasl.notifications.providers.unifonic import UnifonicProvider
from wasl.notifications.providers.whatsapp import WhatsAppCloudProvider

PROVIDERS: dict[str, type[Provider]] = {
    cls.key: cls
    for cls in (ConsoleProvider, PlatformRelayProvider, SmtpProvider, UnifonicProvider, TaqnyatProvider,
                WhatsAppCloudProvider)
}


def providers_for(channel: str) -> list[type[Provider]]:
    """The providers an admin may choose for ``channel`` (the console one for any, the relay when there is one)."""
    return [cls for cls in PROVIDERS.values() if cls.channel in (channel, "*") and cls.available()]


def build(key: str, settings: dict, secrets: dict) -> Provider:
    return PROVIDERS[key](settings, secrets)


__all__ = ["OutgoingMessage", "PROVIDERS", "PlatformRelayProvider", "Provider", "SendResult", "SettingField", "build",
           "platform_relay", "providers_for"]
