"""The operator side's one door: what its pages and API read and do, each behind one function.

Nothing here commits: a request's writes are committed by the unit of work once it answers
(``wasl.unit_of_work``); exports are handed to the workers after that commit (``wasl.jobs``).
An association or export that does not exist is ``NotFound``; a lifecycle change that does not apply
is ``lifecycle.LifecycleError`` (409).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wasl.administration import invitations, letterhead
from wasl.administration.audit_log import AuditFilter, page_of, platform_events, tenant_events
from wasl.administration.roles import role_by_key
from wasl.archive import exports, tasks
from wasl.archive.downloads import archive_file
from wasl.archive.models import DataExport
from wasl.db import db
from wasl.errors import found
from wasl.operator import lifecycle, policy_start, twofactor
from wasl.operator.onboarding import (
    OnboardingRequest,
    OnboardingResult,
    onboard_association,
    request_from_payload,
)
from wasl.operator.usage import Usage, search_statement, usage_of
from wasl.tenancy.models import Tenant
from wasl.tenancy.scope import tenant_scope

__all__ = [
    "AssociationPage", "Listing", "archive", "association", "association_page", "check_logo",
    "check_policy_upload", "copyable_policies", "export", "exports_of",
    "invite_admin", "list_associations", "onboard", "platform_audit", "platform_audit_rows", "reactivate",
    "begin_enrolment", "confirm_enrolment", "enrolment_display", "is_enrolled", "remaining_recovery_codes",
    "request_export", "request_from_payload", "suspend", "verify_second_factor",
]


# --- associations -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Listing:
    """One page of associations found by the console's search, with each one's usage."""

    pagination: object
    usage: dict[int, Usage]


@dataclass(frozen=True)
class AssociationPage:
    """What the operator sees of one association: usage, latest events, open invitations, exports."""

    tenant: Tenant
    usage: Usage
    events: list
    pending: list
    exports: list[DataExport]


def list_associations(q: str, status: str | None, page: int, per_page: int) -> Listing:
    pagination = db.paginate(search_statement(q, status), page=page, per_page=per_page, error_out=False)
    return Listing(pagination=pagination, usage=usage_of([t.id for t in pagination.items]))


def association(slug: str) -> Tenant:
    """The association at ``slug``; ``NotFound`` otherwise."""
    return found(lifecycle.association_by_slug(slug))


def association_page(slug: str) -> AssociationPage:
    tenant = association(slug)
    with tenant_scope(db.session, tenant.id):
        events, _more = page_of(tenant_events(AuditFilter()), 1, 15)
        pending = invitations.open_invitations(tenant)
    return AssociationPage(tenant=tenant, usage=usage_of([tenant.id])[tenant.id], events=events,
                           pending=pending, exports=exports.exports_of(tenant))


def suspend(tenant: Tenant, reason: str) -> Tenant:
    """Suspend the association; ``LifecycleError`` (before any write) when it already is."""
    lifecycle.suspend(tenant, reason)
    return tenant


def reactivate(tenant: Tenant, reason: str) -> Tenant:
    """Reactivate the association; ``LifecycleError`` (before any write) when it is active."""
    lifecycle.reactivate(tenant, reason)
    return tenant


def invite_admin(tenant: Tenant, email: str, invited_by):
    """Invite ``email`` as the association's admin; ``InvitationError`` leaves nothing written."""
    with db.session.begin_nested(), tenant_scope(db.session, tenant.id):
        return invitations.invite(tenant, email, role_by_key("admin"), invited_by=invited_by)


def copyable_policies() -> list[dict]:
    """Published policies a new association may start from: ``[{"slug", "name"}]``."""
    return policy_start.copyable()


def check_logo(data: bytes) -> None:
    """Refuse a logo the letterhead cannot use (``LogoError``), before it is parked for the wizard."""
    letterhead.check_logo(data)


def check_policy_upload(text: bytes) -> None:
    """Refuse an uploaded policy.yaml that is too large or not a mapping (``ValidationError`` on ``policy``)."""
    policy_start.parse_upload(text)


def onboard(req: OnboardingRequest, actor, via: str) -> OnboardingResult:
    """Create a new association (all or nothing; ``ValidationError`` with field paths otherwise)."""
    return onboard_association(req, actor=actor, via=via)


# --- exports ----------------------------------------------------------------------------------------------


def exports_of(tenant: Tenant) -> list[DataExport]:
    """The association's latest exports; those still waiting are handed to Redis if it answers now."""
    found_exports = exports.exports_of(tenant)
    tasks.ensure_enqueued(found_exports)
    return found_exports


def request_export(tenant: Tenant, actor) -> DataExport:
    """Ask for an export; its job is enqueued once the request's transaction commits, never run here."""
    return exports.request_export(tenant, actor)


def export(tenant: Tenant, export_id: int) -> DataExport:
    """One export of the association (``NotFound`` otherwise), handed to Redis if it still waits."""
    found_export = found(exports.export_of(tenant, export_id))
    tasks.ensure_enqueued([found_export])
    return found_export


def archive(tenant: Tenant, export_id: int) -> tuple[Path, str]:
    """The finished archive's path and download name; ``NotFound`` unless it is done and on disk."""
    return archive_file(tenant, export_id)


# --- the second factor -----------------------------------------------------------------------------------

is_enrolled = twofactor.is_enrolled
begin_enrolment = twofactor.begin_enrolment
remaining_recovery_codes = twofactor.remaining_recovery_codes


def enrolment_display(actor, credential) -> dict:
    """What the enrolment page shows: the otpauth URI, its QR code and the secret to type in by hand."""
    uri = twofactor.provisioning_uri(actor, credential)
    return {"uri": uri, "qr": twofactor.qr_data_uri(uri), "secret": twofactor.secret_of(credential)}


def confirm_enrolment(actor, code: str) -> list[str]:
    """Confirm the authenticator app and mark this session as passed; the new recovery codes, shown once.

    ``SecondFactorError`` when the code is refused (its audit event is written all the same)."""
    codes = twofactor.confirm_enrolment(actor, code)
    twofactor.mark_session(actor)
    return codes


def verify_second_factor(actor, code: str) -> str:
    """Check a code and mark this session as passed; which kind of code it was (``totp``/``recovery``)."""
    kind = twofactor.verify(actor, code)
    twofactor.mark_session(actor)
    return kind


# --- the platform's audit log -----------------------------------------------------------------------------


def platform_audit(criteria: AuditFilter, page: int) -> tuple[list, bool]:
    """One page of the platform-level events and whether there is a next one."""
    return page_of(platform_events(criteria), page)


def platform_audit_rows(criteria: AuditFilter):
    """The platform-level events as CSV text, a chunk at a time."""
    from wasl.administration.audit_log import csv_rows

    return csv_rows(platform_events(criteria))
