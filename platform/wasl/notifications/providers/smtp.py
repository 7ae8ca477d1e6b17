"""E-mail over SMTP: STARTTLS, implicit TLS (SMTPS) or plain, with optional authentication.

The Message-ID is derived from the idempotency key, so a message repeated
after a crash carries the same id and mail systems can tell it is a repeat.
"""

from __future__ import annotations

import ipaddress
import smtplib
import socket
import ssl
from email.message import EmailMessage
from email.utils import formataddr, formatdate

from flask_babel import lazy_gettext as _l

from wasl.notifications import config
from wasl.notifications.providers.base import OutgoingMessage, Provider, SendResult, SettingField

SECURITY_CHOICES = ("starttls", "ssl", "none")


def _code_result(code: int | None, detail: str) -> SendResult:
    if code is not None and 400 <= code < 500:
        return SendResult.retryable(detail, code)
    return SendResult.permanent(detail, code)


class SmtpProvider(Provider):
    key = "smtp"
    channel = "email"
    label = "SMTP"
    fields = (
        SettingField("host", _l("SMTP server"), binds_secrets=True),
        SettingField("port", _l("Port"), kind="int", default=587, binds_secrets=True),
        SettingField("security", _l("Connection security"), kind="choice", choices=SECURITY_CHOICES,
                     default="starttls", binds_secrets=True),
        SettingField("from_address", _l("Sender address")),
        SettingField("from_name", _l("Sender name"), required=False),
        SettingField("username", _l("User name"), required=False, binds_secrets=True),
        SettingField("password", _l("Password"), required=False, secret=True),
    )

    @classmethod
    def needs_secret(cls, field: SettingField, settings: dict) -> bool:
        """The password is needed whenever the server is signed in to with a user name."""
        return field.required or (field.name == "password" and bool(settings.get("username")))

    def build(self, message: OutgoingMessage) -> EmailMessage:
        sender = self.settings["from_address"]
        email = EmailMessage()
        email["Subject"] = message.subject or ""
        email["From"] = formataddr((self.settings.get("from_name") or "", sender))
        email["To"] = message.to
        email["Date"] = formatdate(localtime=False)
        email["Message-ID"] = f"<{message.idempotency_key}@{sender.rpartition('@')[2] or 'wasl'}>"
        email.set_content(message.body, charset="utf-8")
        email["Content-Language"] = message.locale  # after set_content, which resets Content-* headers
        return email

    def _host_allowed(self, host: str, port: int) -> bool:
        if config.setting("SMTP_ALLOW_PRIVATE_HOSTS"):
            return True
        addresses = {info[4][0] for info in socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)}
        return all(ipaddress.ip_address(a.split("%")[0]).is_global for a in addresses)

    def _connect(self, host: str, port: int, timeout: float) -> smtplib.SMTP:
        security = self.settings.get("security") or "starttls"
        if security == "ssl":
            return smtplib.SMTP_SSL(host, port, timeout=timeout, context=ssl.create_default_context())
        client = smtplib.SMTP(host, port, timeout=timeout)
        if security == "starttls":
            client.starttls(context=ssl.create_default_context())
        return client

    def send(self, message: OutgoingMessage) -> SendResult:
        host, port = self.settings["host"], int(self.settings.get("port") or 587)
        email = self.build(message)
        try:
            if not self._host_allowed(host, port):
                return SendResult.permanent(f"SMTP server {host} is not on a public address")
            with self._connect(host, port, config.setting("HTTP_TIMEOUT")) as client:
                if self.settings.get("username"):
                    client.login(self.settings["username"], self.secrets.get("password") or "")
                refused = client.send_message(email)
        except smtplib.SMTPRecipientsRefused as error:
            code, reply = next(iter(error.recipients.values()))
            return _code_result(code, f"recipient refused: {code} {reply!r}")
        except smtplib.SMTPAuthenticationError as error:
            return SendResult.permanent(f"authentication failed: {error.smtp_code}", error.smtp_code)
        except smtplib.SMTPResponseException as error:
            return _code_result(error.smtp_code, f"{error.smtp_code} {error.smtp_error!r}")
        except ssl.SSLCertVerificationError as error:
            return SendResult.permanent(f"TLS certificate not trusted: {error.verify_message}")
        except (smtplib.SMTPException, OSError) as error:
            return SendResult.retryable(f"{type(error).__name__}: {error}")
        if refused:
            return SendResult.permanent(f"recipient refused: {refused}")
        return SendResult.sent(email["Message-ID"], 250)
