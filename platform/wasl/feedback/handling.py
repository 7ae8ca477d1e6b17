"""Staff handling: the queue with its clock, one item, the reply (which notifies the person) and closing.

Every read starts from ``visibility.visible_to`` with the member's membership.
The queue page is a fixed number of statements however long it is: the page
of items, its count, then the people, requests and holidays it names, each
read once for the whole page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from wasl.api.pagination import Page
from wasl.audit.services import record
from wasl.beneficiaries.models import Beneficiary
from wasl.cases.models import Case
from wasl.db import db, utcnow
from wasl.errors import Conflict
from wasl.events import emit
from wasl.feedback import clock, labels
from wasl.feedback.models import Feedback, FeedbackSettings, FeedbackSource, FeedbackState
from wasl.feedback.schemas import ReplyInput, SettingsInput
from wasl.feedback.visibility import visible_to
from wasl.i18n import current_language
from wasl.notifications import links

REPLIED = "feedback.replied"


class FeedbackStateError(Conflict):
    """The item is not in a state that allows this; the message says why, in the person's language."""

    kind = "feedback-state"


@dataclass(frozen=True)
class ItemRow:
    """An item as the queue and the item page show it."""

    item: Feedback
    from_name: str
    case_number: str | None
    standing: clock.Standing

    @property
    def kind_label(self) -> str:
        return labels.kind_label(self.item.kind)

    @property
    def state_label(self) -> str:
        return labels.state_label(self.item.state)

    @property
    def standing_text(self) -> str:
        return labels.standing_text(self.standing)

    @property
    def age_text(self) -> str:
        return labels.age_text(self.standing)


def _filtered(membership, filters: dict):
    statement = visible_to(membership)
    if filters.get("kind"):
        statement = statement.where(Feedback.kind == filters["kind"])
    if filters.get("state"):
        statement = statement.where(Feedback.state == filters["state"])
    return statement


def queue(membership, filters: dict, page: int, per_page: int) -> Page:
    """Items the member may read, oldest waiting first (closed ones last), one page of rows."""
    statement = _filtered(membership, filters)
    total = db.session.scalar(statement.with_only_columns(func.count(Feedback.id)).order_by(None))
    items = list(db.session.scalars(statement.order_by(
        (Feedback.state == FeedbackState.CLOSED).asc(), Feedback.due_on, Feedback.id)
        .limit(per_page).offset((page - 1) * per_page)))
    return Page(rows_for(items), page, per_page, total or 0)


def rows_for(items: list[Feedback], on: date | None = None) -> list[ItemRow]:
    on = on or clock.today()
    holidays = clock.holidays_for(items, on)
    people = _names(Beneficiary, {i.beneficiary_id for i in items if i.beneficiary_id},
                    lambda person: person.name(current_language()))
    cases = _names(Case, {i.case_id for i in items if i.case_id}, lambda case: case.number)
    return [ItemRow(item, people.get(item.beneficiary_id) or item.visitor_name or "",
                    cases.get(item.case_id),
                    clock.standing(item.filed_at, item.due_on, item.reply is not None, on, holidays))
            for item in items]


def _names(model, ids: set[int], name_of) -> dict[int, str]:
    if not ids:
        return {}
    return {row.id: name_of(row) for row in db.session.scalars(select(model).where(model.id.in_(ids)))}


def get_item(membership, feedback_id: int) -> Feedback | None:
    """The item with this id, or None when it does not exist here or the member may not read it."""
    return db.session.scalar(visible_to(membership).where(Feedback.id == feedback_id))


def item_row(item: Feedback) -> ItemRow:
    return rows_for([item])[0]


def reply(item: Feedback, raw: dict, actor) -> Feedback:
    """Record the association's reply once, and notify the person through the outbox."""
    text = ReplyInput().load(raw)["reply"]
    if item.is_closed:
        raise FeedbackStateError(_("This item is closed; it cannot be answered again."))
    if item.reply is not None:
        raise FeedbackStateError(_("This item has already been answered."))
    item.reply, item.replied_at = text, utcnow()
    item.replied_by_id = actor.id if actor is not None else None
    item.state = FeedbackState.ANSWERED
    db.session.flush()
    record("feedback.replied", item, number=item.number, kind=labels.kind_names(item.kind))
    _notify_reply(item)
    return item


def _notify_reply(item: Feedback) -> None:
    from wasl.tenancy.models import Tenant

    slug = db.session.get(Tenant, item.tenant_id).slug
    portal_url = (links.absolute_url("portal_feedback.show", slug=slug, feedback_id=item.id)
                  if item.source == FeedbackSource.PORTAL else None)
    emit(REPLIED, tenant_id=item.tenant_id, feedback_id=item.id, beneficiary_id=item.beneficiary_id,
         mobile=item.visitor_mobile if item.beneficiary_id is None else None, name=item.visitor_name or "",
         locale=item.language, reference=item.number, kind_name=labels.kind_names(item.kind), reply=item.reply,
         portal_url=portal_url or "", dedupe_key=f"feedback-reply:{item.id}")


def close(item: Feedback, actor) -> Feedback:
    """Close an answered item; an item without a reply cannot be closed."""
    if item.is_closed:
        raise FeedbackStateError(_("This item is already closed."))
    if item.reply is None:
        raise FeedbackStateError(_("Reply first: an item can be closed only once it has a reply."))
    item.state, item.closed_at = FeedbackState.CLOSED, utcnow()
    item.closed_by_id = actor.id if actor is not None else None
    db.session.flush()
    record("feedback.closed", item, number=item.number, kind=labels.kind_names(item.kind))
    return item


def update_settings(raw: dict) -> FeedbackSettings:
    """Set the response window (1 to 60 working days); items filed from now on are due by it."""
    days = SettingsInput().load(raw)["response_days"]
    row = clock.settings_row() or FeedbackSettings()
    row.response_days = days
    db.session.add(row)
    db.session.flush()
    record("feedback.settings_changed", row, response_days=days)
    return row
