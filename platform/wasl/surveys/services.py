"""Inviting a person to rate the service, finding the survey behind a link, and recording the answer.

A link is ``/<slug>/survey/<token>``: a random token shown once, in the
message; the database keeps its keyed hash only. A link is refused, each with
its own message, when it matches no survey of this association (mistyped,
altered, or another association's), when it has expired, or when the survey
has been answered: one answer per case, however many times the link is opened.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select, update

from wasl.cases.catalogue import Catalogue, catalogue_of
from wasl.cases.models import Case
from wasl.crypto import blind_index
from wasl.dashboards.period_args import period_from
from wasl.db import db, utcnow
from wasl.errors import Refused
from wasl.kernel.moments import aware
from wasl.policy.models import PolicyVersion
from wasl.policy.services import published_version
from wasl.surveys.models import SatisfactionSurvey
from wasl.surveys.questions import Question, overall_score, questions_of
from wasl.surveys.report import satisfaction

TOKEN_KIND = "survey.token"
DEFAULT_TTL_DAYS = 14
COMMENT_LIMIT = 1000
NOT_FOUND, EXPIRED, ANSWERED = "not_found", "expired", "answered"


class SurveyRefused(Refused):
    """The link cannot be used; ``reason`` is one of NOT_FOUND, EXPIRED, ANSWERED (its page says which)."""

    STATUS = {NOT_FOUND: 404, EXPIRED: 410, ANSWERED: 410}

    def __init__(self, reason: str):
        super().__init__(status=self.STATUS[reason])
        self.reason = reason


def token_hash(token: str, tenant_id: int) -> str:
    return blind_index(TOKEN_KIND, token, tenant_id)


def ttl() -> timedelta:
    return timedelta(days=int(current_app.config.get("WASL_SURVEY_TTL_DAYS", DEFAULT_TTL_DAYS)))


@dataclass(frozen=True)
class Invitation:
    survey: SatisfactionSurvey
    token: str  # the only time the token exists in the clear


def invite(case: Case, at: datetime | None = None) -> Invitation | None:
    """A survey for ``case`` unless it already has one or its policy measures no satisfaction."""
    if not questions_of(_content(case)):
        return None
    taken = db.session.scalar(select(SatisfactionSurvey.id).where(SatisfactionSurvey.case_id == case.id))
    if taken is not None:
        return None
    at = at or utcnow()
    token = secrets.token_urlsafe(24)
    survey = SatisfactionSurvey(tenant_id=case.tenant_id, case_id=case.id, token_hash=token_hash(token, case.tenant_id),
                                service_key=case.service_key, channel=case.channel, invited_at=at,
                                expires_at=at + ttl())
    db.session.add(survey)
    db.session.flush()
    return Invitation(survey, token)


def _content(case: Case) -> dict:
    version = db.session.get(PolicyVersion, case.policy_version_id)
    return version.content if version is not None else {}


def open_survey(token: str, tenant_id: int, now: datetime | None = None) -> SatisfactionSurvey:
    """The survey behind a link of this association, still open; otherwise ``SurveyRefused``."""
    survey = db.session.scalar(select(SatisfactionSurvey).where(
        SatisfactionSurvey.token_hash == token_hash(token or "", tenant_id)))
    if survey is None:
        raise SurveyRefused(NOT_FOUND)
    if survey.is_answered:
        raise SurveyRefused(ANSWERED)
    if aware(survey.expires_at) <= (now or utcnow()):
        raise SurveyRefused(EXPIRED)
    return survey


def questions_for(survey: SatisfactionSurvey) -> tuple[Question, ...]:
    case = db.session.get(Case, survey.case_id)
    return questions_of(_content(case)) if case is not None else ()


def answer(survey: SatisfactionSurvey, values: dict[str, int], comment: str | None, language: str,
           now: datetime | None = None) -> None:
    """Record the answers once: a second answer (even a concurrent one) is ``SurveyRefused(ANSWERED)``."""
    questions = questions_for(survey)
    answers = {q.key: int(values[q.key]) for q in questions if values.get(q.key) is not None}
    first = questions[0] if questions else None
    score = overall_score(first, answers[first.key]) if first and first.key in answers else None
    written = db.session.execute(
        update(SatisfactionSurvey)
        .where(SatisfactionSurvey.id == survey.id, SatisfactionSurvey.answered_at.is_(None))
        .values(answered_at=now or utcnow(), answers=answers, score=score, language=language,
                comment=(comment or "").strip()[:COMMENT_LIMIT] or None)
        .execution_options(synchronize_session=False))
    if written.rowcount != 1:
        raise SurveyRefused(ANSWERED)


def satisfaction_page(tenant, args, language: str, with_comments: bool):
    """The satisfaction results of the period in ``args``, the services to choose from and the
    messages of an invalid choice (the default period is shown then)."""
    version = published_version(tenant)
    catalogue = catalogue_of(version) if version is not None else Catalogue({})
    period, errors = period_from(args, catalogue)
    report = satisfaction(period, catalogue, language, with_comments=with_comments)
    choices = [(key, catalogue.service_label(key, language)) for key in catalogue.services]
    return report, choices, errors
