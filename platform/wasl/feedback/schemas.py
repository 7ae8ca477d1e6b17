"""What filing, replying, rating and the settings accept, and what the API answers.

The pages load their forms with the same input schemas, so a message names the
field in the person's language on both faces.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from marshmallow import RAISE, Schema, fields, validate

from wasl.api.schemas import Id, PageArgsSchema
from wasl.beneficiaries.fields import LocalisedSchema, SaudiMobileField, labelled, max_length, one_of
from wasl.beneficiaries.identity import ascii_digits
from wasl.feedback.models import FeedbackKind, FeedbackState

KINDS = tuple(k.value for k in FeedbackKind)
STATES = tuple(s.value for s in FeedbackState)
MESSAGE_LIMIT = 2000
REPLY_LIMIT = 2000
NAME_LIMIT = 120
MAX_RESPONSE_DAYS = 60


def whole_number(raw: str | None):
    """A form's number as an int (Arabic-Indic digits too); anything else as typed, for the schema to refuse."""
    text = ascii_digits((raw or "").strip())
    return int(text) if text.isdigit() and len(text) < 10 else (text or None)


class _Strict(LocalisedSchema):
    class Meta:
        unknown = RAISE


class _Filing(_Strict):
    kind = labelled(fields.String, _l("Type"), required=True, validate=one_of(_l("Type"), KINDS),
                    metadata={"enum": list(KINDS)})
    message = labelled(fields.String, _l("Your message"), required=True,
                       validate=max_length(_l("Your message"), MESSAGE_LIMIT))
    staff_named = labelled(fields.String, _l("Name of the staff member"), load_default=None, allow_none=True,
                           validate=max_length(_l("Name of the staff member"), NAME_LIMIT),
                           metadata={"description": "For a complaint about a member of staff: only the "
                                                    "association's admin reads it."})


class FeedbackInput(_Filing):
    """What the signed-in person files in the portal."""

    case_id = labelled(Id, _l("About the request"), load_default=None, allow_none=True,
                       metadata={"description": "One of the person's own requests, or null."})


class PublicFeedbackInput(_Filing):
    """What a visitor files from the public policy page: no request, but a name and a mobile for the reply."""

    name = labelled(fields.String, _l("Your name"), required=True, validate=max_length(_l("Your name"), NAME_LIMIT))
    mobile = labelled(SaudiMobileField, _l("Mobile number for the reply"), required=True)


class ReplyInput(_Strict):
    reply = labelled(fields.String, _l("Reply"), required=True, validate=max_length(_l("Reply"), REPLY_LIMIT))


class RatingInput(_Strict):
    rating = labelled(fields.Integer, _l("Rating"), required=True, strict=True,
                      validate=validate.Range(min=1, max=5), metadata={"minimum": 1, "maximum": 5})


class SettingsInput(_Strict):
    response_days = labelled(fields.Integer, _l("Response window (working days)"), required=True, strict=True,
                             validate=validate.Range(min=1, max=MAX_RESPONSE_DAYS))


class QueueArgs(PageArgsSchema):
    kind = labelled(fields.String, _l("Type"), load_default=None, validate=one_of(_l("Type"), KINDS),
                    metadata={"enum": list(KINDS)})
    state = labelled(fields.String, _l("State"), load_default=None, validate=one_of(_l("State"), STATES),
                     metadata={"enum": list(STATES)})


class ClockSchema(Schema):
    state = fields.String(metadata={"description": "on_time, due_today, overdue or answered"})
    working_days = fields.Integer(attribute="days", metadata={"description": "left, or overdue by"})
    age_working_days = fields.Integer(attribute="age_days")


class FeedbackSchema(Schema):
    """An item as staff see it."""

    id = fields.Integer(attribute="item.id")
    number = fields.String(attribute="item.number")
    kind = fields.Function(lambda row: row.item.kind.value)
    kind_label = fields.String()
    state = fields.Function(lambda row: row.item.state.value)
    state_label = fields.String()
    source = fields.Function(lambda row: row.item.source.value, metadata={"description": "portal or public"})
    from_name = fields.String(metadata={"description": "The person, or the visitor's name."})
    beneficiary_id = fields.Integer(attribute="item.beneficiary_id", allow_none=True)
    case_id = fields.Integer(attribute="item.case_id", allow_none=True)
    case_number = fields.String(allow_none=True)
    message = fields.String(attribute="item.message")
    staff_named = fields.String(attribute="item.staff_named", allow_none=True)
    filed_at = fields.DateTime(attribute="item.filed_at")
    due_on = fields.Date(attribute="item.due_on")
    clock = fields.Nested(ClockSchema, attribute="standing")
    reply = fields.String(attribute="item.reply", allow_none=True)
    replied_at = fields.DateTime(attribute="item.replied_at", allow_none=True)
    closed_at = fields.DateTime(attribute="item.closed_at", allow_none=True)
    rating = fields.Integer(attribute="item.rating", allow_none=True)


class MyFeedbackSchema(Schema):
    """An item as the person who filed it sees it: no staff names, no internal notes."""

    id = fields.Integer()
    number = fields.String()
    kind = fields.Function(lambda item: item.kind.value)
    state = fields.Function(lambda item: item.state.value)
    case_id = fields.Integer(allow_none=True)
    message = fields.String()
    filed_at = fields.DateTime()
    due_on = fields.Date()
    reply = fields.String(allow_none=True)
    replied_at = fields.DateTime(allow_none=True)
    rating = fields.Integer(allow_none=True)


class SettingsSchema(Schema):
    response_days = fields.Integer()
