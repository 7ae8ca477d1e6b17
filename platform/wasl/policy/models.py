"""A version of an association's policy: draft → approved → published → superseded.

Only a draft's content may change. That is checked by the services, again by
a mapper hook here (so no code path, however written, can edit an approved,
published or superseded version through the ORM), and once more by a
database trigger (see the migration) for raw SQL.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    event,
    inspect,
    select,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wasl.accounts.models import User
from wasl.db import BigId, UtcDateTime, db, utcnow
from wasl.policy.errors import ImmutableVersion
from wasl.tenancy.mixins import TenantOwned, tenant_key
from wasl.tenancy.models import Tenant


class PolicyStatus(enum.StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"
    PUBLISHED = "published"
    SUPERSEDED = "superseded"


class PolicySource(enum.StrEnum):
    IMPORT = "import"  # the association's own document, from tenants/<slug>/policy.yaml
    TEMPLATE = "template"  # the standard NCNP model
    COPY = "copy"  # another association's shared policy
    EDITOR = "editor"  # a new draft of the association's own published policy


def _enum(cls) -> Enum:
    return Enum(cls, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e])


OPEN_STATUSES = ("draft", "approved")


class PolicyVersion(TenantOwned, db.Model):
    """One numbered version of the policy; the content is the policy.yaml format (see ``content``)."""

    __tablename__ = "policy_version"
    __table_args__ = (
        tenant_key(),
        UniqueConstraint("tenant_id", "number"),
        # At most one published version, and one being prepared, per association.
        Index("uq_policy_version_one_published", "tenant_id", unique=True,
              sqlite_where=text("status = 'published'"), postgresql_where=text("status = 'published'")),
        Index("uq_policy_version_one_open", "tenant_id", unique=True,
              sqlite_where=text("status IN ('draft', 'approved')"),
              postgresql_where=text("status IN ('draft', 'approved')")),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    number: Mapped[int] = mapped_column(Integer)
    status: Mapped[PolicyStatus] = mapped_column(_enum(PolicyStatus), default=PolicyStatus.DRAFT)
    source: Mapped[PolicySource] = mapped_column(_enum(PolicySource))
    content: Mapped[dict] = mapped_column(JSON)
    content_hash: Mapped[str] = mapped_column(String(64))
    lock_version: Mapped[int] = mapped_column(Integer)
    shareable: Mapped[bool] = mapped_column(Boolean, default=False)
    copied_from_tenant_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("tenant.id"))
    copied_from_number: Mapped[int | None] = mapped_column(Integer)

    created_by_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("user_account.id"))
    updated_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    approved_by_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("user_account.id"))
    approved_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    approval_meeting_number: Mapped[str | None] = mapped_column(String(32))
    approved_on: Mapped[date | None] = mapped_column(Date)
    approved_on_hijri: Mapped[str | None] = mapped_column(String(10))
    published_by_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("user_account.id"))
    published_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    superseded_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    tenant: Mapped[Tenant] = relationship(foreign_keys="PolicyVersion.tenant_id")
    copied_from_tenant: Mapped[Tenant | None] = relationship(foreign_keys=[copied_from_tenant_id])
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])
    approved_by: Mapped[User | None] = relationship(foreign_keys=[approved_by_id])
    published_by: Mapped[User | None] = relationship(foreign_keys=[published_by_id])

    # The ORM adds "AND lock_version = <loaded>" to every UPDATE and bumps it, so a write based on a
    # stale read fails instead of silently overwriting a concurrent one.
    __mapper_args__ = {"version_id_col": lock_version}

    @property
    def is_draft(self) -> bool:
        return self.status == PolicyStatus.DRAFT

    @property
    def is_open(self) -> bool:
        """Being prepared: a draft, or approved and awaiting publication."""
        return self.status in (PolicyStatus.DRAFT, PolicyStatus.APPROVED)

    @property
    def title(self) -> dict:
        return (self.content or {}).get("title") or {}

    @property
    def approval(self) -> dict | None:
        return (self.content or {}).get("approval")

    @property
    def supersedes_previous(self) -> bool:
        return bool((self.approval or {}).get("supersedes_previous", False))

    def __repr__(self) -> str:
        return f"<PolicyVersion tenant={self.tenant_id} #{self.number} {self.status}>"


# Columns that no longer change once a version leaves the draft status / once it is published.
FROZEN_AFTER_DRAFT = ("tenant_id", "number", "source", "content", "content_hash", "created_by_id", "created_at",
                      "copied_from_tenant_id", "copied_from_number")
FROZEN_AFTER_PUBLISHING = FROZEN_AFTER_DRAFT + (
    "approved_by_id", "approved_at", "approval_meeting_number", "approved_on", "approved_on_hijri",
    "published_by_id", "published_at")
TRANSITIONS = {
    (PolicyStatus.DRAFT, PolicyStatus.APPROVED),
    (PolicyStatus.APPROVED, PolicyStatus.PUBLISHED),
    (PolicyStatus.PUBLISHED, PolicyStatus.SUPERSEDED),
}


def _stored_status(connection, target: PolicyVersion) -> PolicyStatus:
    """The status as the database has it (the status before this flush)."""
    history = inspect(target).attrs.status.history
    if history.deleted:
        return PolicyStatus(history.deleted[0])
    if not history.added:
        return PolicyStatus(target.status)
    table = PolicyVersion.__table__
    return PolicyStatus(connection.scalar(select(table.c.status).where(table.c.id == target.id)))


def _frozen_columns(status: PolicyStatus) -> tuple[str, ...]:
    if status == PolicyStatus.DRAFT:
        return ()
    if status == PolicyStatus.APPROVED:
        return FROZEN_AFTER_DRAFT
    if status == PolicyStatus.PUBLISHED:
        return FROZEN_AFTER_PUBLISHING
    return (*FROZEN_AFTER_PUBLISHING, "superseded_at", "shareable")


def refuse_frozen_changes(mapper, connection, target: PolicyVersion) -> None:
    """Mapper hook: no UPDATE may rewrite a non-draft version or move its status anywhere but forward."""
    before = _stored_status(connection, target)
    after = PolicyStatus(target.status)
    state = inspect(target)
    moved_back = before != after and (before, after) not in TRANSITIONS
    if moved_back or any(state.attrs[name].history.has_changes() for name in _frozen_columns(before)):
        raise ImmutableVersion(_("Version {number} of the policy is no longer a draft and cannot be changed.")
                               .format(number=target.number))


def refuse_deleting_history(mapper, connection, target: PolicyVersion) -> None:
    if _stored_status(connection, target) in (PolicyStatus.PUBLISHED, PolicyStatus.SUPERSEDED):
        raise ImmutableVersion(_("Version {number} of the policy was published and is kept for ever.")
                               .format(number=target.number))


# Mapper hooks belong to the class itself (like its columns), not to an app: they are attached with it.
event.listen(PolicyVersion, "before_update", refuse_frozen_changes)
event.listen(PolicyVersion, "before_delete", refuse_deleting_history)
