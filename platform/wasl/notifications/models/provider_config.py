"""Which provider delivers an association's messages on a channel, with its credentials encrypted."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import JSON, Boolean, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from wasl.crypto import decrypt, encrypt, encrypted_column
from wasl.db import BigId, UtcDateTime, db, utcnow
from wasl.notifications.models.notification import Channel, _enum
from wasl.tenancy.mixins import TenantOwned, tenant_key


class ProviderConfig(TenantOwned, db.Model):
    """One provider per channel and association; ``settings`` is plain, ``secrets`` only ever encrypted."""

    __tablename__ = "notification_provider_config"
    __table_args__ = (tenant_key(), UniqueConstraint("tenant_id", "channel"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    channel: Mapped[Channel] = mapped_column(_enum(Channel))
    provider: Mapped[str] = mapped_column(String(32))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    settings: Mapped[dict] = mapped_column(JSON, default=dict)
    secrets_encrypted: Mapped[str | None] = encrypted_column(nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)

    @property
    def secrets(self) -> dict:
        return json.loads(decrypt(self.secrets_encrypted)) if self.secrets_encrypted else {}

    @secrets.setter
    def secrets(self, value: dict) -> None:
        self.secrets_encrypted = encrypt(json.dumps(value, sort_keys=True)) if value else None
