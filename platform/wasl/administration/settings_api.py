"""The association's settings in the API: roles, profile and letterhead, the audit log, data exports.

Each endpoint calls the same service function as its page; the blueprint is
the administration API's (``/api/v1/<slug>/admin``).
"""

from __future__ import annotations

from flask import abort, g, jsonify, request, send_file, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError
from sqlalchemy import select

from wasl.accounts import access
from wasl.accounts.models import User
from wasl.administration import audit_log, profile, roles
from wasl.administration.api import bp
from wasl.administration.letterhead import MEDIA_TYPES, LogoError, check_logo, logo_file
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
from wasl.administration.staff import StaffError
from wasl.api.pagination import paginate
from wasl.api.query import query_args
from wasl.api.schemas import page_of
from wasl.api.spec import operation
from wasl.db import db
from wasl.operator import exports, tasks
from wasl.operator.schemas import ExportSchema
from wasl.operator.views import send_export
from wasl.web.errors import fail, problem

LOGO_BODY = {"type": "string", "format": "binary"}
CONTACT_KEYS = ("phone", "email", "website")


def _json() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        fail(400, _("The request body must be a JSON object."))
    return body


def _conflict(error: StaffError):
    db.session.rollback()
    return problem(409, str(error), kind="staff-rule")


# --- roles ---------------------------------------------------------------------------------------------


def _role_body(role, counts: dict[int, int]) -> dict:
    return {"id": role.id, "key": role.key, "name": {"ar": role.name_ar, "en": role.name_en},
            "permissions": sorted(role.permissions or []), "holders": counts.get(role.id, 0),
            "from_template": roles.template_of(role) is not None}


def _one_role(role) -> dict:
    return RoleSchema().dump(_role_body(role, roles.holders(g.tenant)))


def _role(role_id: int):
    return roles.role_by_id(role_id) or abort(404)


@bp.route("/roles")
@access.requires("tenant.admin")
@operation("The association's roles, their permissions and how many active staff hold each",
           response=RoleSchema(many=True))
def role_list():
    counts = roles.holders(g.tenant)
    return jsonify(RoleSchema(many=True).dump([_role_body(r, counts) for r in roles.roles_of(g.tenant)]))


@bp.route("/roles", methods=["POST"])
@access.requires("tenant.admin")
@operation("Create a role from permissions of the registry (422 naming key for a bad or taken key)",
           request=RoleCreateSchema, response=RoleSchema, status=201)
def create_role():
    data = RoleCreateSchema().load(_json())
    try:
        role = roles.create_role(g.tenant, data["key"], data["name"]["ar"], data["name"]["en"], data["permissions"])
    except StaffError as error:
        raise ValidationError({"key": [str(error)]}) from error
    db.session.commit()
    return jsonify(_one_role(role)), 201


@bp.route("/roles/<int:role_id>", methods=["PATCH"])
@access.requires("tenant.admin")
@operation("Rename a role or set its permissions (409 if the association would be left without an admin)",
           request=RoleUpdateSchema, response=RoleSchema)
def update_role(role_id: int):
    role = _role(role_id)
    data = RoleUpdateSchema().load(_json())
    name = data.get("name") or {}
    permissions = data["permissions"] if "permissions" in data else list(role.permissions or [])
    try:
        roles.update_role(g.tenant, role, name.get("ar", role.name_ar), name.get("en", role.name_en), permissions)
    except StaffError as error:
        return _conflict(error)
    db.session.commit()
    return jsonify(_one_role(role))


@bp.route("/roles/<int:role_id>", methods=["DELETE"])
@access.requires("tenant.admin")
@operation("Remove a role nobody holds and no open invitation names (409 otherwise)", status=204)
def delete_role(role_id: int):
    role = _role(role_id)
    try:
        roles.delete_role(g.tenant, role)
    except StaffError as error:
        return _conflict(error)
    db.session.commit()
    return "", 204


# --- profile and letterhead ----------------------------------------------------------------------------


def _letterhead_body(tenant) -> dict:
    letterhead = tenant.letterhead or {}
    stored = logo_file(tenant)
    return {"tagline": letterhead.get("tagline"), "has_logo": stored is not None,
            "logo_media_type": stored[1] if stored else None,
            "logo_url": url_for("api_administration.get_logo", slug=tenant.slug) if stored else None}


def _profile_body(tenant) -> dict:
    body = {field: getattr(tenant, field) for field in profile.PROFILE_FIELDS}
    contacts = tenant.contacts or {}
    body["contacts"] = {key: contacts.get(key) for key in CONTACT_KEYS}
    body["terminology"] = {key: value for key, value in (tenant.terminology or {}).items()
                           if key in ("beneficiary", "beneficiaries", "beneficiaries_heading")}
    body["letterhead"] = _letterhead_body(tenant)
    return ProfileSchema().dump(body)


