"""Who may be named on a case (assignee, visitor, deliverer): active members of its association."""

from __future__ import annotations

from flask_babel import gettext as _
from marshmallow import ValidationError
from sqlalchemy import select

from wasl.accounts.models import Membership
from wasl.db import db


def require_member(tenant_id: int, user_id: int | None, field: str) -> int | None:
    """``user_id`` if it is an active member of the association; ValidationError on ``field`` otherwise."""
    if user_id is None:
        return None
    found = db.session.scalar(select(Membership.id).where(
        Membership.tenant_id == tenant_id, Membership.user_id == user_id, Membership.active.is_(True)))
    if found is None:
        raise ValidationError({field: [_("This person is not an active member of the association.")]})
    return user_id
