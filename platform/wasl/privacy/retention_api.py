"""The retention period in the administration API: the same service functions as the admin's page."""

from __future__ import annotations

from flask import g, jsonify, request
from flask_babel import gettext as _
from marshmallow import Schema, fields, validate

from wasl.accounts import access
from wasl.api import api_blueprint
from wasl.api.spec import operation
from wasl.db import utcnow
from wasl.i18n.dates import local_date
from wasl.privacy import services
from wasl.privacy.models import KEEP_CHOICES
from wasl.web.errors import fail

bp = api_blueprint("privacy_retention", __name__, "/<slug>/admin/retention")


class RetentionSettingSchema(Schema):
    class Meta:
        ordered = True

    keep_months = fields.Integer(required=True, allow_none=True, validate=validate.OneOf(KEEP_CHOICES), metadata={
        "description": "Months after a person's last request was closed that their identity is kept; "
                       "null keeps it until an admin erases it."})


class RetentionStateSchema(RetentionSettingSchema):
    cutoff = fields.Date(allow_none=True, metadata={"description": "People whose last request closed before "
                                                                   "this day are due today."})
    due = fields.Integer(allow_none=True, metadata={"description": "How many people a run today would erase."})
    last_run_at = fields.DateTime(allow_none=True)
    last_run_erased = fields.Integer(allow_none=True)


class RetentionRunSchema(Schema):
    keep_months = fields.Integer(allow_none=True)
    cutoff = fields.Date(allow_none=True)
    erased = fields.Integer(metadata={"description": "People whose personal data this run erased."})


def _state() -> dict:
    return RetentionStateSchema().dump(services.retention_state(local_date(utcnow())))


@bp.get("")
@access.requires("tenant.admin")
@operation("The association's retention period for personal data, who is due today and the last run",
           response=RetentionStateSchema)
def read():
    return jsonify(_state())


@bp.put("")
@access.requires("tenant.admin")
@operation("Set the retention period (12, 24, 36, 60 or 120 months, or null to keep until erased by hand)",
           request=RetentionSettingSchema, response=RetentionStateSchema)
def replace():
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        fail(400, _("The request body must be a JSON object."))
    data = RetentionSettingSchema().load(body)
    services.choose_retention(g.tenant, data["keep_months"], g.actor)
    return jsonify(_state())


@bp.post("/run")
@access.requires("tenant.admin")
@operation("Apply the retention period now: erase everyone due today (the daily job does it too)",
           response=RetentionRunSchema)
def run():
    report = services.apply_retention(g.tenant, local_date(utcnow()), g.actor)
    return jsonify(RetentionRunSchema().dump(report))
