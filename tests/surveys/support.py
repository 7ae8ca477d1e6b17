"""Cases delivered the way staff deliver them, and the token of the survey link each one sent."""

from __future__ import annotations

from tests.cases.pages import seen
from tests.cases.support import act, finish_step, open_case
from wasl.db import db


def delivered(association, channel: str = "website", **data):
    """A case taken through its procedure to a recorded delivery (the survey is sent then), as ``Seen``."""
    case = open_case(association, channel=channel, **data)
    while case.step != "service_delivery":
        finish_step(association, case)
    act(association, case, "record_delivery", {"description": "سلة غذائية", "amount": "300"})
    remembered = seen(case, association.slug)
    db.session.commit()
    return remembered


def token_of(invitation: dict) -> str:
    return invitation["survey_url"].rsplit("/", 1)[1]


def path_of(invitation: dict) -> str:
    return "/" + invitation["survey_url"].split("/", 3)[3]
