"""Demo cases before the committee: the eligibility checks, criteria and votes behind each decision."""

from __future__ import annotations

from datetime import timedelta

from wasl.cases.models import CommitteeVote, CriterionEvaluation, EligibilityCheck
from wasl.cases.models.eligibility import ADMINISTRATIVE_REVIEW, FIELD_VISIT
from wasl.db import db

CHECKLIST = [{"item": "الهوية الوطنية سارية", "ok": True}, {"item": "صك الإعالة أو سجل الأسرة", "ok": True}]
REPORTS = {
    "personal_interview": "أجريت المقابلة مع المستفيد وتمت مطابقة البيانات.",
    FIELD_VISIT: "تمت الزيارة الميدانية والتحقق من حالة السكن.",
}
ADDRESSES = ("حي العزيزية", "حي النسيم", "حي الشوقية", "حي الروضة", "حي الفيصلية")


def committee_rows(builder, case, service, entered, decided, outcome: str):
    """Add the round's checks, evaluations and votes; yield the timeline entries they make.

    A case still waiting for its decision has its checks created and, half the
    time, the first of them done; a decided case has them all done and every
    voting member's vote cast before the decision.
    """
    rng, staff = builder.rng, builder.staff
    reviewer = staff.who("social_researcher")
    end = decided or builder.now
    span = end - entered
    checks = []
    for mechanism in service.mechanisms if service else ():
        check = EligibilityCheck(tenant_id=case.tenant_id, case_id=case.id, mechanism=mechanism, required=True,
                                 created_at=entered)
        db.session.add(check)
        checks.append(check)
    done = len(checks) if decided else (1 if checks and rng.random() < 0.5 else 0)
    for position, check in enumerate(checks[:done]):
        moment = entered + span * (0.2 + 0.1 * position)
        yield from _report(check, moment, reviewer, rng)
    if decided is None:
        return
    for index, criterion in enumerate(builder.catalogue.criteria):
        moment = entered + span * 0.6
        db.session.add(CriterionEvaluation(tenant_id=case.tenant_id, case_id=case.id, criterion_index=index,
                                           kind=criterion.kind, text=dict(criterion.text),
                                           met=outcome == "accepted", evaluated_by_id=reviewer,
                                           evaluated_at=moment))
        yield moment, "criterion_evaluated", reviewer, {"action": "evaluate_criterion", "criterion_index": index,
                                                        "met": outcome == "accepted", "notes": None}
    vote = "accept" if outcome == "accepted" else "reject"
    reasons = "الحالة مستوفية للشروط" if vote == "accept" else "لا تنطبق شروط الاستحقاق"
    for position, voter in enumerate(staff.voters):
        moment = entered + span * (0.7 + 0.05 * position)
        db.session.add(CommitteeVote(tenant_id=case.tenant_id, case_id=case.id, voter_id=voter, vote=vote,
                                     reasons=reasons, cast_at=moment))
        yield moment, "voted", voter, {"action": "vote", "vote": vote, "reasons": reasons, "changed": False}


def _report(check: EligibilityCheck, moment, reviewer: int, rng):
    """Schedule (interviews, visits) and record one check as satisfied."""
    if check.mechanism != ADMINISTRATIVE_REVIEW:
        scheduled = moment - timedelta(days=1)
        check.scheduled_at, check.assignee_id = scheduled, reviewer
        check.address = rng.choice(ADDRESSES) if check.mechanism == FIELD_VISIT else None
        check.report = REPORTS.get(check.mechanism, REPORTS[FIELD_VISIT])
        yield scheduled, "check_scheduled", reviewer, {
            "action": "schedule_check", "check_id": check, "mechanism": check.mechanism,
            "scheduled_at": scheduled.isoformat(), "assignee_id": reviewer, "address": check.address}
    else:
        check.checklist = list(CHECKLIST)
    check.outcome, check.completed_at, check.completed_by_id = "satisfied", moment, reviewer
    yield moment, "check_recorded", reviewer, {"action": "record_check", "check_id": check,
                                               "mechanism": check.mechanism, "outcome": "satisfied"}
