"""Demo survey answers: every delivered demo case sent its survey, and most people answered it.

Written in bulk like the demo cases (``demo_cases``): one survey per case
whose service was delivered, sent at its first delivery, answered by about
seven in ten within a few days, with scores leaning satisfied, a few
comments, mostly in Arabic. Seeded per association, so every build is the
same; an association that already has surveys is left as it is. The demo
also publishes each seed association's transparency page (off by default
elsewhere), unless its admin has already chosen.
"""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import and_, func, insert, select

from wasl.cases.models import Case, ServiceDelivery
from wasl.db import db, utcnow
from wasl.policy.models import PolicyVersion
from wasl.surveys.models import SatisfactionSurvey
from wasl.surveys.questions import TOP_SCALE, questions_of
from wasl.surveys.services import token_hash, ttl
from wasl.tenancy.scope import tenant_scope
from wasl.transparency.models import DEFAULT_PERIOD_DAYS, TransparencySetting

ANSWER_SHARE = 0.7
SCORES = ((5, 45), (4, 30), (3, 13), (2, 7), (1, 5))  # (score, weight)
COMMENT_SHARE = 0.15
COMMENTS = ("شكرًا لكم على حسن التعامل وسرعة الإنجاز.", "نأمل تقليل وقت الانتظار في المراجعة.",
            "الموظفة كانت متعاونة وشرحت لي الخطوات بوضوح.", "تأخر الرد على الاتصال أكثر من مرة.",
            "جزاكم الله خيرًا، وصلت المساعدة في وقتها.")
ENGLISH_SHARE = 0.1


def seed_demo_surveys(tenant) -> int:
    """Surveys (most answered) for the delivered demo cases of ``tenant``; returns how many were written."""
    with tenant_scope(db.session, tenant.id):
        if db.session.scalar(select(SatisfactionSurvey.id).limit(1)) is not None:
            return 0
        rng = random.Random(f"wasl-demo-surveys-{tenant.slug}")
        now, questions = utcnow(), _questions()
        rows = [_survey(rng, tenant.id, row, questions[row.policy_version_id], now)
                for row in _delivered() if questions.get(row.policy_version_id)]
        if rows:
            db.session.execute(insert(SatisfactionSurvey), rows)
        return len(rows)


def publish_transparency_page(tenant) -> bool:
    """Publish the association's transparency page for the last 12 months, if its admin never chose."""
    with tenant_scope(db.session, tenant.id):
        if db.session.scalar(select(TransparencySetting.id)) is not None:
            return False
        db.session.add(TransparencySetting(tenant_id=tenant.id, published=True, period_days=DEFAULT_PERIOD_DAYS))
        db.session.flush()
        return True


def _questions() -> dict:
    return {version_id: questions_of(content) for version_id, content
            in db.session.execute(select(PolicyVersion.id, PolicyVersion.content))}


def _delivered():
    """Each case with a delivery: its service, channel, policy version and first delivery, in case order."""
    first = func.min(ServiceDelivery.recorded_at).label("first_at")
    stmt = (select(Case.id, Case.service_key, Case.channel, Case.policy_version_id, first)
            .join(ServiceDelivery, and_(ServiceDelivery.case_id == Case.id,
                                        ServiceDelivery.tenant_id == Case.tenant_id))
            .group_by(Case.id, Case.service_key, Case.channel, Case.policy_version_id).order_by(Case.id))
    return list(db.session.execute(stmt))


def _survey(rng: random.Random, tenant_id: int, row, questions, now) -> dict:
    invited_at = row.first_at
    answered_at = invited_at + timedelta(hours=rng.randrange(2, 120))
    answered = rng.random() < ANSWER_SHARE and answered_at < now
    survey = {"tenant_id": tenant_id, "case_id": row.id, "service_key": row.service_key, "channel": row.channel,
              "token_hash": token_hash(f"demo-{tenant_id}-{row.id}-{rng.getrandbits(64):x}", tenant_id),
              "invited_at": invited_at, "expires_at": invited_at + ttl(), "answered_at": None, "language": None,
              "score": None, "answers": None, "comment": None}
    if answered:
        score = rng.choices([s for s, _w in SCORES], weights=[w for _s, w in SCORES])[0]
        survey.update(answered_at=answered_at, score=score, answers=_answers(rng, questions, score),
                      language="en" if rng.random() < ENGLISH_SHARE else "ar",
                      comment=rng.choice(COMMENTS) if rng.random() < COMMENT_SHARE else None)
    return survey


def _answers(rng: random.Random, questions, score: int) -> dict:
    """The overall question gets the score (on its own scale); the others stay near it."""
    answers = {}
    for index, question in enumerate(questions):
        value = score if index == 0 else min(TOP_SCALE, max(1, score + rng.choice((-1, 0, 0, 1))))
        answers[question.key] = max(1, round(1 + (value - 1) * (question.scale - 1) / (TOP_SCALE - 1)))
    return answers
