"""Satisfaction results against a hand count, and comments for admins only.

Three deliveries send three surveys; two are answered, 5 and 3 (out of 5), one with a comment. Hand count:
response rate 2 of 3, CSAT 1 of 2 (only the 5 is 4–5), average 4.0.
"""

from __future__ import annotations

from tests.cases.pages import as_member
from tests.cases.support import scope
from tests.support.web import bearer
from tests.surveys.support import delivered, token_of
from wasl.cases.catalogue import Catalogue
from wasl.cases.workflow.steps.base import riyadh_today
from wasl.dashboards.services import period_of
from wasl.db import db
from wasl.surveys import results, services

COMMENT = "نأمل تقليل وقت الانتظار"


def _answered(wefaq, invitations) -> None:
    for channel in ("website", "phone", "phone"):
        delivered(wefaq, channel)
    with scope(wefaq.tenant):
        for invitation, score, comment in ((invitations[0], 5, None), (invitations[1], 3, COMMENT)):
            survey = services.open_survey(token_of(invitation), wefaq.tenant.id)
            services.answer(survey, {"overall": score, "treatment": 4, "speed": 4}, comment, "ar")
    db.session.commit()


def test_figures_match_the_hand_count(wefaq, invitations):
    _answered(wefaq, invitations)
    with scope(wefaq.tenant):
        period = period_of({}, riyadh_today(), Catalogue({}))
        tally = results.summary(period)
        channels = results.by_channel(period)
        months = results.by_month(period)
    assert (tally.invited, tally.answered, tally.satisfied, tally.average) == (3, 2, 1, 4.0)
    assert round(tally.response_rate, 3) == 0.667 and tally.csat == 0.5
    assert (channels["website"].answered, channels["phone"].invited, channels["phone"].satisfied) == (1, 2, 0)
    assert sum(t.invited for t in months.values()) == 3


def test_comments_are_for_admins_only(client, wefaq, invitations):
    _answered(wefaq, invitations)
    as_member(client, wefaq, "viewer")
    page = client.get("/wefaq/satisfaction")
    assert page.status_code == 200 and 'id="sat-csat"' in page.text and COMMENT not in page.text
    as_member(client, wefaq, "admin")
    assert COMMENT in client.get("/wefaq/satisfaction").text



def test_the_dashboard_shows_satisfaction_by_month_from_the_same_hand_count(client, factory, wefaq, invitations):
    _answered(wefaq, invitations)
    token = factory.token(wefaq.users["viewer"])
    factory.commit()
    board = client.get("/api/v1/wefaq/dashboard", headers=bearer(token)).get_json()
    assert (board["satisfaction"]["invited"], board["satisfaction"]["answered"]) == (3, 2)
    assert board["satisfaction"]["csat"] == 0.5 and board["satisfaction"]["average"] == 4.0
    [month] = [m for m in board["satisfaction_by_month"] if m["invited"]]
    assert (month["invited"], month["answered"], month["csat"]) == (3, 2, 0.5)
    as_member(client, wefaq, "viewer")
    page = client.get("/wefaq/dashboard")
    assert page.status_code == 200 and 'id="satisfaction-link"' in page.text
    section = page.text[page.text.index('id="satisfaction"'):]
    assert "50%" in section[:3000]  # one of the two answers is a 4 or a 5
