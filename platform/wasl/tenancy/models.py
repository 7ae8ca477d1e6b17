"""The association (tenant) itself."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, Enum, String
from sqlalchemy.orm import Mapped, mapped_column

from wasl.db import BigId, UtcDateTime, db, utcnow


class TenantStatus(enum.StrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"


class Tenant(db.Model):
    """A non-profit association running its policy on Wasl."""

    __tablename__ = "tenant"
    __table_args__ = (CheckConstraint("slug <> ''", name="slug_not_empty"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    slug: Mapped[str] = mapped_column(String(63), unique=True)
    name_ar: Mapped[str] = mapped_column(String(255))
    name_en: Mapped[str] = mapped_column(String(255))
    registration_number: Mapped[str | None] = mapped_column(String(64))
    city_ar: Mapped[str | None] = mapped_column(String(120))
    city_en: Mapped[str | None] = mapped_column(String(120))
    region_ar: Mapped[str | None] = mapped_column(String(120))
    region_en: Mapped[str | None] = mapped_column(String(120))
    contacts: Mapped[dict] = mapped_column(JSON, default=dict)
    social_accounts: Mapped[list] = mapped_column(JSON, default=list)
    letterhead: Mapped[dict] = mapped_column(JSON, default=dict)
    terminology: Mapped[dict] = mapped_column(JSON, default=dict)
    default_locale: Mapped[str] = mapped_column(String(8), default="ar")
    status: Mapped[TenantStatus] = mapped_column(
        Enum(TenantStatus, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e]),
        default=TenantStatus.ACTIVE,
    )
    definition_hash: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)

    @property
    def is_active(self) -> bool:
        return self.status == TenantStatus.ACTIVE

    def name(self, locale: str) -> str:
        return self.name_en if locale == "en" else self.name_ar

    def city(self, locale: str) -> str | None:
        return self.city_en if locale == "en" else self.city_ar

    def term(self, key: str, locale: str) -> str | None:
        """The association's own word for ``beneficiary``/``beneficiaries`` in ``locale``."""
        return (self.terminology or {}).get(key, {}).get(locale)

    def __repr__(self) -> str:
        return f"<Tenant {self.slug}>"
