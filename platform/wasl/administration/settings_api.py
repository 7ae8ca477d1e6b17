"""The association's settings in the API: roles, profile and letterhead, the audit log, data exports.

Each endpoint calls the same service function as its page; the blueprint is
the administration API's (``/api/v1/<slug>/admin``).
"""

from __future__ import annotations

from flask import g, jsonify, request, send_file, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from wasl.accounts import access
from wasl.administration import services
from wasl.administration.api import bp
from wasl.administration.refusals import LogoError, RoleKeyRefused
from wasl.administration.settings_schemas import (
    AuditEventSchema,
    AuditEventWithActorSchema,
    AuditQuerySchema,
    LetterheadChangeSchema,
    LetterheadStateSchema,
    ProfileChangesSchema,
    ProfileSchema,
    RoleCreateSchema,
    RoleSchema,
    RoleUpdateSchema,
)
from wasl.api.pagination import paginate
from wasl.api.query import query_args
from wasl.api.schemas import page_of
from wasl.api.spec import operation
from wasl.archive.downloads import send_export
from wasl.archive.schemas import ExportSchema
from wasl.errors import Refused

LOGO_BODY = {"type": "string", "format": "binary"}


def _json() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise Refused(_("The request body must be a JSON object."), 400)
    return body


# --- roles ---------------------------------------------------------------------------------------------


def _role_body(role, counts: dict[int, int]) -> dict:
    return {"id": role.id, "key": role.key, "name": {"ar": role.name_ar, "en": role.name_en},
            "permissions": sorted(role.permissions or []), "holders": counts.get(role.id, 0),
            "from_template": services.template_of(role) is not None}


def _one_role(role) -> dict:
    return RoleSchema().dump(_role_body(role, services.role_holders(g.tenant)))


@bp.route("/roles")
@access.requires("tenant.admin")
@operation("The association's roles, their permissions and how many active staff hold each",
           response=RoleSchema(many=True))
def role_list():
    counts = services.role_holders(g.tenant)
    return jsonify(RoleSchema(many=True).dump([_role_body(r, counts) for r in services.roles_of(g.tenant)]))


@bp.route("/roles", methods=["POST"])
@access.requires("tenant.admin")
@operation("Create a role from permissions of the registry (422 naming key for a bad or taken key)",
           request=RoleCreateSchema, response=RoleSchema, status=201)
def create_role():
    data = RoleCreateSchema().load(_json())
    try:
        role = services.create_role(g.tenant, data["key"], data["name"]["ar"], data["name"]["en"],
                                    data["permissions"])
    except RoleKeyRefused as refused:  # answered as the schema's own refusals are
        raise ValidationError({refused.field: [refused.detail]}) from refused
    return jsonify(_one_role(role)), 201


@bp.route("/roles/<int:role_id>", methods=["PATCH"])
@access.requires("tenant.admin")
@operation("Rename a role or set its permissions (409 if the association would be left without an admin)",
           request=RoleUpdateSchema, response=RoleSchema)
def update_role(role_id: int):
    role = services.role(role_id)
    services.patch_role(g.tenant, role, RoleUpdateSchema().load(_json()))
    return jsonify(_one_role(role))


@bp.route("/roles/<int:role_id>", methods=["DELETE"])
@access.requires("tenant.admin")
@operation("Remove a role nobody holds and no open invitation names (409 otherwise)", status=204)
def delete_role(role_id: int):
    services.delete_role(g.tenant, services.role(role_id))
    return "", 204


# --- profile and letterhead ----------------------------------------------------------------------------


def _letterhead_body(tenant) -> dict:
    letterhead = tenant.letterhead or {}
    stored = services.stored_logo(tenant)
    return {"tagline": letterhead.get("tagline"), "has_logo": stored is not None,
            "logo_media_type": stored[1] if stored else None,
            "logo_url": url_for("api_administration.get_logo", slug=tenant.slug) if stored else None}


def _profile_body(tenant) -> dict:
    body = {field: getattr(tenant, field) for field in services.PROFILE_FIELDS}
    contacts = tenant.contacts or {}
    body["contacts"] = {key: contacts.get(key) for key in services.CONTACT_KEYS}
    body["terminology"] = {key: value for key, value in (tenant.terminology or {}).items()
                           if key in ("beneficiary", "beneficiaries", "beneficiaries_heading")}
    body["letterhead"] = _letterhead_body(tenant)
    return ProfileSchema().dump(body)


