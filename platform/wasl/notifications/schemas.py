"""API schemas of the delivery log. Addresses are masked unless the caller manages notifications."""

from __future__ import annotations

from datetime import UTC

from marshmallow import Schema, fields, validate

from wasl.api.schemas import PageArgsSchema
from wasl.notifications.catalogue import EVENTS
from wasl.notifications.masking import mask_address
from wasl.notifications.models import Channel, NotificationStatus


def _when(**kwargs) -> fields.AwareDateTime:
    # SQLite returns stored UTC datetimes without their zone.
    return fields.AwareDateTime(default_timezone=UTC, **kwargs)


def _body(notification) -> str | None:
    return None if notification.sensitive else notification.body


class LogQuerySchema(PageArgsSchema):
    status = fields.String(validate=validate.OneOf([s.value for s in NotificationStatus]))
    event = fields.String(validate=validate.OneOf(sorted(EVENTS)))
    channel = fields.String(validate=validate.OneOf([c.value for c in Channel]))


class NotificationSchema(Schema):
    id = fields.Integer()
    event = fields.String()
    channel = fields.String()
    locale = fields.String()
    status = fields.String()
    recipient_kind = fields.String()
    recipient_ref_id = fields.Integer(allow_none=True)
    recipient_name = fields.String()
    recipient = fields.Function(lambda n: mask_address(n.recipient_address),
                                metadata={"description": "The address, masked."})
    object_type = fields.String(allow_none=True)
    object_id = fields.String(allow_none=True)
    subject = fields.String(allow_none=True)
    body = fields.Function(_body, allow_none=True,
                           metadata={"description": "Null for messages holding a secret (sign-in codes)."})
    template_name = fields.String(allow_none=True)
    template_params = fields.Function(lambda n: None if n.sensitive else list(n.template_params or []))
    segments = fields.Integer(allow_none=True)
    essential = fields.Boolean()
    urgent = fields.Boolean()
    attempts = fields.Integer()
    max_attempts = fields.Integer()
    next_attempt_at = _when()
    sent_at = _when(allow_none=True)
    provider = fields.String(allow_none=True)
    provider_message_id = fields.String(allow_none=True)
    last_error = fields.String(allow_none=True)
    created_at = _when()


class ManagedNotificationSchema(NotificationSchema):
    recipient_address = fields.String(allow_none=True, metadata={
        "description": "The full address; sent only to those who may manage notifications."})


class AttemptSchema(Schema):
    number = fields.Integer()
    provider = fields.String(allow_none=True)
    outcome = fields.String(allow_none=True, metadata={"description": "sent, retryable, permanent, interrupted; "
                                                                      "null while the attempt is in flight."})
    status_code = fields.Integer(allow_none=True)
    provider_message_id = fields.String(allow_none=True)
    detail = fields.String(allow_none=True, metadata={"description": "The provider's answer, shortened."})
    started_at = _when()
    finished_at = _when(allow_none=True)


class NotificationDetailSchema(Schema):
    notification = fields.Nested(NotificationSchema)
    attempts = fields.List(fields.Nested(AttemptSchema))


class ManagedNotificationDetailSchema(NotificationDetailSchema):
    notification = fields.Nested(ManagedNotificationSchema)
