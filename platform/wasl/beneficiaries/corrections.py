"""The history of corrections to a beneficiary's record: each changed field's old and new value, who, when, why.

``update_beneficiary`` writes it in the same transaction as the change. The
person's right to correction (and to see what was corrected) reads it back
on their page, through the API and in the answer to an access request.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from wasl.beneficiaries.models import Beneficiary, Correction
from wasl.beneficiaries.schemas import LABELS
from wasl.db import db, utcnow
from wasl.i18n.dates import dual_date


def as_text(value) -> str | None:
    """A stored field's value as the history keeps it: dates in ISO form, flags as ``true``/``false``."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def record_corrections(beneficiary: Beneficiary, before: Mapping, changes: Mapping, reason: str | None,
                       actor) -> list[Correction]:
    """One history row per changed field, all with the same moment, author and reason."""
    now, reason = utcnow(), (reason or "").strip() or None
    rows = []
    for field in sorted(changes):
        row = Correction(tenant_id=beneficiary.tenant_id, beneficiary_id=beneficiary.id, field=field,
                         reason=reason, corrected_at=now, corrected_by_id=actor.id if actor is not None else None)
        row.set_values(as_text(before.get(field)), as_text(changes[field]))
        db.session.add(row)
        rows.append(row)
    return rows


def corrections_of(beneficiary_id: int) -> list[Correction]:
    """The person's corrections, newest first, with their authors: one statement however many there are."""
    stmt = (select(Correction).where(Correction.beneficiary_id == beneficiary_id)
            .order_by(Correction.corrected_at.desc(), Correction.id.desc()))
    return list(db.session.scalars(stmt).unique())


_VALUE_LABELS = {
    "gender": {"male": _l("Male"), "female": _l("Female")},
    "preferred_language": {"ar": "العربية", "en": "English"},
    "preferred_channel": {"sms": _l("SMS"), "email": _l("E-mail"), "whatsapp": _l("WhatsApp")},
    "birth_calendar": {"hijri": _l("Hijri calendar"), "gregorian": _l("Gregorian calendar")},
    "opted_out_non_essential": {"true": _l("Yes"), "false": _l("No")},
}


_FIELD_NAMES = {"birth_on": _l("Birth date")}  # whichever calendar it was typed in


def field_label(field: str) -> str:
    return str(_FIELD_NAMES.get(field) or LABELS.get(field, field))


def shown_value(field: str, value: str | None) -> str:
    """A value of the history as a person reads it: labels for keys, both calendars for a date."""
    if value is None:
        return "—"
    if field == "birth_on":
        try:
            return dual_date(date.fromisoformat(value))
        except ValueError:
            return value  # an erased value
    return str(_VALUE_LABELS.get(field, {}).get(value, value))
