"""The scorecard of wefaq from a small known history, checked against a hand count; drill-downs and statements.

History (all received today): A delivered (website, decided on time, survey answered 5), B delivered (phone,
on time, survey not answered), C decided late (website; due the day before the decision), D received only
(interview). Hand count: decisions on time 2 of 3; pledges before submission 3 of 3; channels used 3 of the
8 enabled; online 2 of 4; surveys answered 1 of 2; satisfied 1 of 1.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from tests.cases.pages import as_member
from tests.cases.support import advance_to, open_case, scope
from tests.surveys.support import delivered, token_of
from wasl.cases.models import Case
from wasl.cases.workflow.steps.base import riyadh_today
from wasl.db import db
from wasl.surveys import services


def _history(wefaq, invitations) -> dict:
    ids = {"a": delivered(wefaq, "website").id, "b": delivered(wefaq, "phone").id}
    late = open_case(wefaq, channel="website")
    advance_to(wefaq, late, "registration")
    with scope(wefaq.tenant):
        ids["c"] = late.id
    interview = open_case(wefaq, channel="interview")
    with scope(wefaq.tenant):
        ids["d"] = interview.id
    db.session.commit()
    with scope(wefaq.tenant):
        db.session.execute(update(Case).where(Case.id == ids["c"])
                           .values(decision_due_on=riyadh_today() - timedelta(days=1))
                           .execution_options(synchronize_session=False))
        survey = services.open_survey(token_of(invitations[0]), wefaq.tenant.id)
        services.answer(survey, {"overall": 5, "treatment": 5, "speed": 4}, None, "ar")
    db.session.commit()
    return ids


def _row(page: str, key: str) -> tuple[int, int, str]:
    start = page.index(f'id="row-{key}"')
    tag = page[start:page.index(">", start)]
    total = int(tag.split('data-total="')[1].split('"')[0])
    met = int(tag.split('data-met="')[1].split('"')[0])
    light = page[start:].split('data-light="')[1].split('"')[0]
    return total, met, light


def test_rows_match_the_hand_count(client, wefaq, invitations):
    _history(wefaq, invitations)
    as_member(client, wefaq, "viewer")
    page = client.get("/wefaq/scorecard")
    assert page.status_code == 200
    text = page.text
    assert _row(text, "decision_window") == (3, 2, "missed")
    assert _row(text, "pledge") == (3, 3, "met")
    assert _row(text, "channels") == (8, 3, "missed")
    assert _row(text, "online_share") == (4, 2, "info")
    assert _row(text, "survey_response") == (2, 1, "met")
    assert _row(text, "satisfaction") == (1, 1, "met")
    assert "✕" in text and "غير متحقق" in text  # a light has a shape and words, not only a colour


def test_a_drill_down_lists_exactly_the_cases_behind_the_figure(client, wefaq, invitations):
    ids = _history(wefaq, invitations)
    as_member(client, wefaq, "viewer")
    page = client.get("/wefaq/scorecard/cases?clause=decision_window").text
    listed = {int(part.split('"')[0]) for part in page.split('data-case-id="')[1:]}
    assert listed == {ids["a"], ids["b"], ids["c"]}
    first = page.split('data-case-id="')[1]
    assert first.startswith(f'{ids["c"]}"')  # the late one first
    answered = client.get("/wefaq/scorecard/cases?clause=satisfaction").text
    assert {int(p.split('"')[0]) for p in answered.split('data-case-id="')[1:]} == {ids["a"]}
    assert "Meets the clause" not in answered and "يحقق البند" not in answered  # no one's answer is shown
    assert client.get("/wefaq/scorecard/cases?clause=nothing").status_code == 404


def test_the_page_runs_the_same_statements_however_many_cases(client, wefaq, invitations, count_queries):
    _history(wefaq, invitations)
    as_member(client, wefaq, "viewer")
    client.get("/wefaq/scorecard")
    with count_queries() as few:
        client.get("/wefaq/scorecard")
    for _ in range(3):
        delivered(wefaq, "phone")
    client.get("/wefaq/scorecard")
    with count_queries() as many:
        assert client.get("/wefaq/scorecard").status_code == 200
    assert len(many) == len(few) <= 16, "\n".join(many)
    aggregates = [s for s in many if "count(" in s.lower()]
    assert len(aggregates) == 6  # decision, pledge, channels (with online share), surveys twice, referrals


def test_the_operator_sees_every_association(client, factory, wefaq, invitations):
    from tests.support.web import sign_in

    _history(wefaq, invitations)
    operator = factory.user(operator=True)
    factory.commit()
    sign_in(client, operator, second_factor=True)
    page = client.get("/operator/scorecard")
    assert page.status_code == 200 and 'id="tenant-wefaq"' in page.text
