"""Who a notification goes to: the ``Recipient`` value, and resolving an event's recipients.

The beneficiary registry is another feature's; it is imported lazily so that
notifications work (with no beneficiary recipients) before it exists.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import select

from wasl.accounts.models import Membership, User
from wasl.db import db
from wasl.kernel.bilingual import pick
from wasl.notifications import catalogue
from wasl.tenancy.models import Tenant
from wasl.tenancy.scope import get_in_scope

LOCALES = ("ar", "en")


@dataclass(frozen=True)
class Recipient:
    name: str = ""
    locale: str = "ar"
    email: str | None = None
    mobile: str | None = None  # E.164, +9665XXXXXXXX
    preferred_channel: str | None = None
    opted_out_non_essential: bool = False
    kind: str = "person"  # beneficiary | staff | person
    ref_id: int | None = None

    def address_for(self, channel: str) -> str | None:
        return self.email if channel == "email" else self.mobile


def _beneficiary_model():
    try:
        return importlib.import_module("wasl.beneficiaries.models").Beneficiary
    except (ImportError, AttributeError):
        return None


def _locale(value, tenant: Tenant) -> str:
    value = (value or "").lower()[:2]
    return value if value in LOCALES else (tenant.default_locale or "ar")


def _localised_name(value, locale: str) -> str:
    if isinstance(value, dict):
        return pick(value, locale)
    return str(value or "")


def from_beneficiary(beneficiary, tenant: Tenant) -> Recipient:
    locale = _locale(getattr(beneficiary, "preferred_language", None), tenant)
    name = getattr(beneficiary, "name", None)
    name = name(locale) if callable(name) else name
    channel = getattr(beneficiary, "preferred_channel", None)
    return Recipient(
        name=_localised_name(name, locale), locale=locale, email=getattr(beneficiary, "email", None),
        mobile=getattr(beneficiary, "mobile", None), preferred_channel=str(channel) if channel else None,
        opted_out_non_essential=bool(getattr(beneficiary, "opted_out_non_essential", False)),
        kind="beneficiary", ref_id=beneficiary.id,
    )


def from_user(user: User, tenant: Tenant) -> Recipient:
    return Recipient(name=user.name, locale=_locale(user.preferred_locale, tenant), email=user.email,
                     preferred_channel="email", kind="staff", ref_id=user.id)


def _named_beneficiary(payload: dict, tenant: Tenant) -> list[Recipient]:
    model = _beneficiary_model()
    if model is None or payload.get("beneficiary_id") is None:
        return []
    beneficiary = get_in_scope(db.session, model, payload["beneficiary_id"])
    return [from_beneficiary(beneficiary, tenant)] if beneficiary is not None else []


def _all_beneficiaries(tenant: Tenant) -> Iterator[Recipient]:
    """Everyone with a standing consent to notifications (given, not withdrawn)."""
    model = _beneficiary_model()
    if model is None:
        return
    consent = importlib.import_module("wasl.beneficiaries.models").Consent
    consented = select(consent.beneficiary_id).where(consent.purpose == "notifications",
                                                     consent.withdrawn_at.is_(None))
    stmt = select(model).where(model.id.in_(consented)).order_by(model.id).execution_options(yield_per=500)
    for beneficiary in db.session.scalars(stmt):
        yield from_beneficiary(beneficiary, tenant)


def _staff(payload: dict, tenant: Tenant, spec: catalogue.EventSpec) -> list[Recipient]:
    """The staff the payload names; otherwise those holding the event's permission and the case's assignee."""
    named = set(payload.get("user_ids") or ([payload["user_id"]] if payload.get("user_id") else []))
    stmt = (select(Membership).join(User, User.id == Membership.user_id)
            .where(Membership.tenant_id == tenant.id, Membership.active.is_(True), User.active.is_(True))
            .order_by(Membership.user_id))
    members = db.session.scalars(stmt).all()
    if named:
        chosen = [m for m in members if m.user_id in named]
    else:
        chosen = [m for m in members if (spec.staff_permission and m.grants(spec.staff_permission))
                  or m.user_id == payload.get("assignee_id")]
    return [from_user(m.user, tenant) for m in chosen]


def _invitee(payload: dict, tenant: Tenant) -> list[Recipient]:
    if payload.get("user_id"):
        user = db.session.get(User, payload["user_id"])
        return [from_user(user, tenant)] if user is not None else []
    if not payload.get("email"):
        return []
    return [Recipient(name=payload.get("name") or "", locale=_locale(payload.get("locale"), tenant),
                      email=payload["email"], preferred_channel="email")]


def _mobile_holder(payload: dict, tenant: Tenant) -> list[Recipient]:
    named = _named_beneficiary(payload, tenant)
    if named:
        return named
    if not payload.get("mobile"):
        return []
    return [Recipient(name=payload.get("name") or "", locale=_locale(payload.get("locale"), tenant),
                      mobile=payload["mobile"], preferred_channel="sms")]


def recipients_for(event: str, payload: dict) -> list[Recipient] | Iterator[Recipient]:
    """The people ``event`` notifies; empty when the registry they live in does not exist yet."""
    spec = catalogue.spec_for(event)
    tenant = db.session.get(Tenant, payload["tenant_id"])
    if tenant is None:
        return []
    if spec.audience == catalogue.BENEFICIARIES:
        return _all_beneficiaries(tenant)
    if spec.audience == catalogue.BENEFICIARY:
        return _named_beneficiary(payload, tenant)
    if spec.audience == catalogue.STAFF:
        return _staff(payload, tenant, spec)
    if spec.audience == catalogue.INVITEE:
        return _invitee(payload, tenant)
    return _mobile_holder(payload, tenant)
