"""Taqnyat SMS: ``POST /v1/messages`` with a JSON body and a bearer token.

Taqnyat's API has no correlation or idempotency field, so after a crash in
the middle of a send the retry may repeat that one SMS; the other providers
carry the key.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from wasl.notifications import config
from wasl.notifications.providers import http
from wasl.notifications.providers.base import OutgoingMessage, SendResult, SettingField


class TaqnyatProvider(http.GatewayProvider):
    key = "taqnyat"
    channel = "sms"
    label = "Taqnyat"
    fields = (
        SettingField("sender", _l("Sender name (registered with Taqnyat)")),
        SettingField("bearer_token", _l("Bearer token"), secret=True),
    )

    def request(self, message: OutgoingMessage) -> tuple[str, bytes, dict]:
        payload = {"recipients": [http.recipient_digits(message.to)], "body": message.body,
                   "sender": self.settings["sender"]}
        headers = {"Authorization": f"Bearer {self.secrets['bearer_token']}", "Content-Type": "application/json",
                   "Accept": "application/json"}
        return f"{config.base_url(self.key)}/v1/messages", http.json_body(payload), headers

    def interpret(self, answer: http.HttpAnswer) -> SendResult:
        if answer.status in (200, 201):
            return http.accepted(answer, answer.json().get("messageId"))
        return http.failure_for(answer, http.excerpt(answer.text))
