"""Taqnyat SMS: ``POST /v1/messages`` with a JSON body and a bearer token.

Taqnyat's API has no correlation or idempotency field, so after a crash in
the middle of a send the retry may repeat that one SMS; the other providers
carry the key.
"""

from __future__ import annotations

import json

from flask_babel import lazy_gettext as _l

from wasl.notifications import config
from wasl.notifications.providers import http
from wasl.notifications.providers.base import OutgoingMessage, Provider, SendResult, SettingField


class TaqnyatProvider(Provider):
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
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        return f"{config.base_url(self.key)}/v1/messages", body, headers

    def send(self, message: OutgoingMessage) -> SendResult:
        try:
            url, body, headers = self.request(message)
        except ValueError as error:
            return SendResult.permanent(str(error))
        return http.exchange(url, body, headers, self.interpret)

    def interpret(self, answer: http.HttpAnswer) -> SendResult:
        if answer.status in (200, 201):
            message_id = answer.json().get("messageId")
            return SendResult.sent(str(message_id) if message_id is not None else None, answer.status,
                                   http.excerpt(answer.text))
        return http.failure_for(answer, http.excerpt(answer.text))
