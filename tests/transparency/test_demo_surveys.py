"""The demo's survey answers: one survey per delivered case, most answered, the same on every build, added once;
the satisfaction page, the scorecard and the transparency page then show real figures."""

from __future__ import annotations

from sqlalchemy import func, select

from tests.cases.pages import as_member
from tests.cases.support import scope
from wasl.cases.models import ServiceDelivery
from wasl.db import db
from wasl.demo_cases import seed_demo_cases
from wasl.demo_surveys import publish_transparency_page, seed_demo_surveys
from wasl.surveys.models import SatisfactionSurvey


def _surveys(tenant) -> list[tuple]:
    with scope(tenant):
        return db.session.execute(select(SatisfactionSurvey.case_id, SatisfactionSurvey.score,
                                         SatisfactionSurvey.answered_at).order_by(SatisfactionSurvey.case_id)).all()


def test_demo_surveys_follow_the_deliveries_and_are_added_once(client, wefaq):
    seed_demo_cases(wefaq.tenant, count=200)
    db.session.commit()
    written = seed_demo_surveys(wefaq.tenant)
    db.session.commit()
    assert seed_demo_surveys(wefaq.tenant) == 0  # an association with surveys is left as it is
    with scope(wefaq.tenant):
        delivered = db.session.scalar(select(func.count(func.distinct(ServiceDelivery.case_id))))
    surveys = _surveys(wefaq.tenant)
    answered = [s for s in surveys if s.answered_at is not None]
    assert written == delivered == len(surveys) > 10
    assert 0.5 < len(answered) / len(surveys) < 0.9
    assert {score for _case, score, _at in answered} <= {1, 2, 3, 4, 5} and len({s.score for s in answered}) >= 3

    with scope(wefaq.tenant):  # the same build again gives the same answers
        db.session.query(SatisfactionSurvey).delete()
    assert seed_demo_surveys(wefaq.tenant) == written
    assert [(c, s) for c, s, _a in _surveys(wefaq.tenant)] == [(c, s) for c, s, _a in surveys]

    db.session.commit()
    page = as_member(client, wefaq, "viewer").get("/wefaq/satisfaction?lang=en").text
    assert 'id="sat-csat"' in page and "—" not in page.split('id="sat-csat"')[1].split("</div></div>")[0]
    row = as_member(client, wefaq, "viewer").get("/wefaq/scorecard?lang=en").text.split('id="row-satisfaction"')[1]
    assert 'data-total="0"' not in row.split(">", 1)[0]
    assert publish_transparency_page(wefaq.tenant) is True
    db.session.commit()
    assert publish_transparency_page(wefaq.tenant) is False  # the admin's choice (or the demo's) stays
    public = client.get("/wefaq/transparency?lang=en").text
    assert 'id="tr-csat"' in public and "%" in public.split('id="tr-csat"')[1].split("</div></div>")[0]
