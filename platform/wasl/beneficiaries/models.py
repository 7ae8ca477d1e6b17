"""The beneficiary registry: people an association serves, and the consents they gave."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wasl.accounts.models import User
from wasl.beneficiaries.fields import hijri_iso
from wasl.beneficiaries.identity import mask_mobile, mask_national_id
from wasl.crypto import Decrypted, blind_index_column, encrypted_column
from wasl.db import BigId, UtcDateTime, db, utcnow
from wasl.tenancy.mixins import TenantOwned, tenant_fk, tenant_key

NATIONAL_ID_KIND = "national_id"
MOBILE_KIND = "mobile"

GENDERS = ("male", "female")
LANGUAGES = ("ar", "en")
CONTACT_CHANNELS = ("sms", "email", "whatsapp")
CALENDARS = ("gregorian", "hijri")
CONSENT_PURPOSES = ("data_processing", "notifications", "data_sharing")
CONSENT_CHANNELS = ("in_person", "paper_form", "phone", "online", "sms", "whatsapp", "email")


class Beneficiary(TenantOwned, db.Model):
    """A person an association serves; the national ID and mobile are encrypted at rest.

    Exact look-ups and duplicate detection go through the keyed blind indexes,
    which differ between associations for the same person.
    """

    __tablename__ = "beneficiary"
    __table_args__ = (
        tenant_key(),
        UniqueConstraint("tenant_id", "national_id_index"),
        UniqueConstraint("tenant_id", "file_number"),
        Index("ix_beneficiary_tenant_id_mobile_index", "tenant_id", "mobile_index"),
        Index("ix_beneficiary_tenant_id_name_search", "tenant_id", "name_search"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    national_id_encrypted: Mapped[str] = encrypted_column()
    national_id_index: Mapped[str] = blind_index_column(NATIONAL_ID_KIND, "national_id")
    id_kind: Mapped[str] = mapped_column(String(16))
    full_name_ar: Mapped[str] = mapped_column(String(200))
    full_name_en: Mapped[str | None] = mapped_column(String(200))
    name_search: Mapped[str] = mapped_column(String(420))
    mobile_encrypted: Mapped[str] = encrypted_column()
    mobile_index: Mapped[str] = blind_index_column(MOBILE_KIND, "mobile")
    email: Mapped[str | None] = mapped_column(String(254))
    gender: Mapped[str] = mapped_column(String(8))
    birth_on: Mapped[date | None] = mapped_column(Date)
    birth_calendar: Mapped[str | None] = mapped_column(String(9))
    city: Mapped[str | None] = mapped_column(String(120))
    preferred_language: Mapped[str] = mapped_column(String(2), default="ar")
    preferred_channel: Mapped[str] = mapped_column(String(16), default="sms")
    opted_out_non_essential: Mapped[bool] = mapped_column(Boolean, default=False)
    registered_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    file_number: Mapped[int | None] = mapped_column(Integer)
    created_by_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)

    consents: Mapped[list[Consent]] = relationship(viewonly=True, order_by="Consent.id")

    national_id = Decrypted("national_id_encrypted")
    mobile = Decrypted("mobile_encrypted")

    @property
    def national_id_masked(self) -> str:
        return mask_national_id(self.national_id)

    @property
    def mobile_masked(self) -> str:
        return mask_mobile(self.mobile)

    @property
    def is_registered(self) -> bool:
        return self.registered_at is not None

    @property
    def birth_on_hijri(self) -> str | None:
        """The birth date in the Umm al-Qura calendar, ``YYYY-MM-DD``."""
        return None if self.birth_on is None else hijri_iso(self.birth_on)

    def name(self, locale: str) -> str:
        return (self.full_name_en or self.full_name_ar) if locale == "en" else self.full_name_ar

    def __repr__(self) -> str:
        return f"<Beneficiary {self.id} tenant={self.tenant_id}>"


class Consent(TenantOwned, db.Model):
    """A consent the beneficiary gave: for what, when, through which channel, and who took it."""

    __tablename__ = "beneficiary_consent"
    __table_args__ = (
        tenant_key(),
        tenant_fk("beneficiary_id", "beneficiary"),
        Index("ix_beneficiary_consent_tenant_id_beneficiary_id", "tenant_id", "beneficiary_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    beneficiary_id: Mapped[int] = mapped_column(BigInteger)
    purpose: Mapped[str] = mapped_column(String(40))
    given_on: Mapped[date] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(20))
    taken_by_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    withdrawn_by_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("user_account.id"))

    taken_by: Mapped[User | None] = relationship(lazy="joined", foreign_keys=[taken_by_id])

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    def __repr__(self) -> str:
        return f"<Consent {self.id} {self.purpose}>"


SENSITIVE_FIELDS = frozenset({NATIONAL_ID_KIND, MOBILE_KIND})  # their old and new values are kept encrypted


class Correction(TenantOwned, db.Model):
    """One field of a beneficiary's record changed: the value before and after, who changed it, when and why.

    The national ID and mobile are kept encrypted, like the registry keeps
    them; the other values in plain text. Erasing the person wipes both.
    """

    __tablename__ = "beneficiary_correction"
    __table_args__ = (
        tenant_key(),
        tenant_fk("beneficiary_id", "beneficiary"),
        Index("ix_beneficiary_correction_tenant_id_beneficiary_id", "tenant_id", "beneficiary_id", "id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    beneficiary_id: Mapped[int] = mapped_column(BigInteger)
    field: Mapped[str] = mapped_column(String(40))
    old_plain: Mapped[str | None] = mapped_column(Text)
    new_plain: Mapped[str | None] = mapped_column(Text)
    old_encrypted: Mapped[str | None] = encrypted_column(nullable=True)
    new_encrypted: Mapped[str | None] = encrypted_column(nullable=True)
    reason: Mapped[str | None] = mapped_column(String(500))
    corrected_by_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("user_account.id"))
    corrected_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    corrected_by: Mapped[User | None] = relationship(lazy="joined")

    old_secret = Decrypted("old_encrypted")
    new_secret = Decrypted("new_encrypted")

    @property
    def old_value(self) -> str | None:
        return self.old_secret if self.field in SENSITIVE_FIELDS else self.old_plain

    @property
    def new_value(self) -> str | None:
        return self.new_secret if self.field in SENSITIVE_FIELDS else self.new_plain

    def set_values(self, old: str | None, new: str | None) -> None:
        if self.field in SENSITIVE_FIELDS:
            self.old_secret, self.new_secret = old, new
        else:
            self.old_plain, self.new_plain = old, new

    def __repr__(self) -> str:
        return f"<Correction {self.id} {self.field}>"
