"""The policy's one door: writes and reads of policy versions, one function behind each page and API route.

Each write checks the version's state first (so a refused write changes
nothing), records an audit event in the same transaction, and leaves the
commit to the request's unit of work (or to the command that called it).
A version that is not there is ``VersionNotFound``; a state that does not
allow the write is a ``PolicyConflict`` (409).
"""

from __future__ import annotations

import copy

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm.exc import StaleDataError

from wasl.audit.services import record
from wasl.db import db, utcnow
from wasl.documents.services import open_document, store_upload
from wasl.events import emit
from wasl.policy import diff, pdf
from wasl.policy.approval import resolve_board_date
from wasl.policy.content import content_digest, name_mentions, validate_content
from wasl.policy.errors import (
    DraftExists,
    ImmutableVersion,
    NoSuchReferenceFile,
    NotPublished,
    StaleDraft,
    VersionNotFound,
    WrongStatus,
)
from wasl.policy.models import OPEN_STATUSES, PolicySource, PolicyStatus, PolicyVersion
from wasl.policy.rendering import document_for, render_document, tenant_role_names
from wasl.policy.templates_source import copyable_policies, starting_point
from wasl.policy.vocabulary import SECTION_KEYS
from wasl.reads import remembered
from wasl.tenancy.models import Tenant
from wasl.tenancy.scope import current_scope

REFERENCE_FILE_PREFIX = "document-"
REFERENCE_DOCUMENT_KIND = "policy_reference"


def _actor_id(actor) -> int | None:
    return actor.id if actor is not None else None


def _tenant_in_scope() -> Tenant:
    scope = current_scope(db.session)
    tenant_id = scope.write_tenant_id if scope else None
    if tenant_id is None:
        raise RuntimeError("start_draft needs exactly one association in scope")
    return db.session.get(Tenant, tenant_id)


# --- queries -------------------------------------------------------------------------------------------------

def published_version(tenant: Tenant) -> PolicyVersion | None:
    """The version the association has published, if any."""
    return remembered(("published_policy", tenant.id), lambda: db.session.scalar(select(PolicyVersion).where(
        PolicyVersion.tenant_id == tenant.id, PolicyVersion.status == PolicyStatus.PUBLISHED)))


def versions_query(tenant: Tenant):
    """Every version of the association, newest first (a statement, for pagination)."""
    return select(PolicyVersion).where(PolicyVersion.tenant_id == tenant.id).order_by(PolicyVersion.number.desc())


def list_versions(tenant: Tenant) -> list[PolicyVersion]:
    """Every version of the association, newest first."""
    return list(db.session.scalars(versions_query(tenant)))


def get_version(version_id: int) -> PolicyVersion:
    """A version of the association in scope; 404 for any other id."""
    version = db.session.scalar(select(PolicyVersion).where(PolicyVersion.id == version_id))
    if version is None:
        raise VersionNotFound(_("There is no policy version {id} here.").format(id=version_id))
    return version


def published_policy(tenant: Tenant) -> PolicyVersion:
    """The version the association has published; ``NotPublished`` (404) before it has."""
    version = published_version(tenant)
    if version is None:
        raise NotPublished(_("This association has not published its policy yet."))
    return version


def copyable(tenant: Tenant):
    """Other associations' published policies that ``tenant`` may copy into a new draft."""
    return copyable_policies(tenant)


def check_policy_file(path, names=()):
    """Read and validate a policy.yaml; ``DefinitionError`` naming the file, field path and reason."""
    from wasl.policy.content import load_policy_file

    return load_policy_file(path, names=names)


def import_policy_file(tenant: Tenant, folder):
    """Import ``folder/policy.yaml`` into ``tenant`` (which must be in scope); what became of it."""
    from wasl.policy.importing import import_policy_folder  # it builds on this module

    return import_policy_folder(tenant, folder)


def document(tenant: Tenant, version: PolicyVersion, language: str):
    """The version laid out as the policy document, in ``language``."""
    return document_for(tenant, version, language)


def preview_document(tenant: Tenant, content: dict, version: PolicyVersion, language: str):
    """The document ``version`` would be with ``content`` (the editor's live preview of unsaved input)."""
    return render_document(tenant, content, version, language, tenant_role_names(tenant))


def role_names(tenant: Tenant) -> dict[str, dict[str, str]]:
    """The association's own names for the standard roles a procedure step may name."""
    return tenant_role_names(tenant)


def published_pdf(tenant: Tenant, language: str):
    """The published policy's PDF in ``language`` and its download name; ``NotPublished`` before it is."""
    version = published_policy(tenant)
    path = pdf.cached_pdf(tenant, version, document_for(tenant, version, language))
    return path, pdf.download_name(tenant, version, language)


def reference_file(version: PolicyVersion, document_id: int):
    """The stored file a reference of ``version`` points to; ``NoSuchReferenceFile`` for any other."""
    files = {item.get("file") for item in (version.content.get("references") or {}).get("items") or []}
    if f"{REFERENCE_FILE_PREFIX}{document_id}" not in files:
        raise NoSuchReferenceFile(_("This version has no such reference file."))
    return open_document(document_id)


