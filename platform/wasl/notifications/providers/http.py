"""A small HTTP client for the gateway providers, how their status codes map to outcomes, and the
``GatewayProvider`` they share: one POST per message, each gateway stating only its request and how it
reads the answer.

Connections are kept open and reused per gateway (scheme, host, port) within a
thread, so a worker sending a batch pays the TCP and TLS handshakes once. A
connection idle for longer than ``IDLE_REUSE_SECONDS`` is replaced before use
rather than risked: a POST whose connection drops mid-way is never repeated
here, since the gateway may have acted on it; it becomes a retryable attempt
carrying the same idempotency key.
"""

from __future__ import annotations

import http.client
import json
import ssl
import threading
import time
import urllib.parse
from dataclasses import dataclass

from wasl.notifications import config
from wasl.notifications.providers.base import OutgoingMessage, Provider, SendResult

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


IDLE_REUSE_SECONDS = 4.0
_local = threading.local()


def _pool() -> dict:
    if not hasattr(_local, "connections"):
        _local.connections = {}
    return _local.connections


def _connection(scheme: str, host: str, port: int | None, timeout: float) -> http.client.HTTPConnection:
    key = (scheme, host, port)
    kept = _pool().pop(key, None)
    if kept is not None:
        connection, last_used = kept
        if time.monotonic() - last_used < IDLE_REUSE_SECONDS:
            connection.timeout = timeout
            return connection
        connection.close()
    if scheme == "https":
        return http.client.HTTPSConnection(host, port, timeout=timeout, context=ssl.create_default_context())
    return http.client.HTTPConnection(host, port, timeout=timeout)


def _keep(scheme: str, host: str, port: int | None, connection, response) -> None:
    if response.will_close:
        connection.close()
    else:
        _pool()[(scheme, host, port)] = (connection, time.monotonic())


def close_all() -> None:
    """Close this thread's kept connections (a worker does so when it stops)."""
    for connection, _last_used in _pool().values():
        connection.close()
    _pool().clear()


def post(url: str, body: bytes, headers: dict[str, str]) -> HttpAnswer:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise TransportError(f"ValueError: not an http(s) address: {url}")
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    connection = _connection(parts.scheme, parts.hostname, parts.port, config.setting("HTTP_TIMEOUT"))
    try:
        connection.request("POST", target, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
    except (http.client.HTTPException, TimeoutError, ConnectionError, OSError) as error:
        connection.close()
        raise TransportError(f"{type(error).__name__}: {error}") from error
    _keep(parts.scheme, parts.hostname, parts.port, connection, response)
    return HttpAnswer(response.status, text)


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


def accepted(answer: HttpAnswer, message_id) -> SendResult:
    """The gateway took the message; ``message_id`` is its id for it, if it gave one."""
    return SendResult.sent(str(message_id) if message_id is not None else None, answer.status, excerpt(answer.text))


def json_body(payload: dict) -> bytes:
    return json.dumps(payload, ensure_ascii=False).encode("utf-8")


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


class GatewayProvider(Provider):
    """A provider reached by one HTTP POST per message. A message it cannot take (no usable number, no
    template) is refused for good without asking the gateway."""

    def request(self, message: OutgoingMessage) -> tuple[str, bytes, dict]:
        """The address, body and headers of the POST; a ``ValueError`` if the message cannot be sent."""
        raise NotImplementedError

    def interpret(self, answer: HttpAnswer) -> SendResult:
        raise NotImplementedError

    def send(self, message: OutgoingMessage) -> SendResult:
        try:
            url, body, headers = self.request(message)
        except ValueError as error:
            return SendResult.permanent(str(error))
        return exchange(url, body, headers, self.interpret)
