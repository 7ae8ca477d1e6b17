"""Erasing a person: their identity goes, the facts of their closed requests stay.

Names, ID number, mobile, e-mail, birth date and city are overwritten (the ID
and mobile with a unique tombstone, so the registry's uniqueness still holds);
documents, every list export file with personal-data columns and every archive
of the association's complete data are deleted from storage once the
transaction commits; the pledge's
signature and the text written about the person (case notes, referral
questions, visit reports, message bodies, enquiries and complaints with their
replies, timeline and audit details) lose every occurrence of the person's
identifiers; the history of corrections keeps which field changed and when,
but none of the values. What the association reports on — the
service, the channel, the dates, the decision and the amounts — is kept.
Refused while any of the person's requests is still open.
"""

from __future__ import annotations

import secrets

from flask_babel import gettext as _
from sqlalchemy import select

from wasl.audit.models import AuditEvent
from wasl.audit.services import record
from wasl.beneficiaries.models import Beneficiary, Correction
from wasl.cases.models import (
    ACTIVE_STATUSES,
    Case,
    CaseEvent,
    CommitteeVote,
    CriterionEvaluation,
    Decision,
    EligibilityCheck,
    Pledge,
    Referral,
    ServiceDelivery,
)
from wasl.db import db, utcnow
from wasl.documents.models import Document
from wasl.documents.storage import delete_after_commit, path_of
from wasl.errors import Conflict
from wasl.notifications.models import Notification
from wasl.privacy.holdings import case_ids_of

ERASED_KIND = "erased"
REDACTED = "[محذوف]"
ERASED_NAME = "— بيانات محذوفة —"


class ErasureRefused(Conflict):
    """An erasure that cannot be carried out; the message is for people."""


def is_erased(person: Beneficiary) -> bool:
    return person.id_kind == ERASED_KIND


_IDENTITY_FIELDS = ("full_name_ar", "full_name_en", "national_id", "mobile", "email")


def identifiers_of(person: Beneficiary) -> list[str]:
    """Every spelling of the person's identity, today's and any corrected since, that text about them
    might contain."""
    values = {getattr(person, name) for name in _IDENTITY_FIELDS} | _former_identity(person)
    for mobile in [v for v in values if v and v.startswith("+966")]:
        values |= {"0" + mobile[4:], mobile[1:], mobile[4:]}
    return sorted((v for v in values if v and len(v) >= 3), key=len, reverse=True)


def _former_identity(person: Beneficiary) -> set[str]:
    rows = db.session.scalars(select(Correction).where(Correction.beneficiary_id == person.id,
                                                       Correction.field.in_(_IDENTITY_FIELDS)))
    return {value for row in rows for value in (row.old_value, row.new_value) if value}


def scrub(value, identifiers: list[str]):
    """``value`` (text, list or mapping) with every identifier replaced; other content untouched."""
    if isinstance(value, str):
        for identifier in identifiers:
            value = value.replace(identifier, REDACTED)
        return value
    if isinstance(value, list):
        return [scrub(item, identifiers) for item in value]
    if isinstance(value, dict):
        return {key: scrub(item, identifiers) for key, item in value.items()}
    return value


def erase(person: Beneficiary, reason: str, actor) -> dict:
    """Anonymise ``person``; returns what was done, counted."""
    reason = (reason or "").strip()
    if not reason:
        raise ErasureRefused(_("Reason: say why this person's data is erased."))
    if is_erased(person):
        raise ErasureRefused(_("This person's data has already been erased."))
    case_ids = case_ids_of(person)
    if db.session.scalar(select(Case.id).where(Case.id.in_(case_ids), Case.status.in_(ACTIVE_STATUSES)).limit(1)):
        raise ErasureRefused(_("This person has a request that is still open. Close it before erasing their data."))
    identifiers = identifiers_of(person)
    done = {"documents": _delete_documents(case_ids), "letters": _forget_letters(case_ids),
            "texts": _scrub_case_texts(case_ids, identifiers),
            "notifications": _scrub_notifications(person, identifiers),
            "feedback": _scrub_feedback(person, identifiers),
            "corrections": _wipe_corrections(person, identifiers),
            "export_files": _forget_exports(), "archives": _forget_archives(),
            "audit_events": _scrub_audit(person, identifiers)}
    _overwrite_identity(person)
    record("beneficiary.erased", person, reason=reason, cases=len(case_ids), **done)
    return done


