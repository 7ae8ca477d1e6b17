"""Onboarding a new association: one service behind the wizard, the CLI and the API; all or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from flask_babel import gettext as _
from marshmallow import ValidationError
from sqlalchemy import select

from wasl.accounts.models import Role, User
from wasl.administration.invitations import InviteOutcome, invite
from wasl.administration.letterhead import LogoError, check_logo, store_logo
from wasl.administration.staging import STAGED_KEY
from wasl.audit.services import record
from wasl.db import db
from wasl.onboarding.definitions import _apply_definition, content_hash, ensure_role_templates
from wasl.operator import policy_start
from wasl.operator.policy_start import PolicyStart
from wasl.operator.provider_seed import seed_email_provider
from wasl.operator.schemas import OnboardingSchema
from wasl.tenancy.models import Tenant
from wasl.tenancy.scope import current_scope, set_scope, set_tenant

IDENTITY_FIELDS = ("slug", "name", "registration_number", "registration_authority", "city", "region",
                   "contacts", "social", "default_locale", "terminology", "letterhead")


@dataclass(frozen=True)
class OnboardingRequest:
    definition: dict
    admin_email: str
    admin_name: str | None = None
    policy: PolicyStart = PolicyStart()
    logo: bytes | None = None


@dataclass(frozen=True)
class OnboardingResult:
    tenant: Tenant
    invitation: InviteOutcome
    policy_source: str


def request_from_payload(payload: dict) -> OnboardingRequest:
    """Validate an API/CLI payload (OnboardingSchema); ValidationError with field paths otherwise."""
    data = OnboardingSchema().load(payload)
    start = data["policy"]
    text = start.get("yaml")
    if text is None and start.get("content") is not None:
        text = yaml.safe_dump(start["content"], allow_unicode=True, sort_keys=False)
    return OnboardingRequest(
        definition={k: data[k] for k in IDENTITY_FIELDS if k in data},
        admin_email=data["admin"]["email"], admin_name=data["admin"].get("name"),
        policy=PolicyStart(start["source"], start.get("copy_from"), text), logo=data.get("logo"))


def slug_taken(slug: str) -> bool:
    return db.session.scalar(select(Tenant.id).where(Tenant.slug == slug)) is not None


def check_request(req: OnboardingRequest) -> None:
    """Everything that can be checked before writing: slug, logo, policy starting point."""
    problems = {}
    if slug_taken(req.definition["slug"]):
        problems["slug"] = [_("Slug: another association already uses this address.")]
    if req.logo:
        try:
            check_logo(req.logo)
        except LogoError as error:
            problems["logo"] = [str(error)]
    if problems:
        raise ValidationError(problems)
    names = (req.definition["name"]["ar"], req.definition["name"]["en"])
    policy_start.check(req.policy, names)


def onboard_association(req: OnboardingRequest, *, actor: User | None = None, via: str = "wizard"
                        ) -> OnboardingResult:
    """Create the association, its roles, letterhead, first policy draft and first admin's invitation.

    Runs in a savepoint: if any step fails nothing of the association remains, files included.
    """
    check_request(req)
    previous = current_scope(db.session)
    staged_before = len(db.session().info.get(STAGED_KEY, []))
    nested = db.session.begin_nested()
    try:
        result = _create(req, actor)
        set_scope(db.session, previous)
        record("operator.association_onboarded", result.tenant, slug=result.tenant.slug, via=via,
               policy=req.policy.kind)
        nested.commit()
    except BaseException:
        nested.rollback()
        _discard_staged(staged_before)
        set_scope(db.session, previous)
        raise
    return result


def _create(req: OnboardingRequest, actor: User | None) -> OnboardingResult:
    definition = req.definition
    tenant = Tenant(slug=definition["slug"])
    _apply_definition(tenant, definition, content_hash(definition))
    db.session.add(tenant)
    db.session.flush()
    set_tenant(db.session, tenant.id)
    ensure_role_templates(tenant)
    if req.logo:
        tenant.letterhead = dict(tenant.letterhead or {}) | store_logo(tenant, req.logo)
    policy_start.apply(tenant, req.policy, actor)
    seed_email_provider(tenant)
    admin_role = db.session.scalar(select(Role).where(Role.key == "admin"))
    outcome = invite(tenant, req.admin_email, admin_role, name=req.admin_name, invited_by=actor)
    record("tenant.onboarded", tenant, slug=tenant.slug, policy=policy_start.label(req.policy))
    return OnboardingResult(tenant=tenant, invitation=outcome, policy_source=policy_start.label(req.policy))


def _discard_staged(keep: int) -> None:
    staged = db.session().info.get(STAGED_KEY, [])
    for path in staged[keep:]:
        Path(path).unlink(missing_ok=True)
    del staged[keep:]
