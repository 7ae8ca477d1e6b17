"""The second factor: TOTP enrolment and checks, single-use recovery codes, the per-session mark.

The TOTP secret is encrypted with a key derived from SECRET_KEY; recovery codes
carry 60 bits of randomness each, so a SHA-256 hash is enough to store them.
"""

from __future__ import annotations

import base64
import hashlib
import io
import secrets
import time

import pyotp
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app, session
from flask_babel import gettext as _
from sqlalchemy import delete, or_, select, update

from wasl.accounts.models import User
from wasl.audit.services import record
from wasl.db import db, utcnow
from wasl.errors import Refused
from wasl.operator.models import RecoveryCode, TotpCredential

ISSUER = "Wasl"
RECOVERY_CODE_COUNT = 10
SESSION_KEY = "wasl.second_factor"
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


class SecondFactorError(Refused):
    """A code that was not accepted; the message is for people."""


def _fernet() -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"wasl-totp-secret").derive(
        current_app.config["SECRET_KEY"].encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))


def credential_of(user: User) -> TotpCredential | None:
    return db.session.scalar(select(TotpCredential).where(TotpCredential.user_id == user.id))


def is_enrolled(user: User) -> bool:
    credential = credential_of(user)
    return credential is not None and credential.is_confirmed


def secret_of(credential: TotpCredential) -> str:
    try:
        return _fernet().decrypt(credential.secret_encrypted.encode()).decode()
    except InvalidToken as error:
        raise SecondFactorError(_("The stored authenticator secret cannot be read; enrol again.")) from error


def begin_enrolment(user: User) -> TotpCredential:
    """The secret being enrolled: the pending one if any (so reloading the page keeps the QR), else a new one."""
    credential = credential_of(user)
    if credential is not None:
        return credential
    secret = pyotp.random_base32()
    encrypted = _fernet().encrypt(secret.encode()).decode()
    credential = TotpCredential(user_id=user.id, secret_encrypted=encrypted)
    db.session.add(credential)
    db.session.flush()
    return credential


def provisioning_uri(user: User, credential: TotpCredential) -> str:
    return pyotp.TOTP(secret_of(credential)).provisioning_uri(name=user.email, issuer_name=ISSUER)


def qr_data_uri(uri: str) -> str:
    """The otpauth URI as an SVG QR code in a data URI, drawn here rather than by any outside service."""
    import segno  # imported where used: it weighs on every worker

    out = io.BytesIO()
    segno.make(uri, error="m").save(out, kind="svg", scale=5, border=2, xmldecl=False)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode()


def _accepted_step(credential: TotpCredential, code: str, at: float | None = None) -> int | None:
    """The time step ``code`` belongs to (one step of clock drift either way), or None."""
    code = "".join(ch for ch in (code or "") if ch.isdigit())
    if len(code) != 6:
        return None
    totp = pyotp.TOTP(secret_of(credential))
    now = time.time() if at is None else at
    for drift in (0, -1, 1):
        moment = now + drift * totp.interval
        if secrets.compare_digest(totp.at(moment), code):
            return int(moment // totp.interval)
    return None


def confirm_enrolment(user: User, code: str) -> list[str]:
    """Confirm the app with its first code; returns the new recovery codes (shown once)."""
    credential = credential_of(user)
    if credential is None:
        raise SecondFactorError(_("Start the authenticator enrolment first."))
    step = _accepted_step(credential, code)
    if step is None:
        record("second_factor.enrolment_failed", credential, actor_id=user.id)
        raise SecondFactorError(_("Code: this is not the code your authenticator app shows now."))
    credential.confirmed_at = utcnow()
    credential.last_step = step
    codes = replace_recovery_codes(user)
    record("second_factor.enrolled", credential, actor_id=user.id)
    return codes


def replace_recovery_codes(user: User) -> list[str]:
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    db.session.add_all(RecoveryCode(user_id=user.id, code_hash=_hash_code(c)) for c in codes)
    db.session.flush()
    return codes


def _new_recovery_code() -> str:
    raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def _hash_code(code: str) -> str:
    normalised = "".join(ch for ch in code.lower() if ch.isalnum())
    return hashlib.sha256(normalised.encode()).hexdigest()


def verify(user: User, code: str) -> str:
    """Check a TOTP code (never the same one twice) or an unused recovery code; returns which kind."""
    credential = credential_of(user)
    if credential is None or not credential.is_confirmed:
        raise SecondFactorError(_("Set up an authenticator app first."))
    step = _accepted_step(credential, code)
    if step is not None and _use_step(credential, step):
        record("second_factor.passed", credential, actor_id=user.id)
        return "totp"
    if step is None and _use_recovery_code(user, code):
        record("second_factor.recovery_code_used", credential, actor_id=user.id)
        return "recovery"
    record("second_factor.failed", credential, actor_id=user.id)
    raise SecondFactorError(_("Code: not accepted. Enter the current code from your authenticator app "
                              "or an unused recovery code."))


def _use_step(credential: TotpCredential, step: int) -> bool:
    """Move the last accepted step forward in one conditional UPDATE, so two requests cannot both use a code."""
    result = db.session.execute(
        update(TotpCredential)
        .where(TotpCredential.id == credential.id,
               or_(TotpCredential.last_step.is_(None), TotpCredential.last_step < step))
        .values(last_step=step)
        .execution_options(synchronize_session="fetch")
    )
    return result.rowcount == 1


def _use_recovery_code(user: User, code: str) -> bool:
    """Spend an unused code in one conditional UPDATE: of two requests with the same code, one wins."""
    if not code or len(code) > 40:
        return False
    result = db.session.execute(
        update(RecoveryCode)
        .where(RecoveryCode.user_id == user.id, RecoveryCode.code_hash == _hash_code(code),
               RecoveryCode.used_at.is_(None))
        .values(used_at=utcnow())
        .execution_options(synchronize_session="fetch")
    )
    return result.rowcount == 1


def remaining_recovery_codes(user: User) -> int:
    rows = db.session.scalars(select(RecoveryCode.id).where(
        RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None)))
    return len(list(rows))


def mark_session(user: User) -> None:
    """Remember in this browser session that ``user`` passed the second factor."""
    session[SESSION_KEY] = f"{user.id}:{user.session_nonce}"


def session_passed(user: User) -> bool:
    return session.get(SESSION_KEY) == f"{user.id}:{user.session_nonce}"
