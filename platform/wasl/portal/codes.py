"""Asking for and checking the portal's one-time sign-in code.

A code is six digits, kept only as a keyed hash, valid for five minutes, good
for one sign-in and at most five tries. Asking for one answers the same
whether or not the details match a registered person: a challenge comes back
either way, but only a match gets a code by text message.
"""

from __future__ import annotations

import dataclasses
import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import select, update

from wasl.audit.services import record
from wasl.beneficiaries.crypto import mobile_index
from wasl.beneficiaries.identity import ascii_digits, normalise_mobile, normalise_national_id
from wasl.beneficiaries.services import find_by_national_id
from wasl.crypto import blind_index
from wasl.db import db, utcnow
from wasl.errors import Refused
from wasl.kernel.moments import aware
from wasl.notifications import notify
from wasl.notifications.recipients import from_beneficiary
from wasl.portal.models import PortalSignInCode
from wasl.tenancy.models import Tenant

CODE_EVENT = "auth.one_time_code"
CODE_TTL_MINUTES = 5
MAX_TRIES = 5

WRONG, EXPIRED, USED, LOCKED, UNKNOWN = "wrong", "expired", "used", "locked", "unknown"


class CodeRefused(Refused):
    """The code does not sign anyone in; ``reason`` for programs, ``message`` for people."""

    def __init__(self, reason: str, tries_left: int | None = None):
        self.reason = reason
        self.tries_left = tries_left
        extra = {"tries_left": tries_left} if tries_left is not None else {}
        super().__init__(self.message, status=429 if reason == LOCKED else 422, kind=f"code-{reason}", **extra)

    @property
    def message(self) -> str:
        if self.reason == WRONG:
            return _("This is not the code we sent. Tries left: {count}.").format(count=self.tries_left)
        return {
            EXPIRED: _("This code has expired. Ask for a new one."),
            USED: _("This code has already been used. Ask for a new one."),
            LOCKED: _("Too many wrong tries for this code. Ask for a new one."),
            UNKNOWN: _("This code is not valid here. Ask for a new one on this association's portal."),
        }[self.reason]


@dataclass(frozen=True)
class Identity:
    national_id: str
    mobile: str


def normalised(national_id: str, mobile: str) -> Identity:
    """Both numbers in their stored form; IdentityError (with a message for people) when one is not valid."""
    return Identity(normalise_national_id(national_id), normalise_mobile(mobile))


def _hash(kind: str, value: str, tenant_id: int) -> str:
    return blind_index(f"portal_{kind}", value, tenant_id)


def request_code(tenant: Tenant, identity: Identity, language: str) -> str:
    """A new challenge for these details; the code goes out by text only when they match a beneficiary."""
    beneficiary = find_by_national_id(identity.national_id)
    if beneficiary is not None and beneficiary.mobile_index != mobile_index(identity.mobile, tenant.id):
        beneficiary = None
    challenge, code = secrets.token_urlsafe(32), f"{secrets.randbelow(10 ** 6):06d}"
    db.session.add(PortalSignInCode(
        tenant_id=tenant.id, beneficiary_id=beneficiary.id if beneficiary else None,
        challenge_hash=_hash("challenge", challenge, tenant.id),
        code_hash=_hash("code", f"{challenge}:{code}", tenant.id),
        attempts=0, expires_at=utcnow() + timedelta(minutes=CODE_TTL_MINUTES)))
    if beneficiary is not None:
        recipient = dataclasses.replace(from_beneficiary(beneficiary, tenant), locale=language)
        notify(tenant.id, CODE_EVENT, recipient, {"code": code, "expires_in_minutes": CODE_TTL_MINUTES},
               essential=True)
        record("portal.sign_in_code_sent", beneficiary, actor_id=None)
    db.session.flush()
    return challenge


def verify_code(tenant: Tenant, challenge: str, code: str) -> int:
    """The beneficiary id the code signs in (spending the code); CodeRefused otherwise."""
    row = db.session.scalar(select(PortalSignInCode).where(
        PortalSignInCode.challenge_hash == _hash("challenge", challenge or "", tenant.id)))
    if row is None:
        raise CodeRefused(UNKNOWN)
    _check_usable(row)
    expected = _hash("code", f"{challenge}:{ascii_digits(code or '')}", tenant.id)
    if row.beneficiary_id is None or not secrets.compare_digest(row.code_hash, expected):
        _count_wrong_try(row)
    spent = db.session.execute(update(PortalSignInCode).where(
        PortalSignInCode.id == row.id, PortalSignInCode.used_at.is_(None),
        PortalSignInCode.attempts < MAX_TRIES).values(used_at=utcnow()))
    if spent.rowcount != 1:
        raise CodeRefused(USED)  # another request spent it a moment ago
    record("portal.signed_in", actor_id=None, beneficiary_id=row.beneficiary_id)
    return row.beneficiary_id


def _check_usable(row: PortalSignInCode) -> None:
    if row.used_at is not None:
        raise CodeRefused(USED)
    if row.attempts >= MAX_TRIES:
        raise CodeRefused(LOCKED)
    if aware(row.expires_at) <= utcnow():
        raise CodeRefused(EXPIRED)


def _count_wrong_try(row: PortalSignInCode) -> None:
    # Counted in the database, so tries sent at the same moment all count.
    db.session.execute(update(PortalSignInCode).where(PortalSignInCode.id == row.id)
                       .values(attempts=PortalSignInCode.attempts + 1))
    db.session.refresh(row, ["attempts"])
    left = MAX_TRIES - row.attempts
    raise CodeRefused(LOCKED if left <= 0 else WRONG, tries_left=max(left, 0))
