"""What the staff pages show beside the services' data: labels, choices, the policy's references.

Reads only; every write goes through ``cases.services``. Kept apart from the
views so that each page's query count stays easy to see.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from wasl.audit.details import reason_text
from wasl.audit.labels import TIMELINE_LABELS, timeline_label
from wasl.beneficiaries.terms import Terms, terms_for
from wasl.cases.catalogue import Catalogue, catalogue_of, pick
from wasl.cases.models import CaseStatus, Priority
from wasl.cases.workflow import STATUS_LABELS
from wasl.i18n.dates import date_phrase
from wasl.i18n.digits import display_digits
from wasl.policy.vocabulary import MECHANISMS, REFERENCE_KINDS, STEP_TYPES

STATUS_STYLES = {
    CaseStatus.OPEN: "text-bg-primary",
    CaseStatus.REFERRED: "text-bg-info",
    CaseStatus.WITHDRAWN: "text-bg-secondary",
    CaseStatus.REJECTED: "text-bg-danger",
    CaseStatus.CLOSED: "text-bg-success",
}

PRIORITY_LABELS = {
    Priority.LOW: _l("Low"),
    Priority.NORMAL: _l("Normal"),
    Priority.HIGH: _l("High"),
    Priority.URGENT: _l("Urgent"),
}

# What each timeline entry says happened: the audit feature's one table of labels.
EVENT_LABELS = TIMELINE_LABELS

OUTCOME_LABELS = {
    "accepted": _l("Accepted"),
    "rejected": _l("Rejected"),
    "accept": _l("Accept"),
    "reject": _l("Reject"),
    "satisfied": _l("Satisfied"),
    "not_satisfied": _l("Not satisfied"),
}


# What a case's page says of its status: one whole sentence each, never a status word put into a sentence.
STATUS_SENTENCES = {
    CaseStatus.OPEN: _l("This request is open."),
    CaseStatus.REFERRED: _l("This request is referred and waits for an answer."),
    CaseStatus.WITHDRAWN: _l("This request was withdrawn."),
    CaseStatus.REJECTED: _l("This request was rejected."),
    CaseStatus.CLOSED: _l("This request is closed."),
}


def status_label(status) -> str:
    return str(STATUS_LABELS.get(status, status))


def status_sentence(status) -> str:
    return str(STATUS_SENTENCES[CaseStatus(status)])


def step_label(step_type: str | None) -> str:
    return str(STEP_TYPES.get(step_type, step_type or ""))


def event_label(kind: str) -> str:
    return timeline_label(kind)


def mechanism_label(key: str) -> str:
    return str(MECHANISMS.get(key, key))


def terms(tenant, language: str) -> Terms:
    """The headings naming one and many beneficiaries: the association's own word, or full phrases."""
    return terms_for(tenant, language)


@dataclass(frozen=True)
class Reference:
    title: str
    kind: str
    url: str | None


def references(version, language: str) -> list[Reference]:
    """The policy's staff references (documents and links staff consult while handling a case)."""
    if version is None:
        return []
    items = ((version.content or {}).get("references") or {}).get("items") or []
    return [Reference(pick(item.get("title"), language), str(REFERENCE_KINDS.get(item.get("kind"), "")),
                      _reference_url(version, item)) for item in items]


def _reference_url(version, item: dict) -> str | None:
    if item.get("url"):
        return item["url"]
    stored = item.get("file") or ""
    prefix = "document-"
    if stored.startswith(prefix) and stored[len(prefix):].isdigit():
        document_id = int(stored[len(prefix):])
        return url_for("policy.reference_file", policy_version_id=version.id, document_id=document_id)
    return None


@dataclass(frozen=True)
class Choices:
    """What the list's filters and the intake offer: from the association's published policy."""

    steps: list[tuple[str, str]]
    statuses: list[tuple[str, str]]
    services: list[tuple[str, str]]
    channels: list[tuple[str, str]]
    priorities: list[tuple[str, str]]
    staff: list[tuple[int, str]]


def choices_for(version, staff, language: str) -> Choices:
    catalogue = catalogue_of(version) if version is not None else Catalogue({})
    steps = [(s.type, step_label(s.type)) for s in catalogue.steps] or [(k, str(v)) for k, v in STEP_TYPES.items()]
    return Choices(
        steps=steps,
        statuses=[(s.value, status_label(s)) for s in CaseStatus],
        services=[(key, pick(spec.name, language)) for key, spec in catalogue.services.items()],
        channels=[(key, catalogue.channel_label(key, language)) for key in catalogue.enabled_channels],
        priorities=[(p.value, str(PRIORITY_LABELS[p])) for p in Priority],
        staff=[(member.user.id, member.user.name) for member in staff if member.membership.active],
    )


def published_policy(tenant):
    from wasl.policy.services import published_version

    return published_version(tenant)


def active_staff(tenant):
    from wasl.administration.staff import staff_of

    return staff_of(tenant)


_TEXT_KEYS = ("notes", "note", "question", "answer", "reasons", "description")


def event_lines(event, language: str) -> list[str]:
    """The facts of a timeline entry worth reading, in the person's language."""
    details = event.details or {}
    lines = [str(details[key]) for key in _TEXT_KEYS if details.get(key)]
    if details.get("reason"):
        lines.insert(0, reason_text(details["reason"]))
    for enquiry in details.get("enquiries") or []:
        lines.append(_("Question: {question} — Answer: {answer}").format(
            question=enquiry.get("question", ""), answer=enquiry.get("answer", "")))
    if details.get("signed_name"):
        lines.append(_("Signed by {name}").format(name=details["signed_name"]))
    for key in ("outcome", "vote"):
        if details.get(key):
            lines.append(str(OUTCOME_LABELS.get(details[key], details[key])))
    if details.get("mechanism"):
        lines.append(mechanism_label(details["mechanism"]))
    if details.get("file_number"):
        lines.append(_("File number {number}").format(number=details["file_number"]))
    if event.kind == "document_uploaded" and details.get("name"):
        lines.append(pick(details["name"], language))
    if isinstance(details.get("decision_body"), dict) and details["decision_body"]:
        lines.append(_("Decided by: {body}").format(body=pick(details["decision_body"], language)))
    if details.get("days_overdue"):
        days = int(details["days_overdue"])
        lines.append(ngettext("Overdue by %(count)s day", "Overdue by %(count)s days", days, count=display_digits(days)))
    due = _iso_date(details.get("decision_due_on"))
    if due is not None:
        lines.append(_("Decision due on {date}").format(date=date_phrase(due)))
    return lines


def _iso_date(value):
    from datetime import date

    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def riyadh_time(value) -> str:
    """The time of day in Riyadh; the templates' ``local_time`` filter, for callers of ``labels``."""
    from wasl.i18n.dates import local_time

    return local_time(value)


def document_name(service, kind: str | None, language: str) -> str:
    spec = service.document(kind) if service is not None and kind else None
    return pick(spec.name, language) if spec else (kind or _("Other document"))


def role_label(key: str | None, language: str) -> str:
    from wasl.accounts.permissions import ROLE_TEMPLATES

    template = ROLE_TEMPLATES.get(key or "")
    return template["name"].get(language, template["name"]["ar"]) if template else (key or "")
