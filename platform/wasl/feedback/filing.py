"""Filing an item: from the portal (the signed-in person, optionally about one of their requests) or
from the public policy page (a visitor with a name and a mobile for the reply).

Both give the item a reference people can read out (``WEF-FB-2026-00012``)
from the association's counter (``tenancy.sequences``: row-locked, so two
filings at once never share a number) and its reply due day. Nothing is
written until the input is valid.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from wasl.audit.services import record
from wasl.cases.services import get_case
from wasl.cases.tenant_settings import number_prefix
from wasl.db import db, utcnow
from wasl.errors import NotFound
from wasl.feedback import clock, labels
from wasl.feedback.models import Feedback, FeedbackKind, FeedbackSource
from wasl.feedback.schemas import FeedbackInput, PublicFeedbackInput
from wasl.tenancy.sequences import next_number

DIGITS = 5


class UnknownCase(NotFound):
    """The request the item is said to be about is not one of the person's."""

    def __init__(self):
        super().__init__(_("There is no such request in your file."))


def next_reference(tenant, year: int) -> str:
    """The next reference of ``tenant`` for an item filed in ``year`` (joins the caller's transaction)."""
    value = next_number(tenant.id, f"feedback-{year}")
    return f"{number_prefix(tenant)}-FB-{year}-{value:0{DIGITS}d}"


@dataclass(frozen=True)
class _Filed:
    kind: str
    message: str
    staff_named: str | None


def _names_staff(kind: str, staff_named: str | None) -> bool:
    return kind == FeedbackKind.COMPLAINT.value and bool(staff_named)


def _new_item(tenant, filed: _Filed, source: FeedbackSource, language: str, **fields) -> Feedback:
    now = utcnow()
    staff_named = filed.staff_named if filed.kind == FeedbackKind.COMPLAINT.value else None
    item = Feedback(tenant_id=tenant.id, kind=FeedbackKind(filed.kind), source=source, language=language,
                    message=filed.message, staff_named=staff_named,
                    names_staff=_names_staff(filed.kind, staff_named), filed_at=now,
                    due_on=clock.reply_due_on(clock.local_day(now)), **fields)
    item.number = next_reference(tenant, clock.local_day(now).year)
    db.session.add(item)
    db.session.flush()
    record("feedback.filed", item, number=item.number, kind=labels.kind_names(item.kind),
           source=labels.source_names(source))
    return item


def file_from_portal(tenant, beneficiary_id: int, raw: dict, language: str) -> Feedback:
    """The signed-in person files an item; ``UnknownCase`` when ``case_id`` is not one of their requests."""
    data = FeedbackInput().load(raw)
    if data["case_id"] is not None and get_case(data["case_id"]) is None:
        raise UnknownCase()
    return _new_item(tenant, _Filed(data["kind"], data["message"], data["staff_named"]), FeedbackSource.PORTAL,
                     language, beneficiary_id=beneficiary_id, case_id=data["case_id"])


def file_from_public(tenant, raw: dict, language: str) -> Feedback:
    """A visitor files an item from the public page, leaving a name and a Saudi mobile for the reply."""
    data = PublicFeedbackInput().load(raw)
    return _new_item(tenant, _Filed(data["kind"], data["message"], data["staff_named"]), FeedbackSource.PUBLIC,
                     language, visitor_name=data["name"], visitor_mobile=data["mobile"])