def _profile_changes(tenant, data: dict) -> dict:
    """The request's fields in ``update_profile``'s terms: contacts and terminology merged into the stored ones."""
    changes = {field: (data[field] or None) for field in profile.PROFILE_FIELDS if field in data}
    if "contacts" in data:
        contacts = dict(tenant.contacts or {})
        for key, value in data["contacts"].items():
            contacts.pop(key, None) if not value else contacts.__setitem__(key, value)
        changes["contacts"] = contacts
    if "terminology" in data:
        changes["terminology"] = {**(tenant.terminology or {}), **data["terminology"]}
    return changes


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
    data = ProfileChangesSchema().load(_json())
    profile.update_profile(g.tenant, _profile_changes(g.tenant, data))
    db.session.commit()
    return jsonify(_profile_body(g.tenant))


@bp.route("/letterhead", methods=["PUT"])
@access.requires("tenant.admin")
@operation("Set the letterhead's line under the name, in Arabic and English", request=LetterheadChangeSchema,
           response=LetterheadStateSchema)
def put_letterhead():
    data = LetterheadChangeSchema().load(_json())
    tagline = {lang: (data["tagline"].get(lang) or "") for lang in ("ar", "en")}
    profile.update_letterhead(g.tenant, tagline=tagline, logo=None)
    db.session.commit()
    return jsonify(LetterheadStateSchema().dump(_letterhead_body(g.tenant)))


@bp.route("/letterhead/logo", methods=["PUT"])
@access.requires("tenant.admin")
@operation("Replace the logo: the file itself as the body, PNG or SVG (checked by content; 422 naming logo)",
           request=LOGO_BODY, request_content=tuple(MEDIA_TYPES.values()), response=LetterheadStateSchema)
def put_logo():
    declared = request.mimetype
    if declared not in MEDIA_TYPES.values():
        fail(415, _("Send the logo as the request body with Content-Type image/png or image/svg+xml."))
    data = request.get_data(cache=False)
    try:
        if MEDIA_TYPES[check_logo(data)] != declared:
            raise LogoError(_("Logo: the file's content does not match its Content-Type."))
        profile.update_letterhead(g.tenant, tagline=None, logo=data)
    except LogoError as error:
        raise ValidationError({"logo": [str(error)]}) from error
    db.session.commit()
    return jsonify(LetterheadStateSchema().dump(_letterhead_body(g.tenant)))


@bp.route("/letterhead/logo")
@access.requires("tenant.admin")
@operation("The stored logo file (404 when there is none)")
def get_logo():
    found = logo_file(g.tenant) or abort(404)
    path, media_type = found
    response = send_file(path, mimetype=media_type, max_age=0)
    response.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


# --- audit log -----------------------------------------------------------------------------------------


def _emails(user_ids: set[int]) -> dict[int, str]:
    if not user_ids:
        return {}
    return dict(db.session.execute(select(User.id, User.email).where(User.id.in_(user_ids))).all())


@bp.route("/audit")
@access.requires("tenant.admin")
@operation("The association's audit log, newest first, filtered like the page (days are Riyadh days)",
           query=AuditQuerySchema, response=page_of(AuditEventWithActorSchema))
def audit():
    args = query_args(AuditQuerySchema)
    criteria = audit_log.AuditFilter(**{k: args.get(k) for k in ("actor", "action", "object_type", "object_id",
                                                                 "date_from", "date_to")})
    body = paginate(audit_log.tenant_events(criteria), AuditEventSchema())
    emails = _emails({item["actor_id"] for item in body["items"] if item["actor_id"] is not None})
    for item in body["items"]:
        item["actor_email"] = emails.get(item["actor_id"])
    return jsonify(body)


# --- data exports --------------------------------------------------------------------------------------


@bp.route("/exports")
@access.requires("tenant.admin")
@operation("The association's latest data exports, newest first", response=ExportSchema(many=True))
def export_list():
    items = exports.exports_of(g.tenant)
    tasks.ensure_enqueued(items)
    return jsonify(ExportSchema(many=True).dump(items))


@bp.route("/exports", methods=["POST"])
@access.requires("tenant.admin")
@operation("Start an export of all the association's data (a zip, built in the background)",
           response=ExportSchema, status=202)
def start_export():
    export_id = exports.request_export(g.tenant, g.actor).id
    db.session.commit()
    response = jsonify(ExportSchema().dump(exports.export_of(g.tenant, export_id)))
    response.headers["Location"] = url_for("api_administration.export_status", slug=g.tenant.slug,
                                           export_id=export_id)
    return response, 202


@bp.route("/exports/<int:export_id>")
@access.requires("tenant.admin")
@operation("An export's progress", response=ExportSchema)
def export_status(export_id: int):
    export = exports.export_of(g.tenant, export_id) or abort(404)
    tasks.ensure_enqueued([export])
    return jsonify(ExportSchema().dump(export))


@bp.route("/exports/<int:export_id>/download")
@access.requires("tenant.admin")
@operation("A finished export's zip, as an attachment (404 until it is finished)")
def download_export(export_id: int):
    return send_export(g.tenant, export_id)
