"""Development provider: writes the message to the log instead of sending it."""

from __future__ import annotations

import logging

from wasl.notifications.providers.base import OutgoingMessage, Provider, SendResult

log = logging.getLogger("wasl.notifications.console")


class ConsoleProvider(Provider):
    key = "console"
    channel = "*"
    label = "Console (development)"

    def send(self, message: OutgoingMessage) -> SendResult:
        lines = [f"[{message.channel}] to {message.to} ({message.locale}) key={message.idempotency_key}"]
        if message.subject:
            lines.append(f"Subject: {message.subject}")
        if message.template_name:
            lines.append(f"WhatsApp template {message.template_name} {message.template_params}")
        lines.append(message.body)
        log.info("\n".join(lines))
        return SendResult.sent(f"console-{message.idempotency_key}")
