"""The feedback feature's one door for its pages and APIs: the staff's queue and items, the person's own
items in the portal, filing from the portal or the public page, and the response window.

Nothing here commits: the request's unit of work does once the answer is under 400. A refusal is a
``Refused`` (``FeedbackStateError``, ``RatingRefused``, ``UnknownCase``, ``ItemNotFound``).
"""

from __future__ import annotations

from flask_babel import gettext as _

from wasl.db import db
from wasl.errors import NotFound
from wasl.feedback import clock, filing, handling, mine
from wasl.feedback.filing import UnknownCase
from wasl.feedback.handling import FeedbackStateError, ItemRow
from wasl.feedback.mine import RatingRefused
from wasl.portal import services as portal

__all__ = ["FeedbackStateError", "ItemNotFound", "ItemRow", "RatingRefused", "UnknownCase"]

queue = handling.queue
item_row = handling.item_row
close = handling.close
update_settings = handling.update_settings
response_days = clock.response_days
my_items = mine.my_items
rate = mine.rate
file_from_portal = filing.file_from_portal
file_from_public = filing.file_from_public


class ItemNotFound(NotFound):
    """No item with this id where the person may look (the staff member's association, or their own file)."""


def staff_item(membership, feedback_id: int):
    """The item a member of staff asks for, or ``ItemNotFound``."""
    item = handling.get_item(membership, feedback_id)
    if item is None:
        raise ItemNotFound(_("There is no such item in this association."))
    return item


def my_item(feedback_id: int):
    """One of the signed-in person's items, or ``ItemNotFound``."""
    item = mine.my_item(feedback_id)
    if item is None:
        raise ItemNotFound(_("There is no such item in your file."))
    return item


def reply(item, raw: dict, actor, then_close: bool = False):
    """Reply once and, when asked, close the item in the same step: both are done, or neither is."""
    with db.session.begin_nested():
        handling.reply(item, raw, actor)
        if then_close:
            handling.close(item, actor)
    return item


def requests_to_name(language: str) -> list[tuple[int, str, str]]:
    """The signed-in person's requests an item may be about: id, number and service name."""
    return [(case.id, case.number, portal.service_name(case, language)) for case in portal.my_requests()]
