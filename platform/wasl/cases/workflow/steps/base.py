"""What every step handler receives and returns, and the pieces their payload schemas share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from marshmallow import RAISE, Schema, fields, validate

from wasl.cases.catalogue import StepSpec
from wasl.db import utcnow
from wasl.i18n.dates import local_date

NOTE_MAX = 4000


@dataclass
class StepContext:
    case: object
    flow: object  # the case's Workflow
    data: dict
    actor: object
    membership: object | None = None

    @property
    def step(self) -> StepSpec | None:
        return self.flow.step(self.case.step)


@dataclass
class Result:
    """What happened: the timeline entry's kind and facts; ``advance`` moves the case to its next step."""

    kind: str
    details: dict = field(default_factory=dict)
    advance: bool = False


@dataclass(frozen=True)
class StepAction:
    schema: type[Schema]
    handle: Callable[[StepContext], Result]


class Payload(Schema):
    """An action's payload: unknown fields are refused, so a typo never passes silently."""

    class Meta:
        unknown = RAISE


def text(maximum: int = NOTE_MAX, *, required: bool = True) -> fields.String:
    if required:
        return fields.String(required=True, validate=validate.Length(min=1, max=maximum))
    return fields.String(load_default=None, allow_none=True, validate=validate.Length(max=maximum))


class NoteOnly(Payload):
    note = text(required=False)


def note_details(data: dict) -> dict:
    return {"note": data["note"]} if data.get("note") else {}


def riyadh_today():
    return local_date(utcnow())
