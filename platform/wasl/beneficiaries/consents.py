"""Withdrawing a consent: recorded with who and when, and announced so that its effects follow at once.

The consent stays in the record (when it was given, when withdrawn); a
withdrawn consent to notifications opts the person out of every non-essential
message and the notifications feature stops those still waiting in the outbox
(``beneficiary.consent_withdrawn``), in the same transaction.
"""

from __future__ import annotations

from sqlalchemy import select

from wasl.audit.services import record
from wasl.beneficiaries.models import Beneficiary, Consent
from wasl.db import db, utcnow
from wasl.events import emit

NOTIFICATIONS = "notifications"


def consent_of(beneficiary: Beneficiary, consent_id: int) -> Consent | None:
    return db.session.scalar(select(Consent).where(Consent.id == consent_id,
                                                   Consent.beneficiary_id == beneficiary.id))


def withdraw_consent(beneficiary: Beneficiary, consent: Consent, actor) -> Consent:
    """Withdraw ``consent`` (a second withdrawal changes nothing); audited with who."""
    if consent.is_withdrawn:
        return consent
    actor_id = actor.id if actor is not None else None
    consent.withdrawn_at, consent.withdrawn_by_id = utcnow(), actor_id
    if consent.purpose == NOTIFICATIONS:
        beneficiary.opted_out_non_essential = True
    db.session.flush()
    record("beneficiary.consent_withdrawn", beneficiary, actor_id=actor_id, consent_id=consent.id,
           purpose=consent.purpose)
    emit("beneficiary.consent_withdrawn", tenant_id=beneficiary.tenant_id, beneficiary_id=beneficiary.id,
         purpose=consent.purpose)
    return consent
