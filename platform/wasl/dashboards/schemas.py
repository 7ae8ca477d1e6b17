"""The dashboard's query arguments and its JSON form."""

from __future__ import annotations

from datetime import timedelta

from flask_babel import gettext as _
from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate, validates_schema

MAX_DAYS = 731  # two years: a longer range is an export, not a dashboard


class DashboardArgs(Schema):
    """``from`` and ``to`` (Riyadh days, inclusive; the last 90 days by default) and an optional service."""

    class Meta:
        unknown = EXCLUDE

    from_ = fields.Date(data_key="from", attribute="from", load_default=None,
                        metadata={"description": "First day (YYYY-MM-DD, Riyadh); default 89 days before `to`."})
    to = fields.Date(load_default=None, metadata={"description": "Last day (YYYY-MM-DD, Riyadh); default today."})
    service = fields.String(load_default=None, validate=validate.Length(max=64),
                            metadata={"description": "A service key of the association's catalogue."})

    @validates_schema
    def _ordered(self, data, **kwargs):
        first, last = data.get("from"), data.get("to")
        if first and last and first > last:
            raise ValidationError(_("The first day must not be after the last day."), "from")
        if first and last and last - first > timedelta(days=MAX_DAYS):
            raise ValidationError(_("Choose a period of at most two years."), "from")


class FigureSchema(Schema):
    key = fields.String()
    label = fields.String()
    value = fields.Float()


class PeriodSchema(Schema):
    from_ = fields.Date(attribute="first", data_key="from")
    to = fields.Date(attribute="last")
    service = fields.String(allow_none=True)


class SpreadSchema(Schema):
    count = fields.Integer(metadata={"description": "Decisions timed (issued in the period, in their own round)."})
    median = fields.Float(allow_none=True, metadata={"description": "Median days from submission to decision."})
    p90 = fields.Float(allow_none=True, metadata={"description": "90th percentile of those days."})


class DeliveryRowSchema(Schema):
    service = fields.String()
    service_label = fields.String()
    month = fields.Function(lambda row: row.month.isoformat()[:7], metadata={"description": "YYYY-MM"})
    month_label = fields.String()
    count = fields.Integer()
    amount = fields.Float()


class SatisfactionSchema(Schema):
    invited = fields.Integer(metadata={"description": "Surveys sent in the period."})
    answered = fields.Integer()
    satisfied = fields.Integer(metadata={"description": "Answers of 4 or 5 out of 5."})
    average = fields.Float(allow_none=True)
    response_rate = fields.Float(allow_none=True, metadata={"description": "Answered / sent (0-1)."})
    csat = fields.Float(allow_none=True, metadata={"description": "Satisfied / answered (0-1)."})


class SatisfactionMonthSchema(Schema):
    key = fields.String(metadata={"description": "YYYY-MM"})
    label = fields.String()
    invited = fields.Integer()
    answered = fields.Integer()
    csat = fields.Float(allow_none=True)


class DashboardSchema(Schema):
    """Open cases are counted now; intake, decisions and deliveries within the period."""

    period = fields.Nested(PeriodSchema)
    today = fields.Date()
    services = fields.List(fields.Nested(FigureSchema, only=("key", "label")))
    open_total = fields.Integer()
    open_by_step = fields.List(fields.Nested(FigureSchema))
    open_by_age = fields.List(fields.Nested(FigureSchema))
    overdue = fields.Integer()
    due_this_week = fields.Integer(metadata={"description": "Decisions due from today to six days ahead."})
    intake_total = fields.Integer()
    intake = fields.List(fields.Nested(FigureSchema))
    online = fields.Integer()
    online_share = fields.Float(allow_none=True, metadata={"description": "Share received on the website (0-1)."})
    decisions = fields.Nested(SpreadSchema)
    decision_window_days = fields.Integer()
    outcomes = fields.List(fields.Nested(FigureSchema))
    decided = fields.Integer()
    accepted = fields.Integer()
    acceptance_rate = fields.Float(allow_none=True, metadata={"description": "Accepted / decided (0-1)."})
    delivery_count = fields.Integer()
    delivery_amount = fields.Float()
    deliveries = fields.List(fields.Nested(DeliveryRowSchema))
    deliveries_by_month = fields.List(fields.Nested(FigureSchema))
    satisfaction = fields.Nested(SatisfactionSchema)
    satisfaction_by_month = fields.List(fields.Nested(SatisfactionMonthSchema))
