"""Survey links: sent after a delivery, answered once, refused clearly when expired, altered or foreign."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from tests.cases.support import act, scope
from tests.support.web import csrf_token
from tests.surveys.support import delivered, path_of, token_of
from wasl.cases.models import Case
from wasl.db import db, utcnow
from wasl.notifications.models import Notification
from wasl.surveys import services
from wasl.surveys.models import SatisfactionSurvey

ANSWERS = {"q-overall": "5", "q-treatment": "4", "q-speed": "3", "comment": "شكراً لكم على حسن التعامل"}


def _post(client, path: str, data: dict):
    return client.post(path, data={**data, "csrf_token": csrf_token(client, path)})


def test_a_delivery_sends_one_link_through_the_outbox(wefaq, invitations):
    case = delivered(wefaq)
    with scope(wefaq.tenant):
        act(wefaq, db.session.get(Case, case.id), "record_delivery", {"description": "إيجار", "amount": "100"})
    db.session.commit()
    assert len(invitations) == 1 and invitations[0]["case_id"] == case.id
    with scope(wefaq.tenant):
        survey = db.session.scalars(select(SatisfactionSurvey)).one()
        assert survey.token_hash != token_of(invitations[0]) and len(survey.token_hash) == 64
        kinds = set(db.session.scalars(select(Notification.event).where(Notification.object_id == str(case.id))))
    assert "case.survey_invited" in kinds


def test_the_page_asks_the_policy_questions_and_records_one_answer(client, wefaq, invitations):
    delivered(wefaq)
    path = path_of(invitations[0])
    page = client.get(path)
    assert page.status_code == 200 and "ما مدى رضاكم عن الخدمة" in page.text and 'dir="rtl"' in page.text
    answered = _post(client, path, ANSWERS)
    assert answered.status_code == 302 and answered.headers["Location"].endswith("/wefaq/survey/thanks")
    with scope(wefaq.tenant):
        survey = db.session.scalars(select(SatisfactionSurvey)).one()
        assert (survey.score, survey.answers, survey.language) == (5, {"overall": 5, "treatment": 4, "speed": 3}, "ar")
        assert survey.comment == ANSWERS["comment"]
    again = client.get(path)
    assert again.status_code == 410 and 'data-reason="answered"' in again.text
    assert _post(client, path, ANSWERS).status_code == 410


def test_an_unanswered_question_is_asked_again(client, wefaq, invitations):
    delivered(wefaq)
    path = path_of(invitations[0])
    answer = _post(client, path, {"q-overall": "4"})
    assert answer.status_code == 422 and "q-treatment-error" in answer.text


def test_a_second_answer_for_the_same_case_is_refused(wefaq, invitations):
    delivered(wefaq)
    with scope(wefaq.tenant):
        survey = services.open_survey(token_of(invitations[0]), wefaq.tenant.id)
        services.answer(survey, {"overall": 4}, None, "ar")
        try:
            services.answer(survey, {"overall": 1}, None, "ar")
        except services.SurveyRefused as refused:
            assert refused.reason == services.ANSWERED
        else:
            raise AssertionError("a second answer was recorded")
        assert db.session.scalar(select(SatisfactionSurvey.score)) == 4
        assert services.invite(db.session.get(Case, survey.case_id)) is None  # one survey per case


def test_an_expired_link_is_refused(client, wefaq, invitations):
    delivered(wefaq)
    with scope(wefaq.tenant):
        db.session.execute(update(SatisfactionSurvey).values(expires_at=utcnow() - timedelta(minutes=1))
                           .execution_options(synchronize_session=False))
    db.session.commit()
    page = client.get(path_of(invitations[0]))
    assert page.status_code == 410 and 'data-reason="expired"' in page.text
    assert "انتهت صلاحية" in page.text


def test_an_altered_link_is_refused(client, wefaq, invitations):
    delivered(wefaq)
    path = path_of(invitations[0])
    altered = path[:-1] + ("A" if path[-1] != "A" else "B")
    page = client.get(altered)
    assert page.status_code == 404 and 'data-reason="not_found"' in page.text
    assert _post(client, altered, ANSWERS).status_code == 404


def test_another_associations_link_is_refused(client, factory, wefaq, invitations):
    factory.seed_tenant("hope")
    factory.commit()
    delivered(wefaq)
    page = client.get(f"/hope/survey/{token_of(invitations[0])}")
    assert page.status_code == 404 and 'data-reason="not_found"' in page.text


def test_the_page_reads_in_english(client, wefaq, invitations):
    delivered(wefaq)
    path = path_of(invitations[0])
    client.post("/locale", data={"locale": "en", "next": path, "csrf_token": csrf_token(client, path)})
    page = client.get(path)
    assert page.status_code == 200 and "How satisfied are you with the service" in page.text
    assert _post(client, path, {"q-overall": "2", "q-treatment": "2", "q-speed": "2"}).status_code == 302
    with scope(wefaq.tenant):
        assert db.session.scalar(select(SatisfactionSurvey.language)) == "en"
