"""Read-side services for an association's space."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from wasl.accounts.models import Membership
from wasl.db import db
from wasl.tenancy.models import Tenant


@dataclass(frozen=True)
class SpaceOverview:
    tenant: Tenant
    role_name: dict
    staff_count: int


def space_overview(tenant: Tenant, membership: Membership) -> SpaceOverview:
    """What a member sees on entering the association's space."""
    staff = db.session.scalar(
        select(func.count()).select_from(Membership).where(
            Membership.tenant_id == tenant.id, Membership.active.is_(True)
        )
    )
    role = membership.role
    return SpaceOverview(tenant=tenant, role_name={"ar": role.name_ar, "en": role.name_en}, staff_count=staff)
