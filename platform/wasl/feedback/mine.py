"""The person's side in the portal: their items, one item with the reply, and rating the reply once.

Runs inside the beneficiary scope (``portal.scope``): the statements below name
no person, yet find only the signed-in person's items.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select, update

from wasl.audit.services import record
from wasl.db import db, utcnow
from wasl.errors import Conflict
from wasl.feedback.models import Feedback
from wasl.feedback.schemas import RatingInput
from wasl.portal.scope import current


class RatingRefused(Conflict):
    """There is no reply to rate yet, or the reply has been rated already."""

    kind = "feedback-rating"

    def __init__(self):
        super().__init__(_("This reply has already been rated, or there is no reply to rate yet."))


def _scoped() -> None:
    if current(db.session) is None:
        raise RuntimeError("the person's feedback is read inside the beneficiary scope")


def my_items() -> list[Feedback]:
    """The signed-in person's items, newest first."""
    _scoped()
    return list(db.session.scalars(select(Feedback).order_by(Feedback.filed_at.desc(), Feedback.id.desc())))


def my_item(feedback_id: int) -> Feedback | None:
    """One of the person's items, or None (another person's id finds nothing)."""
    _scoped()
    return db.session.scalar(select(Feedback).where(Feedback.id == feedback_id))


def rate(item: Feedback, raw: dict) -> Feedback:
    """Rate the reply from 1 to 5, once: a second rating (even a concurrent one) is ``RatingRefused``."""
    rating = RatingInput().load(raw)["rating"]
    if item.reply is None:
        raise RatingRefused()
    written = db.session.execute(
        update(Feedback).where(Feedback.id == item.id, Feedback.rating.is_(None), Feedback.reply.is_not(None))
        .values(rating=rating, rated_at=utcnow()).execution_options(synchronize_session=False))
    if written.rowcount != 1:
        raise RatingRefused()
    db.session.refresh(item)
    record("feedback.rated", item, number=item.number, rating=rating)
    return item
