"""Importing an association's policy from ``tenants/<slug>/policy.yaml`` (run by ``tenants onboard``).

- The first import becomes version 1, published: it is the association's
  current, board-approved document.
- Importing content equal to the published version (or to the version being
  prepared) changes nothing.
- Changed content becomes a new draft; the published version is never
  touched. A draft the import made and nobody has edited since is replaced by
  the newer file; a draft someone edited, or an approved version, is never
  overwritten: the import is refused until it is published or discarded.
- A printed approval pair that disagrees (Hope: 1445-04-06 "= 2024-10-21") is
  imported with the Hijri date and the Gregorian date derived from it, the
  printed date kept as ``approval.printed_gregorian``, and the correction
  recorded as the audit event ``policy.approval_date_corrected`` (rule and
  reasons in ``approval.reconcile_printed_pair``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from flask_babel import gettext as _

from wasl.audit.services import record
from wasl.db import utcnow
from wasl.onboarding.definitions import DefinitionError
from wasl.policy import services
from wasl.policy.content import LoadedPolicy, content_digest, load_policy_file
from wasl.policy.models import PolicySource, PolicyStatus, PolicyVersion
from wasl.tenancy.models import Tenant

POLICY_FILE = "policy.yaml"

_DESCRIPTIONS = {
    "absent": "no policy.yaml; no policy imported",
    "published": "policy imported and published as version {number}",
    "unchanged": "policy unchanged (version {number})",
    "draft_created": "policy.yaml differs from the published policy: saved as draft version {number}",
    "draft_replaced": "policy.yaml changed again: draft version {number} replaced",
}


@dataclass(frozen=True)
class PolicyImport:
    """What importing a folder's policy did: ``outcome`` is one of the keys of ``_DESCRIPTIONS``."""

    outcome: str
    version: PolicyVersion | None = None
    correction: dict | None = None
    number: int | None = None  # kept apart from ``version``, which expires when the caller commits

    @classmethod
    def of(cls, outcome: str, version: PolicyVersion | None = None, correction: dict | None = None):
        return cls(outcome, version, correction, version.number if version is not None else None)

    @property
    def changed(self) -> bool:
        return self.outcome in ("published", "draft_created", "draft_replaced")

    def describe(self) -> str:
        """One line for the command line."""
        line = _DESCRIPTIONS[self.outcome].format(number=self.number)
        if self.correction and self.changed:
            line += (f"; approval date corrected: {self.correction['date_hijri']} AH is "
                     f"{self.correction['derived_gregorian']}, not {self.correction['printed_gregorian']}")
        return line


def import_policy_folder(tenant: Tenant, folder: Path) -> PolicyImport:
    """Import ``folder/policy.yaml`` into ``tenant`` (which must be in scope); idempotent."""
    path = Path(folder) / POLICY_FILE
    if not path.is_file():
        return PolicyImport.of("absent")
    loaded = load_policy_file(path, names=(tenant.name_ar, tenant.name_en))
    digest = content_digest(loaded.content)
    published = services.published_version(tenant)
    preparing = services.current_draft(tenant)
    if published is None and preparing is None:
        return _publish_first(tenant, loaded)
    for existing in (published, preparing):
        if existing is not None and existing.content_hash == digest:
            return PolicyImport.of("unchanged", existing)
    if preparing is None:
        return _new_draft(tenant, loaded)
    if _untouched_import(preparing):
        return _replace_draft(preparing, loaded)
    raise DefinitionError(path, [_("Version {number} is being prepared in the editor; publish or discard it "
                                   "before importing a changed policy file.").format(number=preparing.number)])


def _approval_columns(content: dict) -> dict:
    approval = content.get("approval")
    if not approval:
        return {}
    return {"approval_meeting_number": approval["meeting_number"],
            "approved_on": date.fromisoformat(approval["date_gregorian"]),
            "approved_on_hijri": approval["date_hijri"]}


def _publish_first(tenant: Tenant, loaded: LoadedPolicy) -> PolicyImport:
    version = services.new_version(tenant, loaded.content, PolicySource.IMPORT, status=PolicyStatus.PUBLISHED,
                                   published_at=utcnow(), **_approval_columns(loaded.content))
    record("policy.imported", version, number=version.number, status=version.status.value, file=loaded.path.name)
    if loaded.correction is not None:
        record("policy.approval_date_corrected", version, number=version.number, **loaded.correction)
    services.announce(version)
    return PolicyImport.of("published", version, loaded.correction)


def _new_draft(tenant: Tenant, loaded: LoadedPolicy) -> PolicyImport:
    version = services.new_version(tenant, loaded.content, PolicySource.IMPORT)
    record("policy.imported", version, number=version.number, status=version.status.value, file=loaded.path.name)
    return PolicyImport.of("draft_created", version, loaded.correction)


def _untouched_import(version: PolicyVersion) -> bool:
    """A draft this import made that no one has edited (the editor always stamps ``updated_at``)."""
    return version.status == PolicyStatus.DRAFT and version.source == PolicySource.IMPORT and version.updated_at is None


def _replace_draft(version: PolicyVersion, loaded: LoadedPolicy) -> PolicyImport:
    version.content, version.content_hash = loaded.content, content_digest(loaded.content)
    record("policy.imported", version, number=version.number, status=version.status.value, file=loaded.path.name,
           replaced_draft=True)
    return PolicyImport.of("draft_replaced", version, loaded.correction)
