"""Handing staff e-mails to the notifications outbox, when that feature is installed."""

from __future__ import annotations

import importlib

from flask import current_app


def _outbox():
    """The outbox module, once the notifications feature is installed (models registered, app configured)."""
    from wasl import models

    if "Notification" not in getattr(models, "__all__", ()) or "NOTIFICATIONS_DELIVERY" not in current_app.config:
        return None
    try:
        return importlib.import_module("wasl.notifications.outbox")
    except ImportError:
        return None


def can_email() -> bool:
    """Whether invitations go out by e-mail (otherwise the link is shown to whoever invited)."""
    return _outbox() is not None and not current_app.config.get("WASL_SHOW_INVITATION_LINKS", False)


def send_staff_email(tenant_id: int, event: str, email: str, context: dict, *, name: str = "",
                     locale: str = "ar", object_id=None) -> bool:
    """Queue ``event`` for ``email`` in the current transaction; False when it will not be e-mailed."""
    outbox = _outbox()
    if outbox is None:
        return False
    from wasl.notifications.recipients import Recipient

    recipient = Recipient(name=name or "", locale=locale, email=email, preferred_channel="email", kind="person")
    notification = outbox.notify(tenant_id, event, recipient, context, essential=True, object_id=object_id)
    return notification is not None and str(getattr(notification.status, "value", notification.status)) != "dead"
