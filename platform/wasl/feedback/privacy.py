"""What the privacy feature asks of feedback: a person's items, and their words scrubbed at erasure.

The kind, the dates, the state and the rating stay (the association reports on
them); the message, the reply and a named member of staff lose every
identifier of the person, like the other texts written about them.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from wasl.db import db
from wasl.feedback.models import Feedback


def items_of(beneficiary_id: int) -> list[Feedback]:
    """The person's items in the association in scope, oldest first."""
    return list(db.session.scalars(select(Feedback).where(Feedback.beneficiary_id == beneficiary_id)
                                   .order_by(Feedback.id)))


def scrub_items_of(beneficiary_id: int, scrub: Callable[[str | None], str | None]) -> int:
    """Apply ``scrub`` to the texts of the person's items; returns how many items changed."""
    changed = 0
    for item in items_of(beneficiary_id):
        before = (item.message, item.reply, item.staff_named)
        item.message, item.reply, item.staff_named = (scrub(value) for value in before)
        changed += before != (item.message, item.reply, item.staff_named)
    return changed
