"""Registering, changing, finding and searching beneficiaries; the one path for pages, API and jobs.

Every function works inside the tenant scope of the database session and
joins the caller's transaction; the caller commits once. Input is validated
completely before anything is written.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from flask_babel import gettext as _
from marshmallow import ValidationError
from sqlalchemy import Select, case, false, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from wasl.api.pagination import Page
from wasl.audit.services import record
from wasl.beneficiaries.consent_policy import require_consent
from wasl.beneficiaries.consents import consent_of
from wasl.beneficiaries.consents import withdraw_consent as _withdraw_consent
from wasl.beneficiaries.corrections import corrections_of as _corrections_of
from wasl.beneficiaries.corrections import record_corrections
from wasl.beneficiaries.crypto import mobile_index, national_id_index, set_mobile, set_national_id
from wasl.beneficiaries.identity import (
    IdentityError,
    ascii_digits,
    looks_like_mobile,
    looks_like_national_id,
    normalise_mobile,
    normalise_national_id,
)
from wasl.beneficiaries.models import Beneficiary, Consent
from wasl.beneficiaries.names import search_text, search_words
from wasl.beneficiaries.schemas import LABELS, BeneficiaryInputSchema, ConsentInputSchema, update_schema
from wasl.crypto import blind_index
from wasl.db import db, utcnow
from wasl.errors import Conflict, found
from wasl.events import emit
from wasl.tenancy.scope import TenantContextMissing, current_scope, get_in_scope
from wasl.tenancy.sequences import next_number

FILE_NUMBER_SEQUENCE = "beneficiary_file"
ATTESTATION_KIND = "attestation"


class DuplicateBeneficiary(Conflict):
    """The national ID is already registered in this association; ``existing`` is that record."""

    kind = "duplicate-beneficiary"

    def __init__(self, existing: Beneficiary):
        super().__init__(_("A person with this national ID or Iqama number is already registered in this "
                           "association."), existing_id=existing.id)
        self.existing = existing


@dataclass
class IntakeLookup:
    """What a look-up before registering found: by ``national_id`` or by ``mobile``."""

    kind: str
    value: str
    matches: list[Beneficiary] = field(default_factory=list)

    @property
    def blocks_registration(self) -> bool:
        """A known ID may not be registered twice; a shared family mobile may."""
        return self.kind == "national_id" and bool(self.matches)


def _tenant_id() -> int:
    scope = current_scope(db.session)
    if scope is None or scope.write_tenant_id is None:
        raise TenantContextMissing("beneficiary services need exactly one association in scope")
    return scope.write_tenant_id


def _actor_id(actor) -> int | None:
    return actor.id if actor is not None else None


# --- writes -----------------------------------------------------------------------------------------


def register_beneficiary(data: Mapping, actor) -> Beneficiary:
    """Validate ``data`` and add a beneficiary (with any consents); DuplicateBeneficiary if the ID is known."""
    clean = BeneficiaryInputSchema().load(data)
    tenant_id = _tenant_id()
    existing = _by_national_id_index(national_id_index(clean["national_id"], tenant_id))
    if existing is not None:
        raise DuplicateBeneficiary(existing)
    _check_contact(clean["preferred_channel"], clean.get("email"))
    consents = clean.pop("consents")
    require_consent(tenant_id, consents)
    beneficiary = Beneficiary(tenant_id=tenant_id, created_by_id=_actor_id(actor))
    _apply(beneficiary, clean, tenant_id)
    _insert_unique(beneficiary)
    for consent in consents:
        _add_consent(beneficiary, consent, actor)
    record("beneficiary.created", beneficiary, actor_id=_actor_id(actor), fields=sorted(clean))
    return beneficiary


def update_beneficiary(beneficiary: Beneficiary, data: Mapping, actor) -> Beneficiary:
    """Apply the fields present in ``data``; each change goes into the history of corrections, with
    ``data["reason"]`` when given; a changed attested field changes ``attested_digest``."""
    clean = update_schema().load(data)
    reason = clean.pop("reason", None)
    changes = {key: value for key, value in clean.items() if getattr(beneficiary, key) != value}
    if "national_id" in changes:
        existing = _by_national_id_index(national_id_index(changes["national_id"], beneficiary.tenant_id))
        if existing is not None and existing.id != beneficiary.id:
            raise DuplicateBeneficiary(existing)
    _check_contact(clean.get("preferred_channel", beneficiary.preferred_channel),
                   clean.get("email", beneficiary.email))
    if not changes:
        return beneficiary
    digest_before = attested_digest(beneficiary)
    before = {key: getattr(beneficiary, key) for key in changes}
    _apply(beneficiary, changes, beneficiary.tenant_id)
    _flush_unique(beneficiary)
    record_corrections(beneficiary, before, changes, reason, actor)
    record("beneficiary.updated", beneficiary, actor_id=_actor_id(actor), fields=sorted(changes))
    emit("beneficiary.updated", tenant_id=beneficiary.tenant_id, beneficiary_id=beneficiary.id,
         fields=sorted(changes), attested_changed=digest_before != attested_digest(beneficiary),
         actor_id=_actor_id(actor))
    return beneficiary


def record_consent(beneficiary: Beneficiary, data: Mapping, actor) -> Consent:
    """Validate and record one consent (purpose, date given, channel) taken by ``actor``."""
    clean = ConsentInputSchema().load(data)
    consent = _add_consent(beneficiary, clean, actor)
    record("beneficiary.consent_recorded", beneficiary, actor_id=_actor_id(actor),
           consent_id=consent.id, purpose=consent.purpose, channel=consent.channel)
    return consent


def mark_registered(beneficiary: Beneficiary, actor) -> int:
    """Give the beneficiary the association's next file number (once); returns the file number."""
    if beneficiary.file_number is not None:
        return beneficiary.file_number
    number = next_number(beneficiary.tenant_id, FILE_NUMBER_SEQUENCE)
    beneficiary.file_number = number
    beneficiary.registered_at = utcnow()
    db.session.flush()
    record("beneficiary.registered", beneficiary, actor_id=_actor_id(actor), file_number=number)
    return number


