"""An association's case settings with their defaults: the case-number prefix and the committee quorum."""

from __future__ import annotations

import re

from flask_babel import gettext as _
from marshmallow import ValidationError
from sqlalchemy import select

from wasl.accounts.models import Membership, Role
from wasl.audit.services import record
from wasl.cases.models import CaseSettings
from wasl.db import db
from wasl.reads import remembered

PREFIX_PATTERN = re.compile(r"^[A-Z]{2,8}$")
VOTE_PERMISSION = "cases.vote"


def settings_row() -> CaseSettings | None:
    """The association in scope's settings row, if it ever changed a default."""
    return db.session.scalar(select(CaseSettings))


def default_prefix(slug: str) -> str:
    """``wefaq`` -> ``WEF``: the first three letters of the slug, upper case."""
    letters = re.sub(r"[^a-z]", "", slug.lower())
    return (letters[:3] or "CAS").upper()


def number_prefix(tenant) -> str:
    row = settings_row()
    return row.number_prefix if row and row.number_prefix else default_prefix(tenant.slug)


def voting_members(tenant_id: int) -> int:
    """Active members of the association whose role lets them vote in committee."""
    def load() -> int:
        permissions = db.session.scalars(select(Role.permissions).join(Membership, Membership.role_id == Role.id)
                                         .where(Membership.tenant_id == tenant_id, Membership.active.is_(True)))
        return sum(1 for granted in permissions if VOTE_PERMISSION in (granted or []))

    return remembered(("voting_members", tenant_id), load)


def quorum(tenant_id: int) -> int:
    """Votes needed before a decision: the association's setting, else a majority of its voting members."""
    row = settings_row()
    if row and row.quorum:
        return row.quorum
    return voting_members(tenant_id) // 2 + 1


def update_case_settings(*, number_prefix: str | None = None, quorum: int | None = None) -> CaseSettings:
    """Set the prefix (2-8 capital letters) and/or the quorum (at least 1); ``None`` keeps the default."""
    errors = {}
    if number_prefix is not None and not PREFIX_PATTERN.match(number_prefix):
        errors["number_prefix"] = [_("Case number prefix: use 2 to 8 capital English letters.")]
    if quorum is not None and quorum < 1:
        errors["quorum"] = [_("Quorum: at least one vote is needed.")]
    if errors:
        raise ValidationError(errors)
    row = settings_row() or CaseSettings()
    row.number_prefix, row.quorum = number_prefix, quorum
    db.session.add(row)
    db.session.flush()
    record("cases.settings_changed", row, number_prefix=number_prefix, quorum=quorum)
    return row
