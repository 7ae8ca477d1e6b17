"""Writes and look-ups for accounts: users, memberships, API tokens, sign-in."""

from __future__ import annotations

import secrets

from sqlalchemy import func, select

from wasl.accounts.email_address import is_valid_email
from wasl.accounts.models import ApiToken, Membership, Role, User, new_session_nonce
from wasl.accounts.passwords import hash_password, needs_rehash, verify_password
from wasl.audit.services import record
from wasl.db import db, utcnow
from wasl.errors import Refused
from wasl.reads import remembered
from wasl.tenancy.models import Tenant
from wasl.tenancy.scope import tenant_scope

TOKEN_PREFIX = "wasl_"


class AccountError(Refused):
    """A request about accounts that cannot be carried out (an address taken or not valid, a role unknown)."""


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def find_user(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def authenticate(email: str, password: str) -> User | None:
    """The user these credentials belong to, or None; the same answer for every kind of failure."""
    user = find_user(email)
    if not verify_password(user.password_hash if user else None, password or ""):
        record("auth.sign_in_failed", email=normalise_email(email)[:254])
        return None
    if not user.active:
        record("auth.sign_in_refused_inactive", actor_id=user.id)
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    record("auth.signed_in", actor_id=user.id)
    return user


def create_user(email: str, name: str, password: str | None = None, *, is_operator: bool = False,
                locale: str | None = None, verified: bool = True) -> User:
    """A new account; ``verified=False`` for one whose address is still to be proved by an e-mailed code."""
    email = normalise_email(email)
    if not is_valid_email(email):
        raise AccountError(f"{email!r} is not a valid e-mail address")
    if find_user(email) is not None:
        raise AccountError(f"a user with e-mail {email} already exists")
    user = User(email=email, name=name.strip(), is_operator=is_operator, preferred_locale=locale,
                password_hash=hash_password(password) if password else None,
                email_verified_at=utcnow() if verified else None)
    db.session.add(user)
    db.session.flush()
    record("user.created", user)
    return user


def sign_out_everywhere(user: User) -> None:
    """Rotate the account's nonce, which voids every copy of its session cookie."""
    user.session_nonce = new_session_nonce()
    record("auth.signed_out", actor_id=user.id)


def prefer_locale(user: User, locale: str) -> None:
    user.preferred_locale = locale


def set_password(user: User, password: str) -> None:
    user.password_hash = hash_password(password)
    user.session_nonce = new_session_nonce()
    record("user.password_set", user)


def grant_membership(user: User, tenant: Tenant, role_key: str) -> Membership:
    """Give ``user`` the role ``role_key`` in ``tenant``, reactivating an earlier membership."""
    with tenant_scope(db.session, tenant.id):
        role = db.session.scalar(select(Role).where(Role.key == role_key))
        if role is None:
            raise AccountError(f"association {tenant.slug} has no role {role_key}")
        membership = db.session.scalar(
            select(Membership).where(Membership.tenant_id == tenant.id, Membership.user_id == user.id)
        )
        if membership is None:
            membership = Membership(tenant_id=tenant.id, user_id=user.id, role_id=role.id)
            db.session.add(membership)
        membership.role_id = role.id
        membership.active = True
        db.session.flush()
        record("membership.granted", membership, user_id=user.id, role=role_key)
    return membership


def deactivate_membership(membership: Membership) -> None:
    """Lock the person out of this association from their next request on."""
    membership.active = False
    with tenant_scope(db.session, membership.tenant_id):
        record("membership.deactivated", membership, user_id=membership.user_id)


def deactivate_user(user: User) -> None:
    user.active = False
    user.session_nonce = new_session_nonce()
    record("user.deactivated", user)


def issue_token(user: User, label: str) -> str:
    """Create an API token and return it in clear; it is never shown again."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, label=label.strip() or "token", token_hash=ApiToken.hash(raw),
                     prefix=raw[: len(TOKEN_PREFIX) + 6])
    db.session.add(token)
    db.session.flush()
    record("api_token.issued", token, actor_id=user.id, label=token.label)
    return raw


def revoke_token(token: ApiToken) -> None:
    token.revoked_at = utcnow()
    record("api_token.revoked", token)


def user_for_token(raw: str) -> User | None:
    """The active user behind a bearer token that is neither unknown nor revoked."""
    if not raw or not raw.startswith(TOKEN_PREFIX):
        return None
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == ApiToken.hash(raw)))
    if token is None or token.revoked_at is not None or not token.user.active:
        return None
    return token.user


def membership_in(user: User, tenant: Tenant) -> Membership | None:
    """The user's active membership in ``tenant``, if any."""
    return db.session.scalar(
        select(Membership).where(
            Membership.user_id == user.id,
            Membership.tenant_id == tenant.id,
            Membership.active.is_(True),
        )
    )


def roles_of(tenant_id: int) -> list[Role]:
    """Every role of the association, read once per request (see ``wasl.reads``)."""
    return list(remembered(("roles", tenant_id), lambda: list(db.session.scalars(
        select(Role).where(Role.tenant_id == tenant_id).order_by(Role.id)))))


def count_users() -> int:
    return db.session.scalar(select(func.count()).select_from(User))
