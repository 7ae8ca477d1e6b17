"""Recording who reads personal data, in the administration API: the same service functions as the page."""

from __future__ import annotations

from flask import g, jsonify, request
from flask_babel import gettext as _
from marshmallow import Schema, fields

from wasl.accounts import access
from wasl.api import api_blueprint
from wasl.api.spec import operation
from wasl.privacy import services
from wasl.web.errors import fail

bp = api_blueprint("privacy_read_audit", __name__, "/<slug>/admin/read-audit")


class ReadAuditSettingSchema(Schema):
    enabled = fields.Boolean(required=True, metadata={
        "description": "While true, opening a beneficiary's page or API detail and exporting personal data "
                       "need a reason and are recorded in the audit log with who, what and why."})


class ReadAuditStateSchema(ReadAuditSettingSchema):
    reasons = fields.List(fields.String(), metadata={"description": "The reasons a reader chooses from."})


def _state() -> dict:
    return ReadAuditStateSchema().dump({"enabled": services.read_audit_enabled(), "reasons": list(services.REASONS)})


@bp.get("")
@access.requires("tenant.admin")
@operation("Whether the association records who reads personal data, and why", response=ReadAuditStateSchema)
def read():
    return jsonify(_state())


@bp.put("")
@access.requires("tenant.admin")
@operation("Turn recording who reads personal data on or off", request=ReadAuditSettingSchema,
           response=ReadAuditStateSchema)
def replace():
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        fail(400, _("The request body must be a JSON object."))
    services.choose_read_audit(g.tenant, ReadAuditSettingSchema().load(body)["enabled"], g.actor)
    return jsonify(_state())
