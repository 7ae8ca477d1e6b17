"""The operator's API: list and onboard associations, suspend/reactivate them, export their data."""

from __future__ import annotations

from flask import g, jsonify, request

from wasl.accounts import access
from wasl.api import api_blueprint
from wasl.api.pagination import page_args
from wasl.api.query import query_args
from wasl.api.schemas import page_of
from wasl.api.spec import operation
from wasl.archive.schemas import ExportSchema
from wasl.errors import Refused
from wasl.operator import services
from wasl.operator.schemas import (
    AssociationSchema,
    AssociationWithUsageSchema,
    OnboardedSchema,
    OnboardingSchema,
    SearchArgsSchema,
)

bp = api_blueprint("operator", __name__, "/operator")


@bp.route("/associations")
@access.operator_only
@operation("Associations with their status and usage", query=SearchArgsSchema,
           response=page_of(AssociationWithUsageSchema))
def list_associations():
    args = query_args(SearchArgsSchema)
    paging = page_args()
    listing = services.list_associations(args["q"], args["status"], paging["page"], paging["per_page"])
    page = listing.pagination
    items = [{"association": t, "usage": listing.usage[t.id]} for t in page.items]
    return jsonify({"items": AssociationWithUsageSchema(many=True).dump(items), "page": page.page,
                    "per_page": page.per_page, "total": page.total, "pages": page.pages})


@bp.route("/associations", methods=["POST"])
@access.operator_only
@operation("Onboard a new association (one transaction)", request=OnboardingSchema, response=OnboardedSchema,
           status=201)
def onboard():
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        raise Refused("Send a JSON object.", 400)
    result = services.onboard(services.request_from_payload(payload), actor=g.actor, via="api")
    body = OnboardedSchema().dump({"association": result.tenant, "invitation": _invitation(result.invitation),
                                   "policy_source": result.policy_source})
    return jsonify(body), 201


def _invitation(outcome) -> dict | None:
    if outcome.invitation is None:
        return None
    return {"id": outcome.invitation.id, "email": outcome.invitation.email,
            "expires_at": outcome.invitation.expires_at, "emailed": outcome.emailed,
            "url": None if outcome.emailed else outcome.url}


@bp.route("/associations/<association>/suspend", methods=["POST"])
@access.operator_only
@operation("Suspend an association: staff refused, notifications paused, data kept", response=AssociationSchema)
def suspend(association: str):
    return _change(association, services.suspend)


@bp.route("/associations/<association>/reactivate", methods=["POST"])
@access.operator_only
@operation("Reactivate a suspended association", response=AssociationSchema)
def reactivate(association: str):
    return _change(association, services.reactivate)


def _change(association: str, change):
    tenant = services.association(association)
    reason = str((request.get_json(silent=True) or {}).get("reason", ""))
    return jsonify(AssociationSchema().dump(change(tenant, reason)))


@bp.route("/associations/<association>/exports", methods=["POST"])
@access.operator_only
@operation("Start an export of all the association's data", response=ExportSchema, status=202)
def start_export(association: str):
    export = services.request_export(services.association(association), g.actor)
    return jsonify(ExportSchema().dump(export)), 202


@bp.route("/associations/<association>/exports/<int:export_id>")
@access.operator_only
@operation("An export's progress", response=ExportSchema)
def export_status(association: str, export_id: int):
    return jsonify(ExportSchema().dump(services.export(services.association(association), export_id)))
