"""The one interface every provider implements, and what it answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from wasl.notifications.models import Outcome


@dataclass(frozen=True)
class SettingField:
    """One setting an admin fills in for a provider; ``secret`` ones are stored encrypted.

    ``binds_secrets`` marks a setting that decides where the secrets are sent (an
    SMTP server's host, port, security and user name): when it changes, the stored
    secrets are dropped and must be entered again.
    """

    name: str
    label: object
    required: bool = True
    secret: bool = False
    kind: str = "text"  # text | int | choice
    choices: tuple[str, ...] = ()
    default: object = None
    binds_secrets: bool = False


@dataclass(frozen=True)
class OutgoingMessage:
    channel: str
    to: str  # e-mail address, or mobile number in E.164
    body: str
    idempotency_key: str
    locale: str = "ar"
    subject: str | None = None
    template_name: str | None = None
    template_params: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SendResult:
    outcome: Outcome
    message_id: str | None = None
    status_code: int | None = None
    detail: str = ""

    @classmethod
    def sent(cls, message_id: str | None, status_code: int | None = None, detail: str = "") -> SendResult:
        return cls(Outcome.SENT, message_id, status_code, detail)

    @classmethod
    def retryable(cls, detail: str, status_code: int | None = None) -> SendResult:
        return cls(Outcome.RETRYABLE, None, status_code, detail)

    @classmethod
    def permanent(cls, detail: str, status_code: int | None = None) -> SendResult:
        return cls(Outcome.PERMANENT, None, status_code, detail)


class Provider:
    """Sends one message; never raises for a provider's refusal, only answers SendResult."""

    key: ClassVar[str]
    channel: ClassVar[str]
    label: ClassVar[str]
    fields: ClassVar[tuple[SettingField, ...]] = ()

    @classmethod
    def available(cls) -> bool:
        """Whether an admin may choose this provider now."""
        return True

    @classmethod
    def needs_secret(cls, field: SettingField, settings: dict) -> bool:
        """Whether the secret ``field`` must be filled in with these (non-secret) ``settings``."""
        return field.required

    def __init__(self, settings: dict, secrets: dict):
        self.settings = settings or {}
        self.secrets = secrets or {}

    def send(self, message: OutgoingMessage) -> SendResult:
        raise NotImplementedError