def _apply(beneficiary: Beneficiary, values: Mapping, tenant_id: int) -> None:
    for key, value in values.items():
        if key == "national_id":
            set_national_id(beneficiary, value, tenant_id)
        elif key == "mobile":
            set_mobile(beneficiary, value, tenant_id)
        else:
            setattr(beneficiary, key, value)
    beneficiary.name_search = search_text(beneficiary.full_name_ar, beneficiary.full_name_en)


def _check_contact(channel: str, email: str | None) -> None:
    if channel == "email" and not email:
        raise ValidationError({"preferred_channel": [_(
            "{field}: e-mail was chosen, but no e-mail address is recorded. Enter one or choose another channel."
        ).format(field=LABELS["preferred_channel"])]})


def _add_consent(beneficiary: Beneficiary, values: Mapping, actor) -> Consent:
    consent = Consent(tenant_id=beneficiary.tenant_id, beneficiary_id=beneficiary.id,
                      taken_by_id=_actor_id(actor), **values)
    db.session.add(consent)
    db.session.flush()
    return consent


def _insert_unique(beneficiary: Beneficiary) -> None:
    """Insert; a concurrent registration of the same ID ends as DuplicateBeneficiary, not an error page."""
    try:
        with db.session.begin_nested():
            db.session.add(beneficiary)
            db.session.flush()
    except IntegrityError:
        if beneficiary in db.session:
            db.session.expunge(beneficiary)
        _raise_duplicate_or(beneficiary)


def _flush_unique(beneficiary: Beneficiary) -> None:
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError:
        _raise_duplicate_or(beneficiary)


def _raise_duplicate_or(beneficiary: Beneficiary) -> None:
    existing = _by_national_id_index(beneficiary.national_id_index)
    if existing is not None and existing is not beneficiary:
        raise DuplicateBeneficiary(existing)
    raise


# --- reads ------------------------------------------------------------------------------------------


def get_beneficiary(beneficiary_id: int) -> Beneficiary | None:
    """The beneficiary with this id in the association in scope, or None."""
    return get_in_scope(db.session, Beneficiary, beneficiary_id)


def beneficiary_profile(beneficiary_id: int) -> Beneficiary | None:
    """The beneficiary with its consents loaded, for its page and the API."""
    stmt = select(Beneficiary).where(Beneficiary.id == beneficiary_id).options(selectinload(Beneficiary.consents))
    return db.session.scalar(stmt)


def beneficiary_in_scope(beneficiary_id: int, detail: str = "") -> Beneficiary:
    """The beneficiary with this id in the association in scope; NotFound (saying ``detail``) otherwise."""
    return found(get_beneficiary(beneficiary_id), detail)


def profile_in_scope(beneficiary_id: int, detail: str = "") -> Beneficiary:
    """``beneficiary_profile`` of this id; NotFound (saying ``detail``) when there is none in scope."""
    return found(beneficiary_profile(beneficiary_id), detail)


def consent_in_file(beneficiary: Beneficiary, consent_id: int, detail: str = "") -> Consent:
    """One of the beneficiary's consents; NotFound (saying ``detail``) for any other id."""
    return found(consent_of(beneficiary, consent_id), detail)


def withdraw_consent(beneficiary: Beneficiary, consent: Consent, actor) -> None:
    """Withdraw ``consent`` (withdrawing the one to notifications stops non-essential messages at once)."""
    _withdraw_consent(beneficiary, consent, actor)


def corrections_of(beneficiary_id: int) -> list:
    """The record's history of corrections, newest first."""
    return _corrections_of(beneficiary_id)


def _by_national_id_index(index: str) -> Beneficiary | None:
    return db.session.scalar(select(Beneficiary).where(Beneficiary.national_id_index == index))


