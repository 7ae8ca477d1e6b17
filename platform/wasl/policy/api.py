"""The policy API: the published policy for anyone; versions, drafts, approval, publishing and diffs for staff."""

from __future__ import annotations

from flask import g, jsonify, request, url_for

from wasl.accounts import access
from wasl.api import api_blueprint
from wasl.api.pagination import paginate
from wasl.api.query import query_args
from wasl.api.schemas import PageArgsSchema, page_of
from wasl.api.spec import operation
from wasl.policy import services
from wasl.policy.schemas import (
    ApproveSchema,
    CopyablePolicySchema,
    DiffArgsSchema,
    PolicyDiffSchema,
    PolicyVersionSchema,
    PolicyVersionSummarySchema,
    PublishedPolicySchema,
    ShareableSchema,
    StartDraftSchema,
    UpdateDraftSchema,
)
from wasl.web.routing import TenantSuspended

bp = api_blueprint("policy", __name__, "/<slug>/policy")


def _body() -> dict:
    body = request.get_json(silent=True)
    return {} if body is None else body


def _version_response(version, status: int = 200):
    response = jsonify(PolicyVersionSchema().dump(version))
    response.status_code = status
    return response


@bp.route("")
@access.public
@operation("The association's published policy (no token needed)", response=PublishedPolicySchema, auth=False)
def published():
    if not g.tenant.is_active:
        raise TenantSuspended(g.tenant)
    return jsonify(PublishedPolicySchema().dump(services.published_policy(g.tenant)))


@bp.route("/versions")
@access.requires("policy.view")
@operation("Every version of the policy, newest first", response=page_of(PolicyVersionSummarySchema),
           query=PageArgsSchema)
def versions():
    return jsonify(paginate(services.versions_query(g.tenant), PolicyVersionSummarySchema()))


@bp.route("/versions/<int:policy_version_id>")
@access.requires("policy.view")
@operation("One version of the policy with its content", response=PolicyVersionSchema)
def version(policy_version_id: int):
    return _version_response(services.get_version(policy_version_id))


@bp.route("/versions", methods=["POST"])
@access.requires("policy.edit")
@operation("Start a draft from the published version, the standard template or a shared policy",
           request=StartDraftSchema, response=PolicyVersionSchema, status=201)
def start_draft():
    args = StartDraftSchema().load(_body())
    draft = services.start_draft(g.actor, args["source"], args.get("copy_from"), tenant=g.tenant)
    response = _version_response(draft, 201)
    response.headers["Location"] = url_for("api_policy.version", policy_version_id=draft.id)
    return response


@bp.route("/versions/<int:policy_version_id>", methods=["PATCH"])
@access.requires("policy.edit")
@operation("Replace one section of a draft (409 if it is not a draft or someone saved it meanwhile)",
           request=UpdateDraftSchema, response=PolicyVersionSchema)
def update_draft(policy_version_id: int):
    version = services.get_version(policy_version_id)  # an id from elsewhere is a 404 whatever the body
    args = UpdateDraftSchema().load(_body())
    draft = services.update_draft(version, args["section"], args["data"], args["lock_version"], g.actor)
    return _version_response(draft)


@bp.route("/versions/<int:policy_version_id>", methods=["DELETE"])
@access.requires("policy.edit")
@operation("Discard the version being prepared (never a published one)", status=204)
def discard_draft(policy_version_id: int):
    services.discard_draft(services.get_version(policy_version_id), g.actor)
    return "", 204


@bp.route("/versions/<int:policy_version_id>/approve", methods=["POST"])
@access.requires("policy.approve")
@operation("Record the board's approval: meeting number and date in Hijri or Gregorian (or both, agreeing)",
           request=ApproveSchema, response=PolicyVersionSchema)
def approve(policy_version_id: int):
    version = services.get_version(policy_version_id)
    args = ApproveSchema().load(_body())
    approved = services.approve(version, args["meeting_number"],
                                args.get("date_hijri"), args.get("date_gregorian"), g.actor,
                                supersedes_previous=args["supersedes_previous"],
                                expected_lock=args.get("lock_version"))
    return _version_response(approved)


@bp.route("/versions/<int:policy_version_id>/publish", methods=["POST"])
@access.requires("policy.publish")
@operation("Publish an approved version; the previously published one is superseded", response=PolicyVersionSchema)
def publish(policy_version_id: int):
    published_version = services.publish(services.get_version(policy_version_id), g.actor)
    return _version_response(published_version)


@bp.route("/versions/<int:policy_version_id>/shareable", methods=["PUT"])
@access.requires("policy.publish")
@operation("Allow or stop other associations copying this version once published", request=ShareableSchema,
           response=PolicyVersionSchema)
def set_shareable(policy_version_id: int):
    version = services.get_version(policy_version_id)
    args = ShareableSchema().load(_body())
    shared = services.set_shareable(version, args["shareable"], g.actor)
    return _version_response(shared)


@bp.route("/diff")
@access.requires("policy.view")
@operation("What changed between two versions, section by section", query=DiffArgsSchema,
           response=PolicyDiffSchema)
def diff():
    args = query_args(DiffArgsSchema)
    before, after = services.get_version(args["from_id"]), services.get_version(args["to_id"])
    sections = services.diff_versions(before, after)
    return jsonify(PolicyDiffSchema().dump({"from_version": before, "to_version": after, "sections": sections}))


@bp.route("/copyable")
@access.requires("policy.edit")
@operation("Other associations' published policies that may be copied into a new draft",
           response=CopyablePolicySchema(many=True))
def copyable():
    return jsonify(CopyablePolicySchema(many=True).dump(services.copyable(g.tenant)))
