"""Invitations to join an association's staff: a random token, kept only as a hash, single use, expiring."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select, update

from wasl.accounts.models import Membership, Role, User
from wasl.accounts.services import create_user, find_user, grant_membership, normalise_email, set_password
from wasl.administration.links import absolute_url
from wasl.administration.mailer import send_staff_email
from wasl.administration.models import StaffInvitation
from wasl.administration.refusals import (  # noqa: F401 - InvitationError: the family, for callers
    AlreadyStaff,
    CannotEmailCode,
    CodeExpired,
    InvitationAccepted,
    InvitationError,
    InvitationExpired,
    InvitationNotValid,
    InvitationsSuspended,
    InvitationUsed,
    NoCodeAwaited,
    SignInFirst,
    TooManyCodeTries,
    WrongCode,
)
from wasl.audit.services import record
from wasl.db import db, utcnow
from wasl.kernel.moments import aware
from wasl.tenancy.models import Tenant

DEFAULT_TTL_HOURS = 72
CODE_TTL_MINUTES = 30
MAX_CODE_ATTEMPTS = 5


@dataclass(frozen=True)
class InviteOutcome:
    """The invitation with its one-time link (``membership`` stays None: nobody joins without accepting)."""

    membership: Membership | None = None
    invitation: StaffInvitation | None = None
    url: str | None = None
    emailed: bool = False


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def invite(tenant: Tenant, email: str, role: Role, *, name: str | None = None,
           invited_by: User | None = None) -> InviteOutcome:
    """An e-mailed, expiring, single-use link; an existing account joins only by accepting it while signed in."""
    email = normalise_email(email)
    user = find_user(email)
    if user is not None:
        _refuse_current_member(tenant, user)
    _revoke_open(tenant, email)
    raw = secrets.token_urlsafe(32)
    hours = current_app.config.get("WASL_INVITATION_TTL_HOURS", DEFAULT_TTL_HOURS)
    invitation = StaffInvitation(tenant_id=tenant.id, email=email, name=(name or "").strip() or None,
                                 role_id=role.id, token_hash=token_hash(raw),
                                 expires_at=utcnow() + timedelta(hours=hours),
                                 invited_by_user_id=invited_by.id if invited_by else None)
    db.session.add(invitation)
    db.session.flush()
    url = absolute_url("invitations.accept", slug=tenant.slug, token=raw)
    record("staff.invited", invitation, email=email, role=role.key)
    emailed = send_staff_email(tenant.id, "staff.invited", email, _mail_context(role, url, invited_by),
                               name=invitation.name or "", locale=tenant.default_locale, object_id=invitation.id)
    return InviteOutcome(invitation=invitation, url=url, emailed=emailed)


def _refuse_current_member(tenant: Tenant, user: User) -> None:
    current = db.session.scalar(select(Membership).where(
        Membership.tenant_id == tenant.id, Membership.user_id == user.id, Membership.active.is_(True)))
    if current is not None:
        raise AlreadyStaff(_("E-mail: {email} already works for this association.").format(email=user.email))


def _mail_context(role: Role, url: str, invited_by: User | None) -> dict:
    """The facts the ``staff.invited`` message may use (the association's own come from the outbox)."""
    return {"invitation_url": url, "inviter_name": invited_by.name if invited_by else "",
            "role_name": {"ar": role.name_ar, "en": role.name_en}}


def _revoke_open(tenant: Tenant, email: str) -> None:
    """A new invitation replaces any earlier open one for the same address."""
    db.session.execute(
        update(StaffInvitation)
        .where(StaffInvitation.tenant_id == tenant.id, StaffInvitation.email == email,
               StaffInvitation.accepted_at.is_(None), StaffInvitation.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


def invitation_for_token(raw: str) -> StaffInvitation:
    """The open invitation behind ``raw`` in the current association, or an InvitationError saying why not."""
    invitation = db.session.scalar(select(StaffInvitation).where(StaffInvitation.token_hash == token_hash(raw or "")))
    if invitation is None or invitation.revoked_at is not None:
        raise InvitationNotValid(_("This invitation link is not valid. Ask the association's admin for a new one."))
    if invitation.accepted_at is not None:
        raise InvitationUsed(_("This invitation link has already been used. Sign in with your account."))
    if aware(invitation.expires_at) <= utcnow():
        raise InvitationExpired(_("This invitation link has expired. Ask the association's admin for a new one."))
    return invitation


def role_of(invitation: StaffInvitation) -> Role:
    return db.session.scalar(select(Role).where(Role.id == invitation.role_id))


def accept(invitation: StaffInvitation, tenant: Tenant, *, name: str, password: str,
           signed_in: User | None = None) -> User:
    """Join with the invited role: a verified account by being signed in as it, any other after an e-mailed code.

    An account that has never confirmed its address proves nothing about who holds it (whoever saw a
    link could have set its password), so it joins only once a code sent to the address is confirmed.
    """
    if not tenant.is_active:
        raise InvitationsSuspended(_("This association is suspended; its invitations cannot be accepted now."))
    user = find_user(invitation.email)
    if user is not None and user.email_verified_at is not None:
        if signed_in is None or signed_in.id != user.id:
            raise SignInFirst(_("An account with this e-mail already exists. Sign in first, then open the "
                                "link again."))
        _complete(invitation, tenant, user)
        return user
    if user is None:
        user = create_user(invitation.email, name, password, locale=tenant.default_locale, verified=False)
    else:
        user.name = name.strip()
        set_password(user, password)
    invitation.accepted_user_id = user.id
    _send_code(invitation, tenant, user)
    return user


def needs_code(invitation: StaffInvitation) -> bool:
    """True once the link was used to set a password and the e-mailed code is awaited."""
    return invitation.accepted_user_id is not None and invitation.accepted_at is None


def _send_code(invitation: StaffInvitation, tenant: Tenant, user: User) -> None:
    code = f"{secrets.randbelow(10 ** 6):06d}"
    invitation.code_hash = token_hash(f"{invitation.id}:{code}")
    invitation.code_expires_at = utcnow() + timedelta(minutes=CODE_TTL_MINUTES)
    invitation.code_attempts = 0
    record("staff.invitation_code_sent", invitation, actor_id=user.id, email=invitation.email)
    sent = send_staff_email(tenant.id, "staff.email_code", invitation.email,
                            {"code": code, "expires_in_minutes": CODE_TTL_MINUTES}, name=user.name,
                            locale=user.preferred_locale or tenant.default_locale, object_id=invitation.id)
    if not sent:
        raise CannotEmailCode(_("This association cannot send e-mail yet, so your address cannot be confirmed. "
                                "Ask its admin to set up e-mail, then open the link again."))


def confirm_code(invitation: StaffInvitation, tenant: Tenant, code: str) -> User:
    """Check the e-mailed code; when it matches, the address is verified and the membership granted."""
    if not needs_code(invitation):
        raise NoCodeAwaited(_("This invitation is not waiting for a code."))
    if (invitation.code_attempts or 0) >= MAX_CODE_ATTEMPTS:
        raise TooManyCodeTries(_("Code: too many wrong tries. Open the invitation link again for a new code."))
    if invitation.code_expires_at is None or aware(invitation.code_expires_at) <= utcnow():
        raise CodeExpired(_("Code: this code has expired. Open the invitation link again for a new code."))
    if not secrets.compare_digest(invitation.code_hash or "", token_hash(f"{invitation.id}:{(code or '').strip()}")):
        invitation.code_attempts = (invitation.code_attempts or 0) + 1
        raise WrongCode(_("Code: this is not the code we sent."))
    user = db.session.get(User, invitation.accepted_user_id)
    user.email_verified_at = utcnow()
    invitation.code_hash = None
    _complete(invitation, tenant, user)
    return user


def _complete(invitation: StaffInvitation, tenant: Tenant, user: User) -> None:
    grant_membership(user, tenant, role_of(invitation).key)
    invitation.accepted_at = utcnow()
    invitation.accepted_user_id = user.id
    record("staff.invitation_accepted", invitation, actor_id=user.id, email=invitation.email)


def revoke(invitation: StaffInvitation) -> None:
    if invitation.accepted_at is not None:
        raise InvitationAccepted(_("This invitation was already accepted."))
    invitation.revoked_at = utcnow()
    record("staff.invitation_revoked", invitation, email=invitation.email)


def open_invitations(tenant: Tenant) -> list[StaffInvitation]:
    stmt = (select(StaffInvitation)
            .where(StaffInvitation.accepted_at.is_(None), StaffInvitation.revoked_at.is_(None),
                   StaffInvitation.expires_at > utcnow())
            .order_by(StaffInvitation.created_at.desc()))
    return list(db.session.scalars(stmt))


def invitation_by_id(invitation_id: int) -> StaffInvitation | None:
    return db.session.scalar(select(StaffInvitation).where(StaffInvitation.id == invitation_id))
