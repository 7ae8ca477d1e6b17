"""``reception``: receive the beneficiary, note the interaction and the enquiries answered."""

from __future__ import annotations

from marshmallow import fields, validate

from wasl.cases.workflow.steps.base import Payload, Result, StepAction, StepContext, text


class Enquiry(Payload):
    question = text(1000)
    answer = text(2000)


class Interaction(Payload):
    notes = text()
    enquiries = fields.List(fields.Nested(Enquiry), load_default=list, validate=validate.Length(max=30))


class Completion(Payload):
    notes = text(required=False)
    enquiries = fields.List(fields.Nested(Enquiry), load_default=list, validate=validate.Length(max=30))


def _details(data: dict) -> dict:
    details = {"enquiries": data.get("enquiries") or []}
    if data.get("notes"):
        details["notes"] = data["notes"]
    return details


def record_interaction(ctx: StepContext) -> Result:
    return Result("interaction_recorded", _details(ctx.data))


def complete_reception(ctx: StepContext) -> Result:
    return Result("reception_completed", _details(ctx.data), advance=True)


ACTIONS = {
    "record_interaction": StepAction(Interaction, record_interaction),
    "complete_reception": StepAction(Completion, complete_reception),
}