def store_reference_file(upload, actor, label: str):
    """Store a PDF chosen for a reference (``UploadRefused`` otherwise); the file is kept only if the
    transaction commits."""
    return store_upload(upload, kind=REFERENCE_DOCUMENT_KIND, actor=actor, label=label)


def current_draft(tenant: Tenant) -> PolicyVersion | None:
    """The version being prepared: a draft, or an approved version awaiting publication (at most one)."""
    return db.session.scalar(select(PolicyVersion).where(
        PolicyVersion.tenant_id == tenant.id, PolicyVersion.status.in_(OPEN_STATUSES)))


def diff_versions(a: PolicyVersion, b: PolicyVersion, language: str | None = None) -> list[diff.SectionDiff]:
    """What changed from ``a`` to ``b``, section by section, in words."""
    return diff.diff_versions(a, b, language)


# --- creating ------------------------------------------------------------------------------------------------

def next_number(tenant: Tenant) -> int:
    highest = db.session.scalar(select(func.max(PolicyVersion.number)).where(PolicyVersion.tenant_id == tenant.id))
    return (highest or 0) + 1


def new_version(tenant: Tenant, content: dict, source: PolicySource, actor=None, **columns) -> PolicyVersion:
    """Add the next numbered version of ``tenant`` with already validated ``content``."""
    version = PolicyVersion(tenant_id=tenant.id, number=next_number(tenant), source=source, content=content,
                            content_hash=content_digest(content), created_by_id=_actor_id(actor), **columns)
    db.session.add(version)
    db.session.flush()
    return version


def start_draft(actor, source: str = "published", copy_from_slug: str | None = None,
                tenant: Tenant | None = None) -> PolicyVersion:
    """A new draft from the published version, the standard template or a shared policy (409 if one is open)."""
    tenant = tenant or _tenant_in_scope()
    existing = current_draft(tenant)
    if existing is not None:
        raise DraftExists(_("Version {number} is already being prepared; continue with it or discard it first.")
                          .format(number=existing.number))
    start = starting_point(tenant, source, copy_from_slug)
    version = new_version(tenant, start.content, start.source, actor, copied_from_tenant_id=start.copied_from_tenant_id,
                          copied_from_number=start.copied_from_number)
    record("policy.draft_started", version, number=version.number, source=start.source.value,
           copied_from_number=start.copied_from_number, copied_from_tenant_id=start.copied_from_tenant_id)
    return version


# --- editing -------------------------------------------------------------------------------------------------

# One whole sentence per status: a status word dropped into a shared sentence cannot agree in Arabic.
_NOT_EDITABLE = {
    PolicyStatus.APPROVED: _l("Version {number} is approved and can no longer be edited; start a new draft."),
    PolicyStatus.PUBLISHED: _l("Version {number} is published and can no longer be edited; start a new draft."),
    PolicyStatus.SUPERSEDED: _l("Version {number} is superseded and can no longer be edited; start a new draft."),
}
_NOT_PUBLISHABLE = {
    PolicyStatus.DRAFT: _l("Only an approved version can be published; version {number} is still a draft."),
    PolicyStatus.PUBLISHED: _l("Only an approved version can be published; version {number} is already published."),
    PolicyStatus.SUPERSEDED: _l("Only an approved version can be published; version {number} is superseded."),
}


def _require_draft(version: PolicyVersion) -> None:
    if version.status != PolicyStatus.DRAFT:
        raise ImmutableVersion(_NOT_EDITABLE[version.status].format(number=version.number))


def _check_lock(version: PolicyVersion, expected_lock) -> None:
    if expected_lock is not None and expected_lock != version.lock_version:
        raise StaleDraft(_("Someone else saved version {number} after you opened it (it is now at revision "
                           "{current}, you had {expected}). Reload it and make your change again.")
                         .format(number=version.number, current=version.lock_version, expected=expected_lock))


def _lock_for_writing(version: PolicyVersion, expected_lock) -> None:
    """Re-read the row under a lock (PostgreSQL), then refuse unless it is a draft at ``expected_lock``."""
    db.session.refresh(version, with_for_update=True)
    _require_draft(version)
    _check_lock(version, expected_lock)


def with_section(content: dict, section: str, data) -> dict:
    """``content`` with ``section`` replaced by ``data`` (None removes an optional section)."""
    keys = SECTION_KEYS.get(section)
    if keys is None:
        raise ValidationError({"section": [_("Unknown section; use one of: {sections}.").format(
            sections=", ".join(SECTION_KEYS))]})
    result = copy.deepcopy(content)
    if section != "texts":
        data = {keys[0]: data}
    if not isinstance(data, dict):
        raise ValidationError({"data": [_("Send the texts as an object keyed by {keys}.").format(keys=", ".join(keys))]})
    unknown = sorted(set(data) - set(keys))
    if unknown:
        raise ValidationError({key: [_("This field does not belong to the section.")] for key in unknown})
    for key, value in data.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = value
    return result


def _validated(tenant: Tenant, content: dict, section: str) -> dict:
    validate_content(content, only=SECTION_KEYS[section])
    content = validate_content(content)
    mentions = name_mentions(content, (tenant.name_ar, tenant.name_en))
    if mentions:
        raise ValidationError(mentions)
    return content


