"""Roles as sets of permissions from the registry, the six templates, and the last-admin rule."""

from __future__ import annotations

import re

from flask_babel import gettext as _
from sqlalchemy import func, select

from wasl.accounts.models import Membership, Role
from wasl.accounts.permissions import PERMISSIONS, ROLE_TEMPLATES, check_known
from wasl.administration.models import StaffInvitation
from wasl.administration.refusals import LastAdmin, NotATemplateRole, RoleInUse, RoleKeyRefused
from wasl.administration.staff import ADMIN_PERMISSION, active_admin_ids
from wasl.audit.services import record
from wasl.db import db
from wasl.tenancy.models import Tenant

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,63}$")


def roles_of(tenant: Tenant) -> list[Role]:
    return list(db.session.scalars(select(Role).order_by(Role.id)))


def role_by_id(role_id: int) -> Role | None:
    return db.session.scalar(select(Role).where(Role.id == role_id))


def role_by_key(key: str) -> Role | None:
    return db.session.scalar(select(Role).where(Role.key == key))


def holders(tenant: Tenant) -> dict[int, int]:
    """Active staff per role id, in one grouped query."""
    rows = db.session.execute(
        select(Membership.role_id, func.count()).where(
            Membership.tenant_id == tenant.id, Membership.active.is_(True)
        ).group_by(Membership.role_id)
    )
    return dict(rows.all())


def _clean_permissions(permissions) -> list[str]:
    return sorted({check_known(p) for p in permissions})


def create_role(tenant: Tenant, key: str, name_ar: str, name_en: str, permissions) -> Role:
    """A new role of the association; its key is unique within the association."""
    key = (key or "").strip().lower()
    if not KEY_PATTERN.match(key):
        raise RoleKeyRefused(_("Key: use lowercase letters, digits and underscores, starting with a letter."),
                             field="key")
    if role_by_key(key) is not None:
        raise RoleKeyRefused(_("Key: this association already has a role with this key."), field="key")
    role = Role(tenant_id=tenant.id, key=key, name_ar=name_ar.strip(), name_en=name_en.strip(),
                permissions=_clean_permissions(permissions))
    db.session.add(role)
    db.session.flush()
    record("role.created", role, key=key, permissions=role.permissions)
    return role


def update_role(tenant: Tenant, role: Role, name_ar: str, name_en: str, permissions) -> None:
    """Rename a role and set its permissions; refusing to take the admin right from the last admins."""
    cleaned = _clean_permissions(permissions)
    if role.grants(ADMIN_PERMISSION) and ADMIN_PERMISSION not in cleaned:
        remaining = active_admin_ids(tenant) - _holders_of(tenant, role)
        if not remaining:
            raise LastAdmin(_("Permissions: removing the admin right from this role would leave the association "
                               "without an admin. Give another person an admin role first."))
    role.name_ar, role.name_en, role.permissions = name_ar.strip(), name_en.strip(), cleaned
    record("role.updated", role, key=role.key, permissions=cleaned)


def _holders_of(tenant: Tenant, role: Role) -> set[int]:
    return set(db.session.scalars(select(Membership.id).where(
        Membership.tenant_id == tenant.id, Membership.role_id == role.id, Membership.active.is_(True))))


def delete_role(tenant: Tenant, role: Role) -> None:
    """Remove a role nobody holds (active or not) and no open invitation names."""
    used = db.session.scalar(select(func.count()).select_from(Membership).where(
        Membership.tenant_id == tenant.id, Membership.role_id == role.id))
    invited = db.session.scalar(select(func.count()).select_from(StaffInvitation).where(
        StaffInvitation.role_id == role.id))
    if used or invited:
        raise RoleInUse(_("This role is held by staff or named in invitations. Give them another role first."))
    record("role.deleted", role, key=role.key)
    db.session.delete(role)


def template_of(role: Role) -> dict | None:
    return ROLE_TEMPLATES.get(role.key)


def reset_to_template(tenant: Tenant, role: Role) -> None:
    """Restore a template role's names and permissions as shipped."""
    template = template_of(role)
    if template is None:
        raise NotATemplateRole(_("This role was not made from a template."))
    update_role(tenant, role, template["name"]["ar"], template["name"]["en"], template["permissions"])


def permission_choices() -> list[tuple[str, str]]:
    return [(name, str(label)) for name, label in PERMISSIONS.items()]
