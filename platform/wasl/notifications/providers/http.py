"""A small HTTP client for the gateway providers, and how their status codes map to outcomes."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass

from wasl.notifications import config
from wasl.notifications.providers.base import SendResult

RETRYABLE_STATUSES = {408, 425, 429}


class TransportError(Exception):
    """The provider could not be reached or did not answer in time: worth another try."""


@dataclass(frozen=True)
class HttpAnswer:
    status: int
    text: str

    def json(self) -> dict:
        try:
            value = json.loads(self.text)
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}


def post(url: str, body: bytes, headers: dict[str, str]) -> HttpAnswer:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=config.setting("HTTP_TIMEOUT")) as response:
            return HttpAnswer(response.status, response.read().decode("utf-8", "replace"))
    except urllib.error.HTTPError as error:
        return HttpAnswer(error.code, error.read().decode("utf-8", "replace"))
    except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise TransportError(f"{type(reason).__name__}: {reason}") from error


def exchange(url: str, body: bytes, headers: dict[str, str], interpret) -> SendResult:
    """POST and let ``interpret`` read the answer; no answer at all is worth another try."""
    try:
        answer = post(url, body, headers)
    except TransportError as error:
        return SendResult.retryable(str(error))
    return interpret(answer)


def failure_for(answer: HttpAnswer, detail: str) -> SendResult:
    """Throttling and server errors are retried; any other refusal is final."""
    if answer.status >= 500 or answer.status in RETRYABLE_STATUSES:
        return SendResult.retryable(detail, answer.status)
    return SendResult.permanent(detail, answer.status)


def excerpt(text: str, limit: int = 300) -> str:
    return " ".join(text.split())[:limit]


def recipient_digits(mobile: str) -> str:
    """``+966501234567`` -> ``966501234567``: international format without ``+`` or ``00``."""
    import phonenumbers

    try:
        number = phonenumbers.parse(mobile, "SA")
    except phonenumbers.NumberParseException as error:
        raise ValueError(f"not a mobile number: {error}") from error
    if not phonenumbers.is_valid_number(number):
        raise ValueError("not a valid mobile number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164).lstrip("+")
