"""An audit event's details as labelled values people can read, never a raw dict."""

from __future__ import annotations

import re
from datetime import date, datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from wasl.i18n.dates import dual_date, local_moment
from wasl.i18n.digits import current_language
from wasl.kernel.bilingual import pick

DETAIL_LABELS = {
    "address": _l("Address"), "already_registered": _l("Already registered"), "answer": _l("Answer"),
    "approved_on": _l("Approval date"), "archives": _l("Complete data exports deleted"), "approved_on_hijri": _l("Approval date (Hijri)"),
    "assignee_id": _l("Assigned to"), "attested_hash": _l("Fingerprint of the attested data"),
    "beneficiary_id": _l("Beneficiary"), "case_action": _l("Action"), "case_id": _l("Request"),
    "changed": _l("Changed"), "channel": _l("Channel"), "check_id": _l("Eligibility check"),
    "columns": _l("Columns"), "consent_id": _l("Consent"), "content_hash": _l("Fingerprint of the content"),
    "content_type": _l("File type"), "copied_from_number": _l("Copied from version"),
    "copied_from_tenant_id": _l("Copied from association"), "corrections": _l("Corrections"), "criterion_index": _l("Criterion"), "cutoff": _l("Closed before"),
    "days_overdue": _l("Days overdue"), "decision_body": _l("Decided by"), "decision_due_on": _l("Decision due on"),
    "document_id": _l("Document"), "document_kind": _l("Document type"), "documents": _l("Documents"),
    "email": _l("E-mail address"), "enabled": _l("Enabled"), "endpoint": _l("Page"), "erased": _l("People erased"),
    "error_rows": _l("Rows with errors"), "errors": _l("Errors"), "event": _l("Event"),
    "expires_on": _l("Expires on"), "export_files": _l("Export files deleted"), "failed_batches": _l("Failed batches"),
    "fallback_order": _l("Fallback order"), "feedback": _l("Enquiries, suggestions and complaints"),
    "fields": _l("Fields"), "format": _l("Format"), "file": _l("File"), "file_format": _l("File format"), "file_number": _l("File number"),
    "from_assignee_id": _l("Previously assigned to"), "import_id": _l("Import"), "imported": _l("Imported"),
    "keep_months": _l("Months kept"), "key": _l("Key"), "kind": _l("Type"), "label": _l("Name"), "locale": _l("Language"),
    "lock_version": _l("Revision"), "logo": _l("Logo"), "mechanism": _l("Mechanism"),
    "meeting_number": _l("Meeting number"), "met": _l("Met"), "name": _l("Name"), "notes": _l("Notes"),
    "number": _l("Number"), "number_prefix": _l("Number prefix"), "on": _l("Date"), "outcome": _l("Outcome"),
    "period_days": _l("Period in days"), "personal_data": _l("Personal data included"),
    "permission": _l("Permission"), "permissions": _l("Permissions"), "pledge_id": _l("Pledge"),
    "policy": _l("Policy"), "policy_version": _l("Policy version"), "previous_role_id": _l("Previous role"),
    "provider": _l("Provider"), "purpose": _l("Purpose"), "question": _l("Question"),
    "quiet_end": _l("Quiet hours end"), "quiet_hours_enabled": _l("Quiet hours"),
    "quiet_start": _l("Quiet hours start"), "quorum": _l("Quorum"), "rating": _l("Rating"), "reason": _l("Reason"),
    "reasons": _l("Reasons"), "read": _l("What was read"), "note": _l("Explanation"),
    "reencrypted": _l("Re-encrypted"), "referral_id": _l("Referral"),
    "reindexed": _l("Re-indexed"), "replaced_draft": _l("Replaced draft"),
    "response_days": _l("Response window (working days)"), "role": _l("Role"),
    "rows": _l("Rows"), "scheduled_at": _l("Scheduled for"), "secrets_set": _l("Secrets set"),
    "section": _l("Section"), "service": _l("Service"), "settings": _l("Settings"), "sha256": _l("Fingerprint"),
    "shareable": _l("Shareable"), "signature_sha256": _l("Fingerprint of the signature"),
    "signed_name": _l("Signed by"), "size": _l("Size"), "size_bytes": _l("Size in bytes"),
    "skipped": _l("Skipped"), "slug": _l("Address name"), "source": _l("Source"), "status": _l("Status"),
    "superseded_by": _l("Superseded by"), "superseded_number": _l("Superseded version"),
    "target_role": _l("Referred to"), "tenant_id": _l("Association"), "to_assignee_id": _l("Now assigned to"),
    "user_id": _l("User"), "via": _l("Via"), "vote": _l("Vote"),
}

