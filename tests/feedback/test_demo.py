"""The demo's feedback: a few items per association in every state, written once."""

from __future__ import annotations

from sqlalchemy import select

from wasl.db import db
from wasl.demo_feedback import STORIES, seed_demo_feedback
from wasl.feedback import clock
from wasl.feedback.handling import rows_for
from wasl.feedback.models import Feedback, FeedbackSource, FeedbackState
from wasl.tenancy.scope import tenant_scope


def test_the_demo_fills_the_queue_once_with_every_state(wefaq, noura, salem):
    assert seed_demo_feedback(wefaq.tenant) == len(STORIES)
    assert seed_demo_feedback(wefaq.tenant) == 0
    with tenant_scope(db.session, wefaq.tenant.id):
        items = list(db.session.scalars(select(Feedback).order_by(Feedback.id)))
        standings = {row.standing.state for row in rows_for(items)}
    assert [i.number[-5:] for i in items] == [f"{n:05d}" for n in range(1, len(STORIES) + 1)]
    assert {i.state for i in items} == set(FeedbackState) and {i.source for i in items} == set(FeedbackSource)
    assert sum(i.names_staff for i in items) == 1
    assert {clock.OVERDUE, clock.ON_TIME, clock.ANSWERED} <= standings
    assert all(i.reply for i in items if i.state != FeedbackState.OPEN)
