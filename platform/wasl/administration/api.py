"""The association administration API: staff, invitations and holidays."""

from __future__ import annotations

from flask import g, jsonify, request

from wasl.accounts import access
from wasl.administration import services
from wasl.administration.schemas import (
    HolidaySchema,
    InviteRequestSchema,
    InviteResultSchema,
    StaffMemberSchema,
)
from wasl.api import api_blueprint
from wasl.api.spec import operation

bp = api_blueprint("administration", __name__, "/<slug>/admin")


@bp.route("/staff")
@access.requires("tenant.admin")
@operation("The association's staff with their roles", response=StaffMemberSchema(many=True))
def staff_list():
    return jsonify(StaffMemberSchema(many=True).dump(services.staff_of(g.tenant)))


@bp.route("/invitations", methods=["POST"])
@access.requires("tenant.admin")
@operation("Invite by e-mail: a single-use link; an existing account joins by accepting it while signed in", request=InviteRequestSchema,
           response=InviteResultSchema, status=201)
def invite():
    data = InviteRequestSchema().load(request.get_json(silent=True) or {})
    outcome = services.invite_with_role_key(g.tenant, data["email"], data["role"], name=data["name"],
                                            invited_by=g.actor)
    body = {"membership_id": outcome.membership.id if outcome.membership else None,
            "invitation_id": outcome.invitation.id if outcome.invitation else None,
            "emailed": outcome.emailed, "url": None if outcome.emailed else outcome.url}
    return jsonify(InviteResultSchema().dump(body)), 201


@bp.route("/holidays")
@access.requires("tenant.admin")
@operation("The association's holidays (skipped by the decision clock)", response=HolidaySchema(many=True))
def holiday_list():
    return jsonify(HolidaySchema(many=True).dump(services.holiday_list()))


@bp.route("/holidays", methods=["POST"])
@access.requires("tenant.admin")
@operation("Add a holiday", request=HolidaySchema, response=HolidaySchema, status=201)
def add_holiday():
    data = HolidaySchema().load(request.get_json(silent=True) or {})
    holiday = services.add_holiday(data["on"], data["name"]["ar"], data["name"]["en"])
    return jsonify(HolidaySchema().dump(holiday)), 201


@bp.route("/holidays/<int:holiday_id>", methods=["DELETE"])
@access.requires("tenant.admin")
@operation("Remove a holiday", status=204)
def delete_holiday(holiday_id: int):
    services.remove_holiday(services.holiday(holiday_id))
    return "", 204


from wasl.administration import settings_api as _settings_api  # noqa: E402,F401 - roles, profile, audit, exports join ``bp``
