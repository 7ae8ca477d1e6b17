"""``service_delivery``: what was delivered, when, how much and by whom; then the case closes."""

from __future__ import annotations

from flask_babel import gettext as _
from marshmallow import ValidationError, fields, validate, validates_schema

from wasl.api.schemas import Id
from wasl.cases import notify
from wasl.cases.members import require_member
from wasl.cases.models import ServiceDelivery
from wasl.cases.workflow.steps.base import (
    NoteOnly,
    Payload,
    Result,
    StepAction,
    StepContext,
    note_details,
    riyadh_today,
    text,
)
from wasl.db import db

_NON_NEGATIVE = validate.Range(min=0, max=10_000_000)


class Delivery(Payload):
    delivered_on = fields.Date(load_default=None)
    description = text(2000)
    quantity = fields.Decimal(places=2, allow_none=True, load_default=None, validate=_NON_NEGATIVE)
    amount = fields.Decimal(places=2, allow_none=True, load_default=None, validate=_NON_NEGATIVE)
    delivered_by_id = Id(allow_none=True, load_default=None)

    @validates_schema
    def _not_in_future(self, data, **kwargs):
        if data.get("delivered_on") and data["delivered_on"] > riyadh_today():
            raise ValidationError(_("The delivery date cannot be in the future."), "delivered_on")


def _number(value) -> str | None:
    return None if value is None else str(value)


def record_delivery(ctx: StepContext) -> Result:
    case, data = ctx.case, ctx.data
    by = require_member(case.tenant_id, data["delivered_by_id"], "delivered_by_id") or ctx.actor.id
    delivery = ServiceDelivery(case_id=case.id, tenant_id=case.tenant_id,
                               delivered_on=data["delivered_on"] or riyadh_today(),
                               description=data["description"], quantity=data["quantity"], amount=data["amount"],
                               delivered_by_id=by)
    db.session.add(delivery)
    db.session.flush()
    facts = {"delivery_id": delivery.id, "delivered_on": delivery.delivered_on.isoformat(),
             "description": delivery.description, "quantity": _number(delivery.quantity),
             "amount": _number(delivery.amount), "delivered_by_id": by}
    notify.announce(notify.SERVICE_DELIVERED, case, **facts,
                    service_name=dict(ctx.flow.catalogue.service(case.service_key).name))
    return Result("service_delivered", facts)


def close(ctx: StepContext) -> Result:
    return Result("delivery_completed", note_details(ctx.data), advance=True)


ACTIONS = {
    "record_delivery": StepAction(Delivery, record_delivery),
    "close": StepAction(NoteOnly, close),
}
