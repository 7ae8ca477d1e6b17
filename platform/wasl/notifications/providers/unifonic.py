"""Unifonic SMS: ``POST /rest/SMS/messages``, form-encoded, authenticated by the AppSid parameter.

The idempotency key travels as ``CorrelationID``, which Unifonic attaches to
the message, so a repeat after a crash can be matched to the first attempt.
A refusal comes back as HTTP 200 with ``"success": false`` and an ``ER-xx`` code.
"""

from __future__ import annotations

import urllib.parse

from flask_babel import lazy_gettext as _l

from wasl.notifications import config
from wasl.notifications.providers import http
from wasl.notifications.providers.base import OutgoingMessage, SendResult, SettingField


class UnifonicProvider(http.GatewayProvider):
    key = "unifonic"
    channel = "sms"
    label = "Unifonic"
    fields = (
        SettingField("sender_id", _l("Sender name (registered with Unifonic)")),
        SettingField("app_sid", _l("AppSid"), secret=True),
    )

    def request(self, message: OutgoingMessage) -> tuple[str, bytes, dict]:
        form = {
            "AppSid": self.secrets["app_sid"],
            "SenderID": self.settings["sender_id"],
            "Recipient": http.recipient_digits(message.to),
            "Body": message.body,
            "responseType": "JSON",
            "CorrelationID": message.idempotency_key,
        }
        headers = {"Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded"}
        url = f"{config.base_url(self.key)}/rest/SMS/messages"
        return url, urllib.parse.urlencode(form).encode("ascii"), headers

    def interpret(self, answer: http.HttpAnswer) -> SendResult:
        data = answer.json()
        if answer.status == 200 and str(data.get("success")).lower() == "true":
            return http.accepted(answer, (data.get("data") or {}).get("MessageID"))
        if answer.status == 200:
            return SendResult.permanent(http.excerpt(answer.text), answer.status)
        return http.failure_for(answer, http.excerpt(answer.text))