# The fields a change names (``fields``), as their forms call them.
FIELD_LABELS = {
    "phone": _l("Phone"), "email": _l("E-mail address"), "mobile": _l("Mobile number"), "city": _l("City"),
    "name_ar": _l("Name in Arabic"), "name_en": _l("Name in English"), "full_name_ar": _l("Full name in Arabic"),
    "full_name_en": _l("Full name in English"), "national_id": _l("National ID or Iqama number"),
    "address": _l("Address"), "website": _l("Website"), "birth_on": _l("Date of birth"),
    "preferred_channel": _l("Preferred channel"), "preferred_language": _l("Preferred language"),
    "default_locale": _l("Default language"), "logo": _l("Logo"), "gender": _l("Gender"),
    "birth_calendar": _l("Calendar of the birth date"), "birth_on_hijri": _l("Birth date (Hijri)"),
    "opted_out_non_essential": _l("Opted out of non-essential messages"),
}

REASON_LABELS = {
    "attested_data_changed": _l("The beneficiary's attested data changed after signing."),
}

# What a recorded read (``beneficiary.read``) opened.
READ_LABELS = {"page": _l("The beneficiary's page"), "api": _l("The beneficiary's record, through the API")}

_HASH_KEYS = {"attested_hash", "content_hash", "sha256", "signature_sha256"}
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def detail_label(key: str) -> str:
    return str(DETAIL_LABELS.get(key, key.replace("_", " ")))


def reason_text(value) -> str:
    """A recorded reason in words: the code of a known one (a read's among them), else the text as typed."""
    from wasl.privacy.read_audit import REASONS

    return str(REASON_LABELS.get(value) or REASONS.get(value) or value) if isinstance(value, str) else ""


def readable(key: str, value) -> str:
    """One detail's value in words: codes named, dates in both calendars, bilingual text in one language."""
    if key in _HASH_KEYS and isinstance(value, str):
        return f"\u2066{value[:12]}…\u2069"  # left to right, so the ellipsis stays after it in Arabic
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, dict):
        return _bilingual_or_pairs(value)
    if isinstance(value, list | tuple):
        return "، ".join(readable(key, item) for item in value) if current_language() == "ar" else \
            ", ".join(readable(key, item) for item in value)
    if isinstance(value, str):
        return _text(key, value)
    return str(value) if value is not None else "—"


def _bilingual_or_pairs(value: dict) -> str:
    if set(value) <= {"ar", "en"}:
        return pick(value, current_language())
    return "؛ ".join(f"{detail_label(k)}: {readable(k, v)}" for k, v in value.items())


def _text(key: str, value: str) -> str:
    code = _code_label(key, value)
    if code is not None:
        return code
    if _ISO_DAY.match(value) and key.endswith("hijri"):  # a Hijri day kept as text: 1448-06-09
        return _hijri_day(value)
    if _ISO_DAY.match(value):
        return dual_date(date.fromisoformat(value))
    if _ISO_MOMENT.match(value):
        try:
            return local_moment(datetime.fromisoformat(value))
        except ValueError:
            return value
    return value


def _hijri_day(value: str) -> str:
    from wasl.policy.formatting import hijri_long

    try:
        return hijri_long(value, current_language())
    except ValueError:
        return value


def _code_label(key: str, value: str) -> str | None:
    from wasl.audit.code_labels import policy_code_label
    from wasl.audit.labels import TIMELINE_LABELS
    from wasl.cases import page_data
    from wasl.policy.vocabulary import STEP_TYPES

    if key == "reason":
        return reason_text(value)
    if key == "read":
        return str(READ_LABELS.get(value, value))
    if key in ("fields", "columns"):
        return str(FIELD_LABELS.get(value, DETAIL_LABELS.get(value, value)))
    if key in ("outcome", "vote"):
        return str(page_data.OUTCOME_LABELS.get(value, value))
    if key == "mechanism":
        return page_data.mechanism_label(value)
    if key in ("step", "to_step"):
        return str(STEP_TYPES.get(value, value))
    if key in ("role", "target_role"):
        return page_data.role_label(value, current_language())
    if key == "event" and value.startswith("case."):
        return str(TIMELINE_LABELS.get(value[5:], value))
    return policy_code_label(key, value)


USER_KEYS = ("user_id", "assignee_id", "from_assignee_id", "to_assignee_id")


def detail_pairs(details: dict | None, skip: tuple[str, ...] = (), people: dict | None = None) -> list[tuple[str, str]]:
    """``[(label, value), ...]`` for what an event recorded, in the order it was recorded.

    ``people`` names the users an event refers to by id (``{id: name}``).
    """
    people = people or {}
    return [(detail_label(key), people.get(value) if key in USER_KEYS and value in people else readable(key, value))
            for key, value in (details or {}).items() if key not in skip and value not in (None, "", [], {})]
