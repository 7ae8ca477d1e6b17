"""Where a new draft's content comes from: the association's own published policy, the standard
NCNP model (``tenants/_standard/policy.yaml``), or another association's policy that it shares.

Copying is the one deliberate read across associations. It runs in an
explicit all-tenants scope and selects only published versions their
association marked shareable, so nothing else can come back from it.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from marshmallow import ValidationError
from sqlalchemy import select

from wasl.db import db
from wasl.policy.content import load_policy_file, validate_content
from wasl.policy.errors import WrongStatus
from wasl.policy.models import PolicySource, PolicyStatus, PolicyVersion
from wasl.tenancy.models import Tenant
from wasl.tenancy.scope import tenant_scope

STANDARD_FOLDER = "_standard"
SOURCES = ("published", "template", "copy")


@dataclass(frozen=True)
class CopyablePolicy:
    """A published policy another association may start from: enough to choose it, no more."""

    slug: str
    name: dict
    number: int
    title: dict
    published_at: datetime | None


@dataclass(frozen=True)
class StartingPoint:
    content: dict
    source: PolicySource
    copied_from_tenant_id: int | None = None
    copied_from_number: int | None = None


def standard_template() -> dict:
    """The standard model's content, validated like any association's file."""
    path = Path(current_app.config["WASL_TENANTS_DIR"]) / STANDARD_FOLDER / "policy.yaml"
    return load_policy_file(path).content


def _shared_versions(*criteria):
    """Published, shareable versions of any association matching ``criteria``, with their association."""
    statement = (
        select(PolicyVersion.number, PolicyVersion.content, PolicyVersion.published_at, PolicyVersion.tenant_id,
               Tenant.slug, Tenant.name_ar, Tenant.name_en)
        .join(Tenant, Tenant.id == PolicyVersion.tenant_id)
        .where(PolicyVersion.status == PolicyStatus.PUBLISHED, PolicyVersion.shareable.is_(True), *criteria)
        .order_by(Tenant.name_ar)
    )
    with tenant_scope(db.session, all_tenants=True):
        return db.session.execute(statement).all()


def copyable_policies(tenant: Tenant) -> list[CopyablePolicy]:
    """Other associations' published policies that they allow others to copy."""
    rows = _shared_versions(PolicyVersion.tenant_id != tenant.id)
    return [CopyablePolicy(slug=r.slug, name={"ar": r.name_ar, "en": r.name_en}, number=r.number,
                           title=r.content.get("title") or {}, published_at=r.published_at) for r in rows]


def _for_a_new_draft(content: dict) -> dict:
    """A copy without the source's board approval (the new draft is not approved) and without stored
    files, which belong to the association that uploaded them."""
    content = copy.deepcopy(content)
    content.pop("approval", None)
    for reference in (content.get("references") or {}).get("items") or []:
        reference.pop("file", None)
    return validate_content(content)


def _own_published(tenant: Tenant) -> StartingPoint:
    version = db.session.scalar(select(PolicyVersion).where(
        PolicyVersion.tenant_id == tenant.id, PolicyVersion.status == PolicyStatus.PUBLISHED))
    if version is None:
        raise WrongStatus(_("There is no published policy to start from yet; start from the standard template."))
    return StartingPoint(_for_a_new_draft(version.content), PolicySource.EDITOR)


def _shared(tenant: Tenant, slug: str | None) -> StartingPoint:
    if not slug:
        raise ValidationError({"copy_from": [_("Choose the association whose policy to copy.")]})
    if slug == tenant.slug:
        raise ValidationError({"copy_from": [_("Choose another association; to start from your own policy, "
                                               "start from the published version.")]})
    rows = _shared_versions(Tenant.slug == slug)
    if not rows:
        raise ValidationError({"copy_from": [_("This association does not share a published policy.")]})
    row = rows[0]
    return StartingPoint(_for_a_new_draft(row.content), PolicySource.COPY, row.tenant_id, row.number)


def starting_point(tenant: Tenant, source: str, copy_from_slug: str | None = None) -> StartingPoint:
    """The content a new draft of ``tenant`` starts with, by ``source`` (published, template or copy)."""
    if source == "published":
        return _own_published(tenant)
    if source == "template":
        return StartingPoint(_for_a_new_draft(standard_template()), PolicySource.TEMPLATE)
    if source == "copy":
        return _shared(tenant, copy_from_slug)
    raise ValidationError({"source": [_("Start from “published”, “template” or “copy”.")]})