@bp.route("/profile")
@access.requires("tenant.admin")
@operation("The association's profile, contacts, terminology and letterhead", response=ProfileSchema)
def get_profile():
    return jsonify(_profile_body(g.tenant))


@bp.route("/profile", methods=["PATCH"])
@access.requires("tenant.admin")
@operation("Change some of the profile: only the fields sent change (null or empty clears an optional one)",
           request=ProfileChangesSchema, response=ProfileSchema)
def patch_profile():
    services.patch_profile(g.tenant, ProfileChangesSchema().load(_json()))
    return jsonify(_profile_body(g.tenant))


@bp.route("/letterhead", methods=["PUT"])
@access.requires("tenant.admin")
@operation("Set the letterhead's line under the name, in Arabic and English", request=LetterheadChangeSchema,
           response=LetterheadStateSchema)
def put_letterhead():
    data = LetterheadChangeSchema().load(_json())
    tagline = {lang: (data["tagline"].get(lang) or "") for lang in ("ar", "en")}
    services.update_letterhead(g.tenant, tagline=tagline, logo=None)
    return jsonify(LetterheadStateSchema().dump(_letterhead_body(g.tenant)))


@bp.route("/letterhead/logo", methods=["PUT"])
@access.requires("tenant.admin")
@operation("Replace the logo: the file itself as the body, PNG or SVG (checked by content; 422 naming logo)",
           request=LOGO_BODY, request_content=services.LOGO_MEDIA_TYPES, response=LetterheadStateSchema)
def put_logo():
    declared = request.mimetype
    if declared not in services.LOGO_MEDIA_TYPES:
        raise Refused(_("Send the logo as the request body with Content-Type image/png or image/svg+xml."), 415)
    try:
        services.replace_logo(g.tenant, request.get_data(cache=False), declared)
    except LogoError as refused:  # answered as the schema's own refusals are
        raise ValidationError({"logo": [refused.detail]}) from refused
    return jsonify(LetterheadStateSchema().dump(_letterhead_body(g.tenant)))


@bp.route("/letterhead/logo")
@access.requires("tenant.admin")
@operation("The stored logo file (404 when there is none)")
def get_logo():
    path, media_type = services.logo(g.tenant)
    response = send_file(path, mimetype=media_type, max_age=0)
    response.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


# --- audit log -----------------------------------------------------------------------------------------


@bp.route("/audit")
@access.requires("tenant.admin")
@operation("The association's audit log, newest first, filtered like the page (days are Riyadh days)",
           query=AuditQuerySchema, response=page_of(AuditEventWithActorSchema))
def audit():
    args = query_args(AuditQuerySchema)
    criteria = services.AuditFilter(**{k: args.get(k) for k in ("actor", "action", "object_type", "object_id",
                                                                 "date_from", "date_to")})
    body = paginate(services.audit_events(criteria), AuditEventSchema())
    emails = services.emails_of({item["actor_id"] for item in body["items"] if item["actor_id"] is not None})
    for item in body["items"]:
        item["actor_email"] = emails.get(item["actor_id"])
    return jsonify(body)


# --- data exports --------------------------------------------------------------------------------------


@bp.route("/exports")
@access.requires("tenant.admin")
@operation("The association's latest data exports, newest first", response=ExportSchema(many=True))
def export_list():
    return jsonify(ExportSchema(many=True).dump(services.export_list(g.tenant)))


@bp.route("/exports", methods=["POST"])
@access.requires("tenant.admin")
@operation("Start an export of all the association's data (a zip, built in the background)",
           response=ExportSchema, status=202)
def start_export():
    export = services.start_export(g.tenant, g.actor)
    response = jsonify(ExportSchema().dump(export))
    response.headers["Location"] = url_for("api_administration.export_status", slug=g.tenant.slug,
                                           export_id=export.id)
    return response, 202


@bp.route("/exports/<int:export_id>")
@access.requires("tenant.admin")
@operation("An export's progress", response=ExportSchema)
def export_status(export_id: int):
    return jsonify(ExportSchema().dump(services.export_status(g.tenant, export_id)))


@bp.route("/exports/<int:export_id>/download")
@access.requires("tenant.admin")
@operation("A finished export's zip, as an attachment (404 until it is finished)")
def download_export(export_id: int):
    return send_export(g.tenant, export_id)
