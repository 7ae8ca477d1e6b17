"""Who on the staff may read which item: a complaint that names a member of staff is the admin's alone.

Every staff read (the queue, its counts, one item) starts from ``visible_to``,
so no page or API route filters by hand; without a membership that grants
the admin permission the restricted rows are simply not in the statement.
"""

from __future__ import annotations

from sqlalchemy import Select, select

from wasl.feedback.models import Feedback

ADMIN = "tenant.admin"


def sees_staff_complaints(membership) -> bool:
    return membership is not None and membership.grants(ADMIN)


def visible_to(membership, *columns) -> Select:
    """``select(Feedback)`` (or the given columns) limited to what ``membership`` may read."""
    statement = select(*columns) if columns else select(Feedback)
    if not sees_staff_complaints(membership):
        statement = statement.where(Feedback.names_staff.is_(False))
    return statement
