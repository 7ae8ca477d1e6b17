"""The association's own profile and letterhead, edited by its admins."""

from __future__ import annotations

from wasl.administration.letterhead import store_logo
from wasl.audit.services import record
from wasl.tenancy.models import Tenant

PROFILE_FIELDS = ("name_ar", "name_en", "registration_number", "city_ar", "city_en", "region_ar", "region_en",
                  "default_locale")


def update_profile(tenant: Tenant, changes: dict) -> list[str]:
    """Apply validated profile changes; returns the names of the fields that changed."""
    changed = []
    for field in PROFILE_FIELDS:
        if field in changes and getattr(tenant, field) != changes[field]:
            setattr(tenant, field, changes[field])
            changed.append(field)
    for field, attribute in (("contacts", "contacts"), ("social", "social_accounts"),
                             ("terminology", "terminology")):
        if field in changes and getattr(tenant, attribute) != changes[field]:
            setattr(tenant, attribute, changes[field])
            changed.append(field)
    if changed:
        record("tenant.profile_updated", tenant, fields=changed)
    return changed


def update_letterhead(tenant: Tenant, *, tagline: dict | None, logo: bytes | None) -> None:
    """Set the tagline and, when given, a new logo (checked by content)."""
    letterhead = dict(tenant.letterhead or {})
    if tagline is not None:
        letterhead["tagline"] = tagline
    if logo:
        letterhead.update(store_logo(tenant, logo))
    tenant.letterhead = letterhead
    record("tenant.letterhead_updated", tenant, logo=bool(logo))
