"""Core API endpoints: the OpenAPI document, who am I, and an association's profile."""

from __future__ import annotations

from flask import g, jsonify

from wasl.accounts import access
from wasl.accounts.schemas import MeSchema
from wasl.api import api_blueprint
from wasl.api.spec import build_spec, operation
from wasl.onboarding.schemas import TenantProfileSchema

bp = api_blueprint("core", __name__)


@bp.route("/openapi.json")
@access.public
def openapi():
    return jsonify(build_spec())


@bp.route("/me")
@access.requires_signed_in
@operation("The token's user and their memberships", response=MeSchema)
def me():
    return jsonify(MeSchema().dump(g.actor))


@bp.route("/<slug>")
@access.requires("tenant.view")
@operation("The association's profile", response=TenantProfileSchema)
def tenant_profile():
    return jsonify(TenantProfileSchema().dump(g.tenant))
