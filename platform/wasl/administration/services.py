"""The administration feature's one door: what its pages and API read and change.

Staff, invitations, roles, the profile and letterhead, holidays, the audit log and data exports. Each
function raises a refusal of ``wasl.administration.refusals`` (or ``NotFound``) when the request cannot be
done; none of them commits (the request's unit of work does).
"""

from __future__ import annotations

from flask_babel import gettext as _
from marshmallow import ValidationError
from sqlalchemy import select

from wasl.accounts.models import Role, User
from wasl.administration import audit_log, holidays, invitations, profile, roles, staff
from wasl.administration.letterhead import MEDIA_TYPES, check_logo, logo_file
from wasl.administration.mailer import can_email  # noqa: F401 - whether invitations go out by e-mail
from wasl.administration.refusals import LogoError
from wasl.archive import exports, tasks
from wasl.audit.models import AuditEvent
from wasl.db import db
from wasl.errors import found
from wasl.tenancy.models import Tenant

PROFILE_FIELDS = profile.PROFILE_FIELDS
CONTACT_KEYS = ("phone", "email", "website")
LOGO_MEDIA_TYPES = tuple(MEDIA_TYPES.values())

# --- staff and invitations -----------------------------------------------------------------------------


def staff_of(tenant: Tenant) -> list[staff.StaffMember]:
    return staff.staff_of(tenant)


def open_invitations(tenant: Tenant):
    return invitations.open_invitations(tenant)


def invite(tenant: Tenant, email: str, role_id: int, *, name: str | None, invited_by: User | None):
    """Invite ``email`` with the role of this id (a choice the form already checked)."""
    return invitations.invite(tenant, email, roles.role_by_id(role_id), name=name, invited_by=invited_by)


def invite_with_role_key(tenant: Tenant, email: str, role_key: str, *, name: str | None,
                         invited_by: User | None):
    """Invite ``email`` with the role of this key; a ValidationError naming ``role`` when there is none."""
    role = roles.role_by_key(role_key)
    if role is None:
        raise ValidationError({"role": ["This association has no role with this key."]})
    return invitations.invite(tenant, email, role, name=name, invited_by=invited_by)


def membership(tenant: Tenant, membership_id: int):
    return found(staff.membership_in_tenant(tenant, membership_id))


def change_role(tenant: Tenant, member, role_id: int) -> None:
    staff.change_role(tenant, member, roles.role_by_id(role_id))


def deactivate(tenant: Tenant, member) -> None:
    staff.deactivate(tenant, member)


def reactivate(member) -> None:
    staff.reactivate(member)


def invitation(invitation_id: int):
    return found(invitations.invitation_by_id(invitation_id))


def revoke_invitation(invited) -> None:
    invitations.revoke(invited)


def invitation_for_token(token: str):
    return invitations.invitation_for_token(token)


def invited_role(invited) -> Role:
    return invitations.role_of(invited)


def needs_code(invited) -> bool:
    return invitations.needs_code(invited)


def accept_invitation(invited, tenant: Tenant, *, name: str, password: str, signed_in: User | None) -> User:
    return invitations.accept(invited, tenant, name=name, password=password, signed_in=signed_in)


def confirm_invitation_code(invited, tenant: Tenant, code: str) -> User:
    return invitations.confirm_code(invited, tenant, code)


# --- roles ---------------------------------------------------------------------------------------------


def roles_of(tenant: Tenant) -> list[Role]:
    return roles.roles_of(tenant)


def role_choices(tenant: Tenant, lang: str) -> list[tuple[int, str]]:
    return [(role.id, role.name(lang)) for role in roles.roles_of(tenant)]


def role_holders(tenant: Tenant) -> dict[int, int]:
    return roles.holders(tenant)


def permission_choices() -> list[tuple[str, str]]:
    return roles.permission_choices()


def template_of(role: Role) -> dict | None:
    return roles.template_of(role)


def role(role_id: int) -> Role:
    return found(roles.role_by_id(role_id))


def create_role(tenant: Tenant, key: str, name_ar: str, name_en: str, permissions) -> Role:
    return roles.create_role(tenant, key, name_ar, name_en, permissions)


def update_role(tenant: Tenant, changed: Role, name_ar: str, name_en: str, permissions) -> None:
    roles.update_role(tenant, changed, name_ar, name_en, permissions)


