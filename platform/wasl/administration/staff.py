"""The association's staff: who works here, with which role, and the rule that one admin must remain."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from wasl.accounts.models import Membership, Role, User
from wasl.accounts.services import deactivate_membership
from wasl.administration.refusals import LastAdmin
from wasl.audit.services import record
from wasl.db import db
from wasl.tenancy.models import Tenant

ADMIN_PERMISSION = "tenant.admin"


@dataclass(frozen=True)
class StaffMember:
    membership: Membership
    user: User
    role: Role
    is_last_admin: bool


def staff_of(tenant: Tenant) -> list[StaffMember]:
    """Everyone who has worked here (active first), with their role, in one query."""
    rows = db.session.execute(
        select(Membership, User, Role)
        .join(User, User.id == Membership.user_id)
        .join(Role, Role.id == Membership.role_id)
        .where(Membership.tenant_id == tenant.id)
        .order_by(Membership.active.desc(), User.name)
    ).all()
    admins = [m.id for m, _u, role in rows if m.active and role.grants(ADMIN_PERMISSION)]
    return [StaffMember(m, u, role, admins == [m.id]) for m, u, role in rows]


def membership_in_tenant(tenant: Tenant, membership_id: int) -> Membership | None:
    """Memberships are not tenant-scoped automatically (they decide the scope), so filter here."""
    return db.session.scalar(
        select(Membership).where(Membership.id == membership_id, Membership.tenant_id == tenant.id)
    )


def active_admin_ids(tenant: Tenant) -> set[int]:
    admin_roles = [r.id for r in db.session.scalars(select(Role)) if r.grants(ADMIN_PERMISSION)]
    return set(db.session.scalars(select(Membership.id).where(
        Membership.tenant_id == tenant.id, Membership.active.is_(True), Membership.role_id.in_(admin_roles))))


def _refuse_if_last_admin(tenant: Tenant, membership: Membership) -> None:
    if active_admin_ids(tenant) == {membership.id}:
        raise LastAdmin(_("This is the association's last admin. Give another person the admin role first, "
                           "or the association would be left without anyone to run it."))


def change_role(tenant: Tenant, membership: Membership, role: Role) -> None:
    """Give a staff member another role; the last admin cannot be demoted."""
    if role.id == membership.role_id:
        return
    if not role.grants(ADMIN_PERMISSION):
        _refuse_if_last_admin(tenant, membership)
    previous = membership.role_id
    membership.role_id = role.id
    record("membership.role_changed", membership, user_id=membership.user_id, role=role.key,
           previous_role_id=previous)


def deactivate(tenant: Tenant, membership: Membership) -> None:
    """Lock the person out of this association from their next request; the last admin cannot go."""
    if not membership.active:
        return
    _refuse_if_last_admin(tenant, membership)
    deactivate_membership(membership)


def reactivate(membership: Membership) -> None:
    if membership.active:
        return
    membership.active = True
    record("membership.reactivated", membership, user_id=membership.user_id)
