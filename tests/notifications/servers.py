"""Real servers the providers talk to in tests: an SMTP server (aiosmtpd) and an HTTP gateway stand-in."""

from __future__ import annotations

import json
import socket
import threading
import time
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Mailbox:
    def __init__(self):
        self.messages = []
        self.reply: str | None = None  # e.g. "550 5.1.1 no such user"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if self.reply:
            return self.reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.messages.append({
            "from": envelope.mail_from, "to": list(envelope.rcpt_tos),
            "message": message_from_bytes(envelope.original_content, policy=policy.default),
            "auth": getattr(session, "auth_data", None),
        })
        return "250 Message accepted for delivery"


class SmtpServer:
    """aiosmtpd on a free port; ``messages`` holds what it received, parsed."""

    def __init__(self, **controller_kwargs):
        self.mailbox = _Mailbox()
        self.port = free_port()
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port, **controller_kwargs)

    @property
    def messages(self):
        return self.mailbox.messages

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()


@dataclass
class Received:
    method: str
    path: str
    headers: dict
    body: bytes
    at: float
    peer: tuple = ()  # the client's address: one per TCP connection

    def json(self):
        return json.loads(self.body.decode("utf-8"))


@dataclass
class Answer:
    status: int
    body: dict | str
    hold: threading.Event | None = None  # the answer waits until this is set (a slow provider)


@dataclass
class GatewayState:
    received: list = field(default_factory=list)
    script: list = field(default_factory=list)  # answers given in order; the default afterwards
    default: Answer | None = None
    arrived: threading.Condition = field(default_factory=threading.Condition)


def _handler(state: GatewayState):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as the real gateways speak it
        disable_nagle_algorithm = True  # headers and body in separate writes must not wait for an ACK

        def log_message(self, *args):
            pass

        def do_POST(self):  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            with state.arrived:
                state.received.append(Received("POST", self.path, dict(self.headers.items()), body, time.time(),
                                               tuple(self.client_address)))
                answer = state.script.pop(0) if state.script else state.default
                state.arrived.notify_all()
            if answer.hold is not None:
                answer.hold.wait(60)
            payload = answer.body if isinstance(answer.body, str) else json.dumps(answer.body)
            data = payload.encode("utf-8")
            try:
                self.send_response(answer.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the caller was killed while we held the answer

    return Handler


class Gateway:
    """An HTTP server standing in for Unifonic, Taqnyat and the Graph API; records every request."""

    def __init__(self, default: Answer):
        self.state = GatewayState(default=default)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self.state))
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    @property
    def received(self) -> list[Received]:
        return self.state.received

    def answer(self, *answers: Answer) -> None:
        self.state.script.extend(answers)

    def wait_for(self, count: int, timeout: float = 30) -> list[Received]:
        with self.state.arrived:
            self.state.arrived.wait_for(lambda: len(self.state.received) >= count, timeout)
        return list(self.state.received)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        for answer in [*self.state.script, self.state.default]:
            if answer is not None and answer.hold is not None:
                answer.hold.set()
        self.server.shutdown()
        self.server.server_close()


UNIFONIC_OK = {"success": True, "message": "", "errorCode": "ER-00",
               "data": {"MessageID": 42000348806924, "CorrelationID": "", "Status": "Sent", "NumberOfUnits": 1,
                        "Cost": 0.05, "Balance": 100, "Recipient": "966501234567",
                        "TimeCreated": "2026-03-01 10:00:00.000", "CurrencyCode": "SAR"}}
TAQNYAT_OK = {"statusCode": 201, "messageId": 5452899970, "cost": "0.0500", "currency": "SAR", "totalCount": 1,
              "msgLength": 1, "accepted": "[966501234567,]", "rejected": "[]"}
WHATSAPP_OK = {"messaging_product": "whatsapp", "contacts": [{"input": "966501234567", "wa_id": "966501234567"}],
               "messages": [{"id": "wamid.HBgMOTY2NTAxMjM0NTY3FQIAERgSQUFBQUFBQUFBQUFBQUFBQQA="}]}
