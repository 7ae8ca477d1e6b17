"""Recording who reads a person's data, and why, for associations that turn it on (off by default).

While it is on, opening a beneficiary's page or their API detail, and every
export of personal data, needs a reason from ``REASONS`` (``other`` with a
note saying which) and is an audit event ``beneficiary.read`` with who, what
and why. On the pages the reason given is remembered for the same person for
``WASL_READ_REASON_MINUTES`` (30), so saving an edit does not ask again; each
opening is still recorded. When it is off, nothing is asked and nothing added.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flask import current_app, g, session
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import Schema, ValidationError, fields, validate
from sqlalchemy import select

from wasl.api.query import query_args
from wasl.audit.services import record
from wasl.db import db, utcnow
from wasl.errors import Refused
from wasl.privacy.models import ReadAuditSetting
from wasl.reads import remembered

REASONS = {
    "handling_request": _l("Handling one of the person's requests"),
    "answering_person": _l("Answering the person (a call, a visit or a message)"),
    "checking_record": _l("Checking or correcting their record"),
    "committee_review": _l("Review by the committee or a supervisor"),
    "access_request": _l("The person asked for a copy of their data"),
    "other": _l("Another reason (say which)"),
}
NOTE_LIMIT = 300
_SESSION_KEY = "wasl.read_reasons"


class ReasonMissing(Refused):
    """Reading needs a reason and none (or no valid one) was given; ``errors`` names the fields."""

    kind = "validation"

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(" ".join(message for messages in errors.values() for message in messages), errors=errors)
        self.errors = errors


@dataclass(frozen=True)
class ReadReason:
    key: str
    note: str | None = None


def is_on() -> bool:
    """Whether the association in scope records reads (one statement per request at most)."""
    return remembered("privacy.read_audit", lambda: bool(db.session.scalar(select(ReadAuditSetting.enabled))))


def choose(tenant, enabled: bool, actor) -> bool:
    """Turn recording on or off; audited when it changes."""
    row = db.session.scalar(select(ReadAuditSetting))
    if row is None:
        row = ReadAuditSetting(tenant_id=tenant.id, enabled=False)
        db.session.add(row)
    if row.enabled != bool(enabled):
        row.enabled, row.updated_by_id = bool(enabled), actor.id if actor is not None else None
        db.session.flush()
        record("privacy.read_audit_changed", tenant, actor_id=row.updated_by_id, enabled=row.enabled)
    return row.enabled


def reason_from(key: str | None, note: str | None) -> ReadReason:
    """A valid reason, or ReasonMissing with each field's message."""
    key, note = (key or "").strip(), (note or "").strip() or None
    if key not in REASONS:
        raise ReasonMissing({"reason": [_("Reason: choose why you are opening this person's data.")]})
    if note and len(note) > NOTE_LIMIT:
        raise ReasonMissing({"note": [_("Explanation: at most {limit} characters.").format(limit=NOTE_LIMIT)]})
    if key == "other" and not note:
        raise ReasonMissing({"note": [_("Explanation: say what the other reason is.")]})
    return ReadReason(key, note)


def record_read(beneficiary, what: str, reason: ReadReason) -> None:
    """The audit event of one read: who (the actor), what (``page``, ``api``, an export), and why."""
    record("beneficiary.read", beneficiary, read=what, reason=reason.key, note=reason.note)


# --- the pages: a reason remembered for a while, per person ------------------------------------------


def _memory_key(beneficiary_id: int) -> str:
    return f"{g.tenant.id}:{int(beneficiary_id)}"


def remember(beneficiary_id: int, reason: ReadReason) -> None:
    reasons = {k: v for k, v in session.get(_SESSION_KEY, {}).items() if _fresh(v)}
    reasons[_memory_key(beneficiary_id)] = {"key": reason.key, "note": reason.note, "at": utcnow().isoformat()}
    session[_SESSION_KEY] = reasons


def remembered_reason(beneficiary_id: int) -> ReadReason | None:
    """The reason given on a page for this person in the last minutes, if any."""
    given = session.get(_SESSION_KEY, {}).get(_memory_key(beneficiary_id))
    return ReadReason(given["key"], given.get("note")) if given and _fresh(given) else None


def _fresh(given: dict) -> bool:
    from datetime import datetime

    minutes = int(current_app.config.get("WASL_READ_REASON_MINUTES", 30))
    try:
        return datetime.fromisoformat(given["at"]) > utcnow() - timedelta(minutes=minutes)
    except (KeyError, TypeError, ValueError):
        return False


# --- the API: the reason in the query string -------------------------------------------------------------


class ReadReasonArgs(Schema):
    reason = fields.String(validate=validate.OneOf(tuple(REASONS)), metadata={
        "description": "Why the data is read, required while the association records reads: "
                       + ", ".join(REASONS) + " (other needs a note)."})
    note = fields.String(validate=validate.Length(max=NOTE_LIMIT), metadata={"description": "Explanation."})


def api_reason() -> ReadReason | None:
    """The reason an API call gives in its query string; None when reads are not recorded (422 when missing)."""
    if not is_on():
        return None
    args = query_args(ReadReasonArgs)
    try:
        return reason_from(args.get("reason"), args.get("note"))
    except ReasonMissing as missing:
        raise ValidationError(missing.errors) from None
