"""The transparency setting in the administration API: the same service functions as the admin's page."""

from __future__ import annotations

from flask import g, jsonify, request
from flask_babel import gettext as _
from marshmallow import Schema, fields, validate

from wasl.accounts import access
from wasl.api import api_blueprint
from wasl.api.spec import operation
from wasl.db import db
from wasl.transparency import settings
from wasl.transparency.models import PERIOD_CHOICES
from wasl.web.errors import fail

bp = api_blueprint("transparency", __name__, "/<slug>/admin/transparency")


class TransparencySettingSchema(Schema):
    class Meta:
        ordered = True

    published = fields.Boolean(required=True, metadata={
        "description": "Whether /<slug>/transparency is public (off until an admin turns it on)."})
    period_days = fields.Integer(required=True, validate=validate.OneOf(PERIOD_CHOICES), metadata={
        "description": "Days up to today the page covers."})


def _body(choice: settings.Choice) -> dict:
    return TransparencySettingSchema().dump({"published": choice.published, "period_days": choice.period_days})


@bp.get("")
@access.requires("tenant.admin")
@operation("Whether the association publishes its transparency page, and its period",
           response=TransparencySettingSchema)
def read():
    return jsonify(_body(settings.current_choice()))


@bp.put("")
@access.requires("tenant.admin")
@operation("Publish or withdraw the transparency page and set its period (90, 180 or 365 days)",
           request=TransparencySettingSchema, response=TransparencySettingSchema)
def replace():
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        fail(400, _("The request body must be a JSON object."))
    data = TransparencySettingSchema().load(body)
    choice = settings.choose(g.tenant, data["published"], data["period_days"], g.actor)
    db.session.commit()
    return jsonify(_body(choice))
