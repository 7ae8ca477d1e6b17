"""The notification outbox and what configures it, one model per module."""

from wasl.notifications.models.notification import (
    Channel,
    Notification,
    NotificationAttempt,
    NotificationStatus,
    Outcome,
)
from wasl.notifications.models.provider_config import ProviderConfig
from wasl.notifications.models.settings import NotificationSettings
from wasl.notifications.models.template_override import NotificationTemplate

__all__ = [
    "Channel",
    "Notification",
    "NotificationAttempt",
    "NotificationSettings",
    "NotificationStatus",
    "NotificationTemplate",
    "Outcome",
    "ProviderConfig",
]