def _flush(number: int) -> None:
    """Flush; a concurrent write to the same version (lock_version moved on) becomes a 409.

    The failed flush leaves the transaction to be rolled back: by the request's unit of work, or by the
    savepoint a page that answers the refusal with a redirect runs the write in."""
    try:
        db.session.flush()
    except StaleDataError:
        raise StaleDraft(_("Someone else changed version {number} at the same moment. Reload it and try again.")
                         .format(number=number)) from None


def update_draft(version: PolicyVersion, section: str, data, expected_lock: int, actor) -> PolicyVersion:
    """Replace one section of a draft; ValidationError (field paths), StaleDraft or ImmutableVersion (409)."""
    if expected_lock is None:
        raise ValidationError({"lock_version": [_("Send the lock_version of the draft you edited.")]})
    _lock_for_writing(version, expected_lock)
    content = _validated(version.tenant, with_section(version.content, section, data), section)
    digest = content_digest(content)
    if digest == version.content_hash:
        return version
    version.content, version.content_hash = content, digest
    version.updated_by_id, version.updated_at = _actor_id(actor), utcnow()
    _flush(version.number)
    record("policy.draft_updated", version, number=version.number, section=section, lock_version=version.lock_version)
    return version


# --- approving and publishing --------------------------------------------------------------------------------

def _meeting(meeting_number) -> str:
    text = str(meeting_number or "").strip()
    if not text or len(text) > 32:
        raise ValidationError({"meeting_number": [_("Enter the number of the board meeting (at most 32 characters).")]})
    return text


def approve(version: PolicyVersion, meeting_number, date_hijri=None, date_gregorian=None, actor=None,
            supersedes_previous: bool = True, expected_lock: int | None = None) -> PolicyVersion:
    """Record the board's approval of a draft: meeting and date (one calendar, or both when they agree)."""
    _lock_for_writing(version, expected_lock)
    meeting = _meeting(meeting_number)
    day = resolve_board_date(date_hijri, date_gregorian)
    approval = {"meeting_number": meeting, "date_hijri": day.hijri, "date_gregorian": day.gregorian.isoformat(),
                "supersedes_previous": bool(supersedes_previous)}
    content = validate_content(dict(version.content, approval=approval))
    version.content, version.content_hash = content, content_digest(content)
    version.status = PolicyStatus.APPROVED
    version.approved_by_id, version.approved_at = _actor_id(actor), utcnow()
    version.approval_meeting_number, version.approved_on, version.approved_on_hijri = meeting, day.gregorian, day.hijri
    _flush(version.number)
    record("policy.approved", version, number=version.number, meeting_number=meeting,
           approved_on=day.gregorian.isoformat(), approved_on_hijri=day.hijri)
    return version


def _supersede(previous: PolicyVersion, successor_number: int, now) -> None:
    previous.status = PolicyStatus.SUPERSEDED
    previous.superseded_at = now
    _flush(previous.number)  # before the successor takes the association's one "published" place
    record("policy.superseded", previous, number=previous.number, superseded_by=successor_number)


def publish(version: PolicyVersion, actor=None) -> PolicyVersion:
    """Publish an approved version; the previously published one is superseded in the same transaction."""
    db.session.refresh(version, with_for_update=True)
    if version.status != PolicyStatus.APPROVED:
        raise WrongStatus(_NOT_PUBLISHABLE[version.status].format(number=version.number))
    now = utcnow()
    previous = published_version(version.tenant)
    if previous is not None:
        _supersede(previous, version.number, now)
    version.status = PolicyStatus.PUBLISHED
    version.published_by_id, version.published_at = _actor_id(actor), now
    _flush(version.number)
    record("policy.published", version, number=version.number,
           superseded_number=previous.number if previous is not None else None)
    announce(version)
    return version


def announce(version: PolicyVersion) -> None:
    """Tell the other features a version was published (notifications tell the association's beneficiaries)."""
    emit("policy.published", tenant_id=version.tenant_id, policy_version_id=version.id, number=version.number)


def set_shareable(version: PolicyVersion, shareable: bool, actor=None) -> PolicyVersion:
    """Allow (or stop allowing) other associations to start from this version once it is published."""
    if version.status == PolicyStatus.SUPERSEDED:
        raise ImmutableVersion(_("Version {number} was superseded; only the current policy can be shared.")
                               .format(number=version.number))
    if version.shareable != bool(shareable):
        version.shareable = bool(shareable)
        _flush(version.number)
        record("policy.shareable_changed", version, number=version.number, shareable=version.shareable)
    return version


def discard_draft(version: PolicyVersion, actor=None) -> None:
    """Throw away the version being prepared (a draft, or approved but never published)."""
    if not version.is_open:
        raise ImmutableVersion(_("Version {number} was published and is kept for ever.").format(number=version.number))
    record("policy.draft_discarded", version, number=version.number, status=version.status.value,
           content_hash=version.content_hash)
    number = version.number
    db.session.delete(version)
    _flush(number)
