"""The association administration API: staff, invitations and holidays."""

from __future__ import annotations

from flask import abort, g, jsonify, request
from marshmallow import ValidationError

from wasl.accounts import access
from wasl.administration import holidays, invitations, roles, staff
from wasl.administration.schemas import (
    HolidaySchema,
    InviteRequestSchema,
    InviteResultSchema,
    StaffMemberSchema,
)
from wasl.api import api_blueprint
from wasl.api.spec import operation
from wasl.db import db
from wasl.web.errors import fail

bp = api_blueprint("administration", __name__, "/<slug>/admin")


@bp.route("/staff")
@access.requires("tenant.admin")
@operation("The association's staff with their roles", response=StaffMemberSchema(many=True))
def staff_list():
    return jsonify(StaffMemberSchema(many=True).dump(staff.staff_of(g.tenant)))


@bp.route("/invitations", methods=["POST"])
@access.requires("tenant.admin")
@operation("Invite by e-mail: a single-use link; an existing account joins by accepting it while signed in", request=InviteRequestSchema,
           response=InviteResultSchema, status=201)
def invite():
    data = InviteRequestSchema().load(request.get_json(silent=True) or {})
    role = roles.role_by_key(data["role"])
    if role is None:
        raise ValidationError({"role": ["This association has no role with this key."]})
    try:
        outcome = invitations.invite(g.tenant, data["email"], role, name=data["name"], invited_by=g.actor)
    except invitations.InvitationError as error:
        fail(error.status, str(error))
    db.session.commit()
    body = {"membership_id": outcome.membership.id if outcome.membership else None,
            "invitation_id": outcome.invitation.id if outcome.invitation else None,
            "emailed": outcome.emailed, "url": None if outcome.emailed else outcome.url}
    return jsonify(InviteResultSchema().dump(body)), 201


@bp.route("/holidays")
@access.requires("tenant.admin")
@operation("The association's holidays (skipped by the decision clock)", response=HolidaySchema(many=True))
def holiday_list():
    return jsonify(HolidaySchema(many=True).dump(holidays.holidays_of()))


@bp.route("/holidays", methods=["POST"])
@access.requires("tenant.admin")
@operation("Add a holiday", request=HolidaySchema, response=HolidaySchema, status=201)
def add_holiday():
    data = HolidaySchema().load(request.get_json(silent=True) or {})
    try:
        holiday = holidays.add_holiday(data["on"], data["name"]["ar"], data["name"]["en"])
    except staff.StaffError as error:
        fail(409, str(error))
    db.session.commit()
    return jsonify(HolidaySchema().dump(holiday)), 201


@bp.route("/holidays/<int:holiday_id>", methods=["DELETE"])
@access.requires("tenant.admin")
@operation("Remove a holiday", status=204)
def delete_holiday(holiday_id: int):
    holiday = holidays.holiday_by_id(holiday_id) or abort(404)
    holidays.remove_holiday(holiday)
    db.session.commit()
    return "", 204


from wasl.administration import settings_api as _settings_api  # noqa: E402,F401 - roles, profile, audit, exports join ``bp``
