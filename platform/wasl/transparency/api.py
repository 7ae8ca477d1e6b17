"""The transparency setting in the administration API: the same service functions as the admin's page."""

from __future__ import annotations

from flask import g, jsonify
from marshmallow import Schema, fields, validate

from wasl.accounts import access
from wasl.api import api_blueprint
from wasl.api.query import json_object
from wasl.api.spec import operation
from wasl.transparency import services
from wasl.transparency.models import PERIOD_CHOICES

bp = api_blueprint("transparency", __name__, "/<slug>/admin/transparency")


class TransparencySettingSchema(Schema):
    class Meta:
        ordered = True

    published = fields.Boolean(required=True, metadata={
        "description": "Whether /<slug>/transparency is public (off until an admin turns it on)."})
    period_days = fields.Integer(required=True, validate=validate.OneOf(PERIOD_CHOICES), metadata={
        "description": "Days up to today the page covers."})


def _body(choice) -> dict:
    return TransparencySettingSchema().dump({"published": choice.published, "period_days": choice.period_days})


@bp.get("")
@access.requires("tenant.admin")
@operation("Whether the association publishes its transparency page, and its period",
           response=TransparencySettingSchema)
def read():
    return jsonify(_body(services.current_choice()))


@bp.put("")
@access.requires("tenant.admin")
@operation("Publish or withdraw the transparency page and set its period (90, 180 or 365 days)",
           request=TransparencySettingSchema, response=TransparencySettingSchema)
def replace():
    data = TransparencySettingSchema().load(json_object())
    choice = services.choose(g.tenant, data["published"], data["period_days"], g.actor)
    return jsonify(_body(choice))
