"""The policy a new association starts from: the standard template, a copy of a shared example, or its own file.

The policy feature owns policy versions; onboarding only chooses the starting
point and asks that feature to create the first version, inside the same
transaction. The standard template and a copy become a draft for the new
association's admins to edit, approve and publish; an uploaded policy.yaml is
imported exactly like ``tenants onboard`` imports an association's own file.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import yaml
from flask_babel import gettext as _
from marshmallow import ValidationError

from wasl.onboarding.definitions import DefinitionError

STANDARD, COPY, UPLOAD = "standard", "copy", "upload"
KINDS = (STANDARD, COPY, UPLOAD)
MAX_POLICY_BYTES = 1024 * 1024
# No association has this id: asking for the shared policies "of others" before the new one exists.
_NOBODY = SimpleNamespace(id=0, slug="")


@dataclass(frozen=True)
class PolicyStart:
    kind: str = STANDARD
    source_slug: str | None = None
    yaml_text: str | None = None


def label(start: PolicyStart) -> str:
    return f"copy:{start.source_slug}" if start.kind == COPY else start.kind


def parse_upload(text: str | bytes) -> dict:
    """The mapping in an uploaded policy.yaml; ValidationError on the ``policy`` field otherwise."""
    if len(text) > MAX_POLICY_BYTES:
        raise ValidationError({"policy": [_("Policy file: larger than 1 MB.")]})
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ValidationError({"policy": [_("Policy file: not valid YAML.")]}) from error
    if not isinstance(data, dict):
        raise ValidationError({"policy": [_("Policy file: expected a mapping at the top level.")]})
    return data


def copyable() -> list[dict]:
    """Published policies their associations share as examples: ``[{"slug", "name"}]``."""
    from wasl.policy import services

    return [{"slug": c.slug, "name": c.name} for c in services.copyable(_NOBODY)]


def check(start: PolicyStart, names: tuple[str, str]) -> None:
    """Refuse a starting point that cannot work, before anything is written."""
    if start.kind not in KINDS:
        raise ValidationError({"policy": [_("Policy: choose the standard template, a copy or a file.")]})
    if start.kind == COPY and start.source_slug not in {c["slug"] for c in copyable()}:
        raise ValidationError({"policy": [_("Policy: {slug} does not share a published policy to copy.")
                                          .format(slug=start.source_slug or "-")]})
    if start.kind == UPLOAD:
        _load_uploaded(start, names)


def _load_uploaded(start: PolicyStart, names: tuple[str, str]):
    from wasl.policy import services

    if not start.yaml_text:
        raise ValidationError({"policy": [_("Policy file: choose a policy.yaml to upload.")]})
    parse_upload(start.yaml_text)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "policy.yaml"
        path.write_text(start.yaml_text, encoding="utf-8")
        try:
            return services.check_policy_file(path, names=names)
        except DefinitionError as error:
            raise ValidationError({"policy": [f"policy.yaml: {p}" for p in error.problems]}) from error


def apply(tenant, start: PolicyStart, actor) -> object:
    """Create the new association's first policy version (``tenant`` must be in scope)."""
    from wasl.policy import services

    if start.kind == STANDARD:
        return services.start_draft(actor, "template", tenant=tenant)
    if start.kind == COPY:
        return services.start_draft(actor, "copy", start.source_slug, tenant=tenant)
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "policy.yaml").write_text(start.yaml_text or "", encoding="utf-8")
        try:
            return services.import_policy_file(tenant, Path(folder)).version
        except DefinitionError as error:
            raise ValidationError({"policy": [f"policy.yaml: {p}" for p in error.problems]}) from error
