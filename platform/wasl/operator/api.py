"""The operator's API: list and onboard associations, suspend/reactivate them, export their data."""

from __future__ import annotations

from flask import abort, g, jsonify, request

from wasl.accounts import access
from wasl.api import api_blueprint
from wasl.api.pagination import page_args
from wasl.api.query import query_args
from wasl.api.schemas import page_of
from wasl.api.spec import operation
from wasl.db import db
from wasl.operator import exports, lifecycle, tasks
from wasl.operator.onboarding import onboard_association, request_from_payload
from wasl.operator.schemas import (
    AssociationSchema,
    AssociationWithUsageSchema,
    ExportSchema,
    OnboardedSchema,
    OnboardingSchema,
    SearchArgsSchema,
)
from wasl.operator.usage import search_statement, usage_of
from wasl.web.errors import fail

bp = api_blueprint("operator", __name__, "/operator")


@bp.route("/associations")
@access.operator_only
@operation("Associations with their status and usage", query=SearchArgsSchema,
           response=page_of(AssociationWithUsageSchema))
def list_associations():
    args = query_args(SearchArgsSchema)
    paging = page_args()
    page = db.paginate(search_statement(args["q"], args["status"]), page=paging["page"],
                       per_page=paging["per_page"], error_out=False)
    usage = usage_of([t.id for t in page.items])
    items = [{"association": t, "usage": usage[t.id]} for t in page.items]
    return jsonify({"items": AssociationWithUsageSchema(many=True).dump(items), "page": page.page,
                    "per_page": page.per_page, "total": page.total, "pages": page.pages})


@bp.route("/associations", methods=["POST"])
@access.operator_only
@operation("Onboard a new association (one transaction)", request=OnboardingSchema, response=OnboardedSchema,
           status=201)
def onboard():
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        fail(400, "Send a JSON object.")
    result = onboard_association(request_from_payload(payload), actor=g.actor, via="api")
    # Read everything before the commit: afterwards the association's rows are outside this request's scope.
    body = OnboardedSchema().dump({"association": result.tenant, "invitation": _invitation(result.invitation),
                                   "policy_source": result.policy_source})
    db.session.commit()
    return jsonify(body), 201


def _invitation(outcome) -> dict | None:
    if outcome.invitation is None:
        return None
    return {"id": outcome.invitation.id, "email": outcome.invitation.email,
            "expires_at": outcome.invitation.expires_at, "emailed": outcome.emailed,
            "url": None if outcome.emailed else outcome.url}


def _association(association: str):
    return lifecycle.association_by_slug(association) or abort(404)


@bp.route("/associations/<association>/suspend", methods=["POST"])
@access.operator_only
@operation("Suspend an association: staff refused, notifications paused, data kept", response=AssociationSchema)
def suspend(association: str):
    return _change(association, lifecycle.suspend)


@bp.route("/associations/<association>/reactivate", methods=["POST"])
@access.operator_only
@operation("Reactivate a suspended association", response=AssociationSchema)
def reactivate(association: str):
    return _change(association, lifecycle.reactivate)


def _change(association: str, change):
    tenant = _association(association)
    reason = str((request.get_json(silent=True) or {}).get("reason", ""))
    try:
        change(tenant, reason)
    except lifecycle.LifecycleError as error:
        fail(409, str(error))
    db.session.commit()
    return jsonify(AssociationSchema().dump(tenant))


@bp.route("/associations/<association>/exports", methods=["POST"])
@access.operator_only
@operation("Start an export of all the association's data", response=ExportSchema, status=202)
def start_export(association: str):
    tenant = _association(association)
    export_id = exports.request_export(tenant, g.actor).id
    db.session.commit()
    return jsonify(ExportSchema().dump(exports.export_of(tenant, export_id))), 202


@bp.route("/associations/<association>/exports/<int:export_id>")
@access.operator_only
@operation("An export's progress", response=ExportSchema)
def export_status(association: str, export_id: int):
    export = exports.export_of(_association(association), export_id) or abort(404)
    tasks.ensure_enqueued([export])
    return jsonify(ExportSchema().dump(export))
