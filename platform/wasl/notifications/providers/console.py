"""Development provider: writes the message to the log instead of sending it."""

from __future__ import annotations

import logging

from flask_babel import lazy_gettext as _l

from wasl.notifications.providers.base import OutgoingMessage, Provider, SendResult

LOGGER = "wasl.notifications.console"


def _log() -> logging.Logger:
    """The console provider's output is its whole point: make sure it is shown wherever it runs."""
    logger = logging.getLogger(LOGGER)
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.INFO)
    if not logger.hasHandlers():
        logger.addHandler(logging.StreamHandler())
    return logger


class ConsoleProvider(Provider):
    key = "console"
    channel = "*"
    label = _l("Console (development)")

    def send(self, message: OutgoingMessage) -> SendResult:
        lines = [f"[{message.channel}] to {message.to} ({message.locale}) key={message.idempotency_key}"]
        if message.subject:
            lines.append(f"Subject: {message.subject}")
        if message.template_name:
            lines.append(f"WhatsApp template {message.template_name} {message.template_params}")
        lines.append(message.body)
        _log().info("\n".join(lines))
        return SendResult.sent(f"console-{message.idempotency_key}")