def patch_role(tenant: Tenant, changed: Role, changes: dict) -> None:
    """Change only what ``changes`` names: ``name`` (either language) and ``permissions``."""
    name = changes.get("name") or {}
    permissions = changes["permissions"] if "permissions" in changes else list(changed.permissions or [])
    roles.update_role(tenant, changed, name.get("ar", changed.name_ar), name.get("en", changed.name_en),
                      permissions)


def reset_role(tenant: Tenant, changed: Role) -> None:
    roles.reset_to_template(tenant, changed)


def delete_role(tenant: Tenant, removed: Role) -> None:
    roles.delete_role(tenant, removed)


# --- profile and letterhead ----------------------------------------------------------------------------


def update_profile(tenant: Tenant, changes: dict) -> list[str]:
    return profile.update_profile(tenant, changes)


def patch_profile(tenant: Tenant, data: dict) -> list[str]:
    """Apply the API's changes: only the fields sent; contacts and terminology merged into the stored ones."""
    changes = {field: (data[field] or None) for field in PROFILE_FIELDS if field in data}
    if "contacts" in data:
        contacts = dict(tenant.contacts or {})
        for key, value in data["contacts"].items():
            contacts.pop(key, None) if not value else contacts.__setitem__(key, value)
        changes["contacts"] = contacts
    if "terminology" in data:
        changes["terminology"] = {**(tenant.terminology or {}), **data["terminology"]}
    return profile.update_profile(tenant, changes)


def update_letterhead(tenant: Tenant, *, tagline: dict | None, logo: bytes | None) -> None:
    profile.update_letterhead(tenant, tagline=tagline, logo=logo)


def replace_logo(tenant: Tenant, data: bytes, declared: str) -> None:
    """A new logo sent with its media type; LogoError when it is refused or its content says otherwise."""
    if MEDIA_TYPES[check_logo(data)] != declared:
        raise LogoError(_("Logo: the file's content does not match its Content-Type."))
    profile.update_letterhead(tenant, tagline=None, logo=data)


def stored_logo(tenant: Tenant):
    """The logo's path and media type, or None when the association has none."""
    return logo_file(tenant)


def logo(tenant: Tenant):
    """The logo's path and media type; NotFound when there is none."""
    return found(logo_file(tenant))


# --- holidays ------------------------------------------------------------------------------------------


def holiday_list():
    return holidays.holidays_of()


def add_holiday(on, name_ar: str, name_en: str):
    return holidays.add_holiday(on, name_ar, name_en)


def holiday(holiday_id: int):
    return found(holidays.holiday_by_id(holiday_id))


def remove_holiday(removed) -> None:
    holidays.remove_holiday(removed)


# --- audit log -----------------------------------------------------------------------------------------


AuditFilter = audit_log.AuditFilter


def audit_page(criteria: audit_log.AuditFilter, page: int) -> tuple[list, bool]:
    """One page of the association's events with their actors' e-mails, and whether more follow."""
    return audit_log.page_of(audit_log.tenant_events(criteria), page)


def audit_object_types() -> list[str]:
    return audit_log.object_types(AuditEvent)


def audit_csv(criteria: audit_log.AuditFilter):
    return audit_log.csv_rows(audit_log.tenant_events(criteria))


def audit_events(criteria: audit_log.AuditFilter):
    """The SELECT of the association's events, for the API's pages."""
    return audit_log.tenant_events(criteria)


def emails_of(user_ids: set[int]) -> dict[int, str]:
    if not user_ids:
        return {}
    return dict(db.session.execute(select(User.id, User.email).where(User.id.in_(user_ids))).all())


# --- data exports --------------------------------------------------------------------------------------


def export_list(tenant: Tenant):
    """The latest exports, those still waiting handed to the workers again."""
    items = exports.exports_of(tenant)
    tasks.ensure_enqueued(items)
    return items


def start_export(tenant: Tenant, actor: User | None):
    """Ask for an export of all the association's data; its job is handed on once the request commits."""
    return exports.export_of(tenant, exports.request_export(tenant, actor).id)


def export_status(tenant: Tenant, export_id: int):
    export = found(exports.export_of(tenant, export_id))
    tasks.ensure_enqueued([export])
    return export
