"""What the committee has in hand for the current review round: checks, criteria, votes."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from wasl.cases.catalogue import Catalogue
from wasl.cases.models import Case, CommitteeVote, CriterionEvaluation, EligibilityCheck
from wasl.cases.models.committee import ACCEPT, REJECT
from wasl.cases.models.eligibility import ADMINISTRATIVE_REVIEW, FIELD_VISIT, PERSONAL_INTERVIEW
from wasl.db import db
from wasl.reads import remembered

# One whole sentence per mechanism: its name dropped into a shared sentence cannot be translated well.
_NOT_SCHEDULED = {
    PERSONAL_INTERVIEW: _l("The personal interview has not been scheduled or reported."),
    FIELD_VISIT: _l("The field visit has not been scheduled or reported."),
}
_NOT_REPORTED = {
    PERSONAL_INTERVIEW: _l("The personal interview has no written report and outcome yet."),
    FIELD_VISIT: _l("The field visit has no written report and outcome yet."),
}


def checks_of(case: Case) -> list[EligibilityCheck]:
    return _of_this_round(case, EligibilityCheck, EligibilityCheck.id)


def evaluations_of(case: Case) -> list[CriterionEvaluation]:
    return _of_this_round(case, CriterionEvaluation, CriterionEvaluation.criterion_index)


def votes_of(case: Case) -> list[CommitteeVote]:
    return _of_this_round(case, CommitteeVote, CommitteeVote.cast_at, CommitteeVote.id)


def _of_this_round(case: Case, model, *order) -> list:
    """The case's rows of ``model`` in its current review round (read once per request, see ``wasl.reads``)."""
    def load() -> list:
        return list(db.session.scalars(select(model).where(
            model.case_id == case.id, model.review_round == case.review_round).order_by(*order)))

    return list(remembered(round_question(model, case), load))


def round_question(model, case: Case) -> tuple:
    """How ``wasl.reads`` names the read of the case's rows of ``model`` in its current review round."""
    return model.__tablename__, case.id, case.review_round


def missing_evidence(case: Case, catalogue: Catalogue) -> list[str]:
    """One sentence per required check without its evidence and per criterion not yet evaluated."""
    problems = []
    for check in checks_of(case):
        if check.required and not check.has_evidence:
            problems.append(_missing_check(check))
    evaluated = {e.criterion_index for e in evaluations_of(case)}
    for criterion in catalogue.criteria:
        if criterion.index not in evaluated:
            problems.append(_("Criterion {number} has not been evaluated.").format(number=criterion.index + 1))
    return problems


def _missing_check(check: EligibilityCheck) -> str:
    if check.mechanism == ADMINISTRATIVE_REVIEW:
        return _("The administrative review has no checklist or outcome yet.")
    return str((_NOT_SCHEDULED if check.scheduled_at is None else _NOT_REPORTED)[check.mechanism])


@dataclass(frozen=True)
class Tally:
    accept: int
    reject: int

    @property
    def cast(self) -> int:
        return self.accept + self.reject

    @property
    def majority(self) -> str | None:
        if self.accept == self.reject:
            return None
        return ACCEPT if self.accept > self.reject else REJECT


def tally(case: Case) -> Tally:
    votes = [v.vote for v in votes_of(case)]
    return Tally(votes.count(ACCEPT), votes.count(REJECT))
