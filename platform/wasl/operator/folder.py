"""Reading a new association's folder (tenant.yaml, optional policy.yaml and logo) as an onboarding request."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from wasl.onboarding.definitions import DefinitionError, read_yaml
from wasl.operator import policy_start
from wasl.operator.onboarding import OnboardingRequest, request_from_payload

LOGO_NAMES = ("logo.svg", "logo.png")


def request_from_folder(folder: Path, admin_email: str, admin_name: str | None = None,
                        policy: str | None = None) -> OnboardingRequest:
    """``folder/tenant.yaml`` plus the policy start and the first admin, validated like the API's payload."""
    folder = Path(folder)
    definition = read_yaml(folder / "tenant.yaml")
    policy_file = folder / "policy.yaml"
    payload = dict(definition, admin={"email": admin_email, "name": admin_name},
                   policy=_policy_choice(policy, policy_file))
    logo_name = (definition.get("letterhead") or {}).get("logo")
    payload["letterhead"] = {k: v for k, v in (definition.get("letterhead") or {}).items() if k != "logo"}
    req = request_from_payload(payload)
    logo = _logo_bytes(folder, logo_name)
    return replace(req, logo=logo) if logo else req


def _policy_choice(policy: str | None, policy_file: Path) -> dict:
    if policy is None:
        policy = policy_start.UPLOAD if policy_file.is_file() else policy_start.STANDARD
    if policy.startswith("copy:"):
        return {"source": policy_start.COPY, "copy_from": policy.split(":", 1)[1]}
    if policy == policy_start.UPLOAD:
        if not policy_file.is_file():
            raise DefinitionError(policy_file, ["file not found"])
        return {"source": policy_start.UPLOAD, "yaml": policy_file.read_text(encoding="utf-8")}
    return {"source": policy}


def _logo_bytes(folder: Path, name: str | None) -> bytes | None:
    candidates = [name] if name else list(LOGO_NAMES)
    for candidate in candidates:
        path = (folder / candidate).resolve()
        if path.is_file() and folder.resolve() in path.parents:
            return path.read_bytes()
    return None
