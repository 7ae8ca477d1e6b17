"""Reading an association's folder (``tenants/<slug>/``) and onboarding it, idempotently."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import yaml
from marshmallow import ValidationError
from sqlalchemy import select

from wasl.accounts.models import Role
from wasl.accounts.permissions import ROLE_TEMPLATES
from wasl.audit.services import record
from wasl.db import db
from wasl.onboarding.schemas import TenantDefinitionSchema
from wasl.tenancy.models import Tenant
from wasl.tenancy.scope import tenant_scope

DEFAULT_TERMINOLOGY = {
    "beneficiary": {"ar": "المستفيد", "en": "beneficiary"},
    "beneficiaries": {"ar": "المستفيدين", "en": "beneficiaries"},
}


class DefinitionError(ValueError):
    """A definition file that cannot be used: names the file, the field path and the reason."""

    def __init__(self, path: Path, problems: list[str]):
        self.path = path
        self.problems = problems
        super().__init__("\n".join(f"{path}: {p}" for p in problems))


def flatten_errors(messages, prefix: str = "") -> list[str]:
    """``{"contacts": {"phone": ["Not valid."]}}`` -> ``["contacts.phone: Not valid."]``."""
    if isinstance(messages, dict):
        out = []
        for key, value in messages.items():
            out.extend(flatten_errors(value, _child_path(prefix, key)))
        return out
    if isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        return [f"{prefix or '(file)'}: {' '.join(messages)}"]
    if isinstance(messages, list):
        out = []
        for index, value in enumerate(messages):
            out.extend(flatten_errors(value, f"{prefix}[{index}]"))
        return out
    return [f"{prefix or '(file)'}: {messages}"]


def _child_path(prefix: str, key) -> str:
    if isinstance(key, int):
        return f"{prefix}[{key}]"
    return f"{prefix}.{key}" if prefix else str(key)


def read_yaml(path: Path) -> dict:
    if not path.is_file():
        raise DefinitionError(path, ["file not found"])
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise DefinitionError(path, [f"not valid YAML: {error}"]) from error
    if not isinstance(data, dict):
        raise DefinitionError(path, ["(file): expected a mapping at the top level"])
    return data


def load_definition(folder: Path) -> dict:
    """The validated content of ``folder/tenant.yaml``; DefinitionError otherwise."""
    path = Path(folder) / "tenant.yaml"
    data = read_yaml(path)
    try:
        definition = TenantDefinitionSchema().load(data)
    except ValidationError as error:
        raise DefinitionError(path, flatten_errors(error.messages)) from error
    if definition["slug"] != Path(folder).name and not Path(folder).name.startswith("_"):
        raise DefinitionError(path, [f"slug: '{definition['slug']}' does not match the folder name"])
    return definition


def content_hash(data) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


@dataclass(frozen=True)
class OnboardResult:
    tenant: Tenant
    created: bool
    changed: bool
    policy: object | None = None  # wasl.policy.importing.PolicyImport: what happened to policy.yaml


def onboard(folder: Path) -> OnboardResult:
    """Create or update the association from its folder; a second run with the same files changes nothing."""
    definition = load_definition(folder)
    digest = content_hash(definition)
    tenant = db.session.scalar(select(Tenant).where(Tenant.slug == definition["slug"]))
    created = tenant is None
    if created:
        tenant = Tenant(slug=definition["slug"])
        db.session.add(tenant)
    changed = created or tenant.definition_hash != digest
    if changed:
        _apply_definition(tenant, definition, digest)
        db.session.flush()
    with tenant_scope(db.session, tenant.id):
        roles_added = ensure_role_templates(tenant)
        if changed or roles_added:
            record("tenant.onboarded" if created else "tenant.updated", tenant, slug=tenant.slug)
        from wasl.policy.importing import import_policy_folder  # the policy feature builds on onboarding

        policy = import_policy_folder(tenant, Path(folder))
    return OnboardResult(tenant=tenant, created=created, changed=changed or bool(roles_added) or policy.changed,
                         policy=policy)


def _apply_definition(tenant: Tenant, d: dict, digest: str) -> None:
    tenant.name_ar, tenant.name_en = d["name"]["ar"], d["name"]["en"]
    tenant.registration_number = d.get("registration_number")
    tenant.city_ar, tenant.city_en = _pair(d.get("city"))
    tenant.region_ar, tenant.region_en = _pair(d.get("region"))
    tenant.contacts = d.get("contacts") or {}
    tenant.social_accounts = d.get("social") or []
    tenant.letterhead = dict(d.get("letterhead") or {}, registration_authority=d.get("registration_authority"))
    tenant.terminology = d.get("terminology") or DEFAULT_TERMINOLOGY
    tenant.default_locale = d.get("default_locale", "ar")
    tenant.definition_hash = digest


def _pair(value: dict | None) -> tuple[str | None, str | None]:
    return (value["ar"], value["en"]) if value else (None, None)


def ensure_role_templates(tenant: Tenant) -> list[str]:
    """Seed the six role templates into ``tenant`` where missing; returns the keys added."""
    existing = set(db.session.scalars(select(Role.key)))
    added = []
    for key, template in ROLE_TEMPLATES.items():
        if key in existing:
            continue
        db.session.add(Role(tenant_id=tenant.id, key=key, name_ar=template["name"]["ar"],
                            name_en=template["name"]["en"], permissions=sorted(template["permissions"])))
        added.append(key)
    db.session.flush()
    return added