def find_by_national_id(raw: str) -> Beneficiary | None:
    """Exact look-up by national ID or Iqama (any digits); IdentityError if ``raw`` is not a valid ID."""
    return _by_national_id_index(national_id_index(normalise_national_id(raw), _tenant_id()))


def find_by_mobile(raw: str) -> list[Beneficiary]:
    """Everyone registered with this mobile (family members may share one); IdentityError if invalid."""
    index = mobile_index(normalise_mobile(raw), _tenant_id())
    stmt = select(Beneficiary).where(Beneficiary.mobile_index == index).order_by(Beneficiary.id)
    return list(db.session.scalars(stmt))


def intake_lookup(raw: str) -> IntakeLookup:
    """Before registering: who already has this ID or mobile? ValidationError on ``lookup`` if neither."""
    text = (raw or "").strip()
    digits = ascii_digits(text)
    try:
        if digits.isascii() and digits.isdigit() and len(digits) == 10 and not digits.startswith("0"):
            national_id = normalise_national_id(digits)
            found = _by_national_id_index(national_id_index(national_id, _tenant_id()))
            return IntakeLookup("national_id", national_id, [found] if found else [])
        mobile = normalise_mobile(text)
    except IdentityError as error:
        raise ValidationError({"lookup": [error.message]}) from error
    return IntakeLookup("mobile", mobile, find_by_mobile(mobile))


def _national_id_lookup(query: str) -> Select | None:
    if not looks_like_national_id(query):
        return None
    index = national_id_index(ascii_digits(query), _tenant_id())
    return select(Beneficiary).where(Beneficiary.national_id_index == index)


def _mobile_lookup(query: str) -> Select | None:
    if not looks_like_mobile(query):
        return None
    try:
        index = mobile_index(normalise_mobile(query), _tenant_id())
    except IdentityError:
        return select(Beneficiary).where(false())
    return select(Beneficiary).where(Beneficiary.mobile_index == index).order_by(Beneficiary.id)


def _file_number_lookup(query: str) -> Select | None:
    digits = ascii_digits(query)
    if not (digits.isascii() and digits.isdigit() and len(digits) <= 9):
        return None
    return select(Beneficiary).where(Beneficiary.file_number == int(digits))


# Exact look-ups tried in order before a name search; each returns a statement, or None when the
# query is not of its kind. Other features add theirs (a case number, say) to this list.
EXACT_LOOKUPS: list[Callable[[str], Select | None]] = [_national_id_lookup, _mobile_lookup, _file_number_lookup]


def _name_search(query: str) -> Select:
    words = search_words(query)
    if not words:
        return select(Beneficiary).where(false())
    stmt = select(Beneficiary)
    for word in words:
        stmt = stmt.where(Beneficiary.name_search.contains(word, autoescape=True))
    starts_first = case((Beneficiary.name_search.startswith(words[0], autoescape=True), 0), else_=1)
    return stmt.order_by(starts_first, Beneficiary.name_search, Beneficiary.id)


def search_statement(query: str | None) -> Select:
    """Newest first with no query; else an exact ID/mobile/file number match, else a name search."""
    query = (query or "").strip()
    if not query:
        return select(Beneficiary).order_by(Beneficiary.id.desc())
    for lookup in EXACT_LOOKUPS:
        stmt = lookup(query)
        if stmt is not None:
            return stmt
    return _name_search(query)


def search(query: str | None, page: int = 1, per_page: int = 25) -> Page:
    """One page of ``search_statement(query)``: two SQL statements whatever the page size."""
    stmt = search_statement(query)
    # Counted on the entity itself, not over a subquery: the tenant criteria only reach
    # statements whose entities the ORM can see.
    total = db.session.scalar(stmt.with_only_columns(func.count(Beneficiary.id)).order_by(None))
    items = db.session.scalars(stmt.limit(per_page).offset((page - 1) * per_page)).all()
    return Page(list(items), page, per_page, total)


# --- what a pledge attests --------------------------------------------------------------------------


def attested_fields(beneficiary: Beneficiary) -> dict[str, str]:
    """The personal data a pledge declares true, as plain strings (empty when not recorded)."""
    return {
        "national_id": beneficiary.national_id,
        "full_name_ar": beneficiary.full_name_ar,
        "full_name_en": beneficiary.full_name_en or "",
        "mobile": beneficiary.mobile,
        "email": beneficiary.email or "",
        "gender": beneficiary.gender,
        "birth_on": beneficiary.birth_on.isoformat() if beneficiary.birth_on else "",
        "city": beneficiary.city or "",
    }


def attested_digest(beneficiary: Beneficiary) -> str:
    """A keyed digest of ``attested_fields``; changes whenever any attested field changes.

    Keyed (not a bare SHA-256) because the data includes a 10-digit ID that a
    plain hash would let anyone recover by trying every number.
    """
    canonical = json.dumps(attested_fields(beneficiary), sort_keys=True, ensure_ascii=False)
    return blind_index(ATTESTATION_KIND, canonical, beneficiary.tenant_id)
