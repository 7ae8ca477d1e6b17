"""WhatsApp Cloud API: ``POST /{version}/{phone-number-id}/messages`` with an approved template.

Messages a business starts must be template messages: the template's name,
its language code and the values of its body parameters. The idempotency key
rides along as ``biz_opaque_callback_data``, returned in delivery webhooks.
Graph API errors come as HTTP 4xx with an error code; throttling codes are retried.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from wasl.notifications import config
from wasl.notifications.providers import http
from wasl.notifications.providers.base import OutgoingMessage, SendResult, SettingField

# Graph API error codes that mean "not now" rather than "never": throttling and temporary outages.
RETRYABLE_CODES = {1, 2, 4, 80007, 130429, 131000, 131048, 131056, 133004}
DEFAULT_VERSION = "v21.0"


class WhatsAppCloudProvider(http.GatewayProvider):
    key = "whatsapp_cloud"
    channel = "whatsapp"
    label = "WhatsApp Cloud API"
    fields = (
        SettingField("phone_number_id", _l("Phone number ID")),
        SettingField("api_version", _l("Graph API version"), required=False, default=DEFAULT_VERSION),
        SettingField("access_token", _l("Access token"), secret=True),
    )

    def payload(self, message: OutgoingMessage) -> dict:
        parameters = [{"type": "text", "text": value} for value in message.template_params]
        template = {"name": message.template_name, "language": {"code": message.locale}}
        if parameters:
            template["components"] = [{"type": "body", "parameters": parameters}]
        return {"messaging_product": "whatsapp", "recipient_type": "individual",
                "to": http.recipient_digits(message.to), "type": "template", "template": template,
                "biz_opaque_callback_data": message.idempotency_key}

    def request(self, message: OutgoingMessage) -> tuple[str, bytes, dict]:
        if not message.template_name:
            raise ValueError("no WhatsApp template name for this message")
        version = self.settings.get("api_version") or DEFAULT_VERSION
        url = f"{config.base_url(self.key)}/{version}/{self.settings['phone_number_id']}/messages"
        headers = {"Authorization": f"Bearer {self.secrets['access_token']}", "Content-Type": "application/json"}
        return url, http.json_body(self.payload(message)), headers

    def interpret(self, answer: http.HttpAnswer) -> SendResult:
        data = answer.json()
        if answer.status == 200 and data.get("messages"):
            return http.accepted(answer, data["messages"][0].get("id"))
        code = (data.get("error") or {}).get("code")
        if code in RETRYABLE_CODES:
            return SendResult.retryable(http.excerpt(answer.text), answer.status)
        return http.failure_for(answer, http.excerpt(answer.text))
