"""Imports every model so that the metadata (migrations, drift check) sees the whole schema."""

from wasl.accounts.models import ApiToken, Membership, Role, User
from wasl.audit.models import AuditEvent, PlatformAuditEvent
from wasl.tenancy.models import Tenant

__all__ = ["ApiToken", "AuditEvent", "Membership", "PlatformAuditEvent", "Role", "Tenant", "User"]
