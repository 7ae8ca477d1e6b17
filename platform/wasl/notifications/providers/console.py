"""Development provider: nothing leaves the machine.

The log gets one line per message with the address masked and no body, so a
worker's log never holds a mobile number or a sign-in code. The whole message
is written to a file under ``NOTIFICATIONS_CONSOLE_OUTBOX`` when that is set
(the demo sets it), one folder per association, where a person trying the demo
reads what would have been sent.
"""

from __future__ import annotations

import logging
from pathlib import Path

from flask import current_app, has_app_context
from flask_babel import lazy_gettext as _l

from wasl.notifications.masking import mask_address
from wasl.notifications.providers.base import OutgoingMessage, Provider, SendResult

LOGGER = "wasl.notifications.console"


def _log() -> logging.Logger:
    """The console provider's line is its whole point: make sure it is shown wherever it runs."""
    logger = logging.getLogger(LOGGER)
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.INFO)
    if not logger.hasHandlers():
        logger.addHandler(logging.StreamHandler())
    return logger


def _outbox_folder() -> Path | None:
    from wasl.db import db
    from wasl.tenancy.scope import current_scope

    root = current_app.config.get("NOTIFICATIONS_CONSOLE_OUTBOX") if has_app_context() else None
    scope = current_scope(db.session) if root else None
    tenant_id = scope.write_tenant_id if scope is not None else None
    return Path(root) / str(int(tenant_id)) if tenant_id is not None else None


def _full_text(message: OutgoingMessage) -> str:
    lines = [f"[{message.channel}] to {message.to} ({message.locale}) key={message.idempotency_key}"]
    if message.subject:
        lines.append(f"Subject: {message.subject}")
    if message.template_name:
        lines.append(f"WhatsApp template {message.template_name} {message.template_params}")
    lines.append(message.body)
    return "\n".join(lines) + "\n"


class ConsoleProvider(Provider):
    key = "console"
    channel = "*"
    label = _l("Console (development)")

    def send(self, message: OutgoingMessage) -> SendResult:
        folder = _outbox_folder()
        where = ""
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"{message.idempotency_key}.txt"
            path.write_text(_full_text(message), encoding="utf-8")
            where = f", written to {path}"
        _log().info("[%s] to %s (%s) key=%s: %d characters%s", message.channel, mask_address(message.to),
                    message.locale, message.idempotency_key, len(message.body or ""), where)
        return SendResult.sent(f"console-{message.idempotency_key}")