def _overwrite_identity(person: Beneficiary) -> None:
    tombstone = f"erased-{person.id}-{secrets.token_hex(8)}"
    person.national_id, person.mobile = tombstone, tombstone
    person.id_kind, person.full_name_ar, person.full_name_en = ERASED_KIND, ERASED_NAME, None
    person.name_search, person.email, person.birth_on, person.birth_calendar, person.city = "", None, None, None, None
    person.opted_out_non_essential = True
    person.updated_at = utcnow()


def _delete_documents(case_ids: list[int]) -> int:
    documents = list(db.session.scalars(select(Document).where(Document.case_id.in_(case_ids)))) if case_ids else []
    for document in documents:
        delete_after_commit(db.session, path_of(document.storage_key))
        db.session.delete(document)
    return len(documents)


def _forget_letters(case_ids: list[int]) -> int:
    """Decision letters rendered earlier are cached on disk with the person's name in them."""
    from wasl.cases.letters import cached_letters_of

    decision_ids = list(db.session.scalars(select(Decision.id).where(Decision.case_id.in_(case_ids)))) \
        if case_ids else []
    paths = cached_letters_of(decision_ids)
    for path in paths:
        delete_after_commit(db.session, path)
    return len(paths)


_TEXT_COLUMNS = (
    (Case, ("description",), "id"), (Referral, ("question", "answer"), "case_id"),
    (EligibilityCheck, ("report",), "case_id"), (CriterionEvaluation, ("notes",), "case_id"),
    (Decision, ("reasons",), "case_id"), (CommitteeVote, ("reasons",), "case_id"),
    (ServiceDelivery, ("description",), "case_id"), (CaseEvent, ("details",), "case_id"),
)


def _scrub_case_texts(case_ids: list[int], identifiers: list[str]) -> int:
    if not case_ids:
        return 0
    changed = 0
    for model, columns, link in _TEXT_COLUMNS:
        for row in db.session.scalars(select(model).where(getattr(model, link).in_(case_ids))):
            for column in columns:
                old = getattr(row, column)
                new = scrub(old, identifiers)
                if new != old:
                    setattr(row, column, new)
                    changed += 1
    for check in db.session.scalars(select(EligibilityCheck).where(EligibilityCheck.case_id.in_(case_ids))):
        check.address = None  # where the person lives is theirs alone
    for pledge in db.session.scalars(select(Pledge).where(Pledge.case_id.in_(case_ids))):
        pledge.signed_name, pledge.signature_png = ERASED_NAME, b""
        pledge.declaration = scrub(pledge.declaration, identifiers)
    return changed


def _wipe_corrections(person: Beneficiary, identifiers: list[str]) -> int:
    """The history keeps which field changed and when, never the person's values."""
    rows = list(db.session.scalars(select(Correction).where(Correction.beneficiary_id == person.id)))
    for row in rows:
        row.set_values(REDACTED, REDACTED)
        row.reason = scrub(row.reason, identifiers)
    return len(rows)


def _forget_exports() -> int:
    from wasl.exports.erasure import forget_personal_files

    return forget_personal_files()


def _forget_archives() -> int:
    from wasl.operator.erasure import forget_archives

    return forget_archives()


def _scrub_feedback(person: Beneficiary, identifiers: list[str]) -> int:
    from wasl.feedback.privacy import scrub_items_of

    return scrub_items_of(person.id, lambda value: scrub(value, identifiers))


def _scrub_notifications(person: Beneficiary, identifiers: list[str]) -> int:
    rows = list(db.session.scalars(select(Notification).where(
        Notification.recipient_kind == "beneficiary", Notification.recipient_ref_id == person.id)))
    for row in rows:
        row.recipient_name, row.recipient_address = "", None
        row.body, row.subject = scrub(row.body, identifiers), scrub(row.subject, identifiers)
        row.template_params = scrub(list(row.template_params or []), identifiers)
    return len(rows)


def _scrub_audit(person: Beneficiary, identifiers: list[str]) -> int:
    """Every audit event of the association since the person was registered: any of them may name them."""
    changed = 0
    events = select(AuditEvent).where(AuditEvent.created_at >= person.created_at).execution_options(yield_per=1000)
    for event in db.session.scalars(events):
        cleaned = scrub(event.details or {}, identifiers)
        if cleaned != (event.details or {}):
            event.details, changed = cleaned, changed + 1
    return changed
