"""The one door to personal-data rights, for the pages and the API alike."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import select

from wasl.audit.models import AuditEvent
from wasl.audit.services import record
from wasl.beneficiaries.models import Beneficiary
from wasl.beneficiaries.services import get_beneficiary
from wasl.db import db
from wasl.errors import found
from wasl.privacy import erasure, holdings, read_audit, retention
from wasl.privacy.read_audit import ReadReason

ErasureRefused = erasure.ErasureRefused
ReadReasonArgs = read_audit.ReadReasonArgs
REASONS = read_audit.REASONS
is_erased = erasure.is_erased


def person(beneficiary_id: int, detail: str = "") -> Beneficiary:
    """The person with this id in the association in scope; NotFound (saying ``detail``) otherwise."""
    return found(get_beneficiary(beneficiary_id), detail)


def reason_to_open(beneficiary: Beneficiary, target: str) -> ReadReason | None:
    """The reason a page may show this person's data for (``target``: profile, personal_data); None when
    reads are not recorded; ``ReasonNeeded`` (answered with the question) when it must be asked first."""
    from wasl.privacy.reading import page_reason

    return page_reason(beneficiary, target)


def reason_from(key: str | None, note: str | None) -> ReadReason:
    """A reason given in a form; ReasonMissing naming each field otherwise."""
    return read_audit.reason_from(key, note)


def remember_reason(beneficiary: Beneficiary, reason: ReadReason) -> None:
    """Keep the reason a few minutes, so the pages that asked for it can be shown."""
    read_audit.remember(beneficiary.id, reason)


def export_personal_data(beneficiary: Beneficiary, how: str, reason: ReadReason | None = None) -> dict:
    """What is held about ``beneficiary``; handing it out is an audit event (``how``: page, json, pdf, api),
    with the reason given while the association records reads (refused without one)."""
    why = _required(reason)
    data = holdings.personal_data(beneficiary)
    record("beneficiary.personal_data_exported", beneficiary, format=how, **why)
    return data


def open_record(beneficiary: Beneficiary, what: str, reason: ReadReason | None) -> None:
    """Showing a person's record (``what``: page, api): an audit event while the association records reads."""
    if _required(reason):
        read_audit.record_read(beneficiary, what, reason)


def _required(reason: ReadReason | None) -> dict:
    """The reason's audit details; ReasonMissing when reads are recorded and none was given."""
    if not read_audit.is_on():
        return {}
    if reason is None:
        raise read_audit.ReasonMissing({"reason": [_("Reason: choose why you are opening this person's data.")]})
    return {"reason": reason.key, "note": reason.note}


def api_reason() -> ReadReason | None:
    """The reason an API call gives in its query string (``ReadReasonArgs``); None when reads are not
    recorded, a 422 naming the fields when it is missing."""
    return read_audit.api_reason()


def read_audit_enabled() -> bool:
    return read_audit.is_on()


def choose_read_audit(tenant, enabled: bool, actor) -> bool:
    return read_audit.choose(tenant, enabled, actor)


def export_own_data(how: str) -> dict:
    """The signed-in person's own data, from the portal (``how``: page, json, pdf, api); audited as their request.

    Whose data it is comes only from the beneficiary scope the portal's gate set: with none, it refuses.
    """
    from wasl.portal.scope import BeneficiaryScopeViolation, current

    scope = current(db.session)
    if scope is None:
        raise BeneficiaryScopeViolation("a person's own data is read only inside their portal scope")
    beneficiary = get_beneficiary(scope.beneficiary_id)
    data = holdings.personal_data(beneficiary)
    record("portal.personal_data_downloaded", beneficiary, actor_id=None, format=how)
    return data


def erase_person(beneficiary: Beneficiary, reason: str, actor) -> dict:
    return erasure.erase(beneficiary, reason, actor)


@dataclass(frozen=True)
class RetentionState:
    """What the retention page shows: the period, who is due today, and the last run."""

    keep_months: int | None
    cutoff: date | None
    due: int | None
    last_run_at: datetime | None
    last_run_erased: int | None


def retention_state(today: date) -> RetentionState:
    months = retention.keep_months()
    cutoff = retention.cutoff_for(today, months) if months is not None else None
    last = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "privacy.retention_applied")
                             .order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc()).limit(1))
    return RetentionState(months, cutoff, len(retention.due_people(cutoff)) if cutoff else None,
                          last.created_at if last else None, (last.details or {}).get("erased") if last else None)


def choose_retention(tenant, months: int | None, actor) -> int | None:
    return retention.choose(tenant, months, actor)


def apply_retention(tenant, today: date, actor) -> retention.Report:
    return retention.apply(tenant, today, actor)
