"""The committee: checks from the service's mechanisms, evidence before a decision, votes, quorum, letters."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from flask_babel import force_locale
from marshmallow import ValidationError
from sqlalchemy import func, select

from tests.cases.support import act, advance_to, open_case, scope, vote_all
from wasl.cases.catalogue import catalogue_of
from wasl.cases.errors import TransitionNotAllowed
from wasl.cases.evidence import checks_of, missing_evidence
from wasl.cases.models import CaseStatus, Decision
from wasl.cases.services import decision_letter
from wasl.cases.tenant_settings import quorum, update_case_settings
from wasl.cases.workflow.steps.base import riyadh_today
from wasl.db import db


def at_committee(association):
    case = open_case(association)
    advance_to(association, case, "committee_review")
    return case


def checks(association, case) -> dict:
    with scope(association.tenant):
        return {c.mechanism: c for c in checks_of(case)}


def tomorrow() -> str:
    return (datetime.now().astimezone() + timedelta(days=1)).isoformat()


def test_submission_sets_the_decision_date_and_creates_the_services_checks(shaair, emitted):
    case = at_committee(shaair)
    assert case.decision_due_on == riyadh_today() + timedelta(days=14)  # Shaair: 14 calendar days
    assert set(checks(shaair, case)) == {"administrative_review", "personal_interview", "field_visit"}
    submitted = [p for name, p in emitted if name == "case.submitted"]
    assert submitted == [submitted[0]] and submitted[0]["decision_due_on"] == case.decision_due_on.isoformat()
    assert submitted[0]["case_id"] == case.id and submitted[0]["decision_body"]["ar"] == "الإدارة"


def test_the_decision_is_refused_while_a_required_field_visit_has_no_report(shaair):
    case = at_committee(shaair)
    found = checks(shaair, case)
    review, interview, visit = found["administrative_review"], found["personal_interview"], found["field_visit"]
    act(shaair, case, "record_check", {"check_id": review.id, "outcome": "satisfied",
                                       "checklist": [{"item": "صك الملكية", "ok": True}]}, role="supervisor")
    act(shaair, case, "schedule_check", {"check_id": interview.id, "scheduled_at": tomorrow(),
                                         "assignee_id": shaair.users["social_researcher"].id}, role="supervisor")
    act(shaair, case, "record_check", {"check_id": interview.id, "outcome": "satisfied",
                                       "report": "مقابلة مع المستفيد."}, role="social_researcher")
    for index in (0, 1):
        act(shaair, case, "evaluate_criterion", {"criterion_index": index, "met": True}, role="supervisor")
    vote_all(shaair, case)
    with pytest.raises(ValidationError) as no_address:
        act(shaair, case, "schedule_check", {"check_id": visit.id, "scheduled_at": tomorrow(),
                                             "assignee_id": shaair.users["supervisor"].id}, role="supervisor")
    assert "address" in no_address.value.messages
    act(shaair, case, "schedule_check", {"check_id": visit.id, "scheduled_at": tomorrow(),
                                         "assignee_id": shaair.users["supervisor"].id,
                                         "address": "حي الشوقية، مكة المكرمة"}, role="supervisor")
    with force_locale("en"), pytest.raises(TransitionNotAllowed) as refused:
        act(shaair, case, "decide", {"outcome": "accepted", "reasons": "مستحق"}, role="admin")
    assert refused.value.status == 409
    assert "field visit" in refused.value.detail.lower() and "report" in refused.value.detail
    assert "interview" not in refused.value.detail.lower()  # only what is missing is named
    with pytest.raises(ValidationError) as no_report:
        act(shaair, case, "record_check", {"check_id": visit.id, "outcome": "satisfied"}, role="supervisor")
    assert "report" in no_report.value.messages
    with scope(shaair.tenant):
        assert db.session.scalar(select(func.count(Decision.id))) == 0 and case.step == "committee_review"
    act(shaair, case, "record_check", {"check_id": visit.id, "outcome": "satisfied",
                                       "report": "زار الموظف المسجد وتحقق من الحاجة."}, role="supervisor")
    act(shaair, case, "decide", {"outcome": "accepted", "reasons": "مستحق"}, role="admin")
    assert case.step == "registration"


def test_every_criterion_is_evaluated_before_the_decision(shaair):
    case = at_committee(shaair)
    for check in checks(shaair, case).values():
        if check.mechanism == "administrative_review":
            act(shaair, case, "record_check", {"check_id": check.id, "outcome": "satisfied", "report": "سليم"},
                role="supervisor")
        else:
            act(shaair, case, "schedule_check", {"check_id": check.id, "scheduled_at": tomorrow(),
                                                 "assignee_id": shaair.users["supervisor"].id, "address": "مكة"},
                role="supervisor")
            act(shaair, case, "record_check", {"check_id": check.id, "outcome": "satisfied", "report": "تم"},
                role="supervisor")
    act(shaair, case, "evaluate_criterion", {"criterion_index": 0, "met": True}, role="supervisor")
    vote_all(shaair, case)
    with pytest.raises(TransitionNotAllowed) as refused:
        act(shaair, case, "decide", {"outcome": "accepted", "reasons": "x"}, role="admin")
    assert "2" in refused.value.detail
    with pytest.raises(ValidationError) as no_such:
        act(shaair, case, "evaluate_criterion", {"criterion_index": 5, "met": True}, role="supervisor")
    assert "criterion_index" in no_such.value.messages


def test_the_quorum_is_a_majority_of_voting_members_unless_the_association_sets_it(wefaq):
    case = at_committee(wefaq)
    with scope(wefaq.tenant):
        assert quorum(wefaq.tenant.id) == 2  # the admin and the committee member may vote: 2 // 2 + 1
    act(wefaq, case, "vote", {"vote": "accept", "reasons": "مستحق"}, role="committee_member")
    with pytest.raises(TransitionNotAllowed) as short:
        act(wefaq, case, "decide", {"outcome": "accepted", "reasons": "مستحق"}, role="committee_member")
    assert "1" in short.value.detail and "2" in short.value.detail
    with scope(wefaq.tenant):
        update_case_settings(quorum=1)
        assert quorum(wefaq.tenant.id) == 1
    act(wefaq, case, "decide", {"outcome": "accepted", "reasons": "مستحق"}, role="committee_member")
    assert case.step == "registration"


def test_votes_need_the_vote_permission_and_the_decision_follows_the_majority(wefaq):
    case = at_committee(wefaq)
    with pytest.raises(TransitionNotAllowed) as not_a_member:
        act(wefaq, case, "vote", {"vote": "accept", "reasons": "x"}, role="relations_officer")
    assert not_a_member.value.status == 403
    vote_all(wefaq, case, "reject")
    act(wefaq, case, "vote", {"vote": "reject", "reasons": "الدخل أعلى من الحد"}, role="admin")  # changes, not adds
    with pytest.raises(ValidationError) as against:
        act(wefaq, case, "decide", {"outcome": "accepted", "reasons": "x"}, role="committee_member")
    assert "outcome" in against.value.messages
    with pytest.raises(ValidationError) as no_reasons:
        act(wefaq, case, "decide", {"outcome": "rejected"}, role="committee_member")
    assert "reasons" in no_reasons.value.messages


def test_a_rejection_closes_the_case_with_a_letter_and_reopening_starts_a_new_round(wefaq, emitted):
    case = at_committee(wefaq)
    vote_all(wefaq, case, "reject")
    act(wefaq, case, "decide", {"outcome": "rejected", "reasons": "الدخل الشهري أعلى من حد الاستحقاق"},
        role="committee_member")
    assert case.status == CaseStatus.REJECTED and case.closed_at is not None
    decided = [p for name, p in emitted if name == "case.decided"][-1]
    assert decided["outcome"] == "rejected" and "الدخل" in decided["reasons"]
    with scope(wefaq.tenant):
        letter = decision_letter(case, "ar")
        assert "الدخل الشهري أعلى من حد الاستحقاق" in letter.html and case.number in letter.html
        assert "جمعية وفاق بمحافظة القنفذة" in letter.html and 'dir="rtl"' in letter.html
        english = decision_letter(case, "en")
        assert "Wefaq Association" in english.html and "decided not to accept" in english.html
        assert english.pdf().startswith(b"%PDF")
    act(wefaq, case, "reopen", {"reason": "قدم المستفيد مستندات جديدة"}, role="supervisor")
    assert (case.status, case.step, case.review_round) == (CaseStatus.OPEN, "committee_review", 2)
    assert case.decided_at is None and [n for n, _ in emitted].count("case.submitted") == 2
    vote_all(wefaq, case, "accept")
    act(wefaq, case, "decide", {"outcome": "accepted", "reasons": "بعد المستندات الجديدة"}, role="committee_member")
    with scope(wefaq.tenant):
        assert "decided to accept" in decision_letter(case, "en").html
        assert db.session.scalar(select(func.count(Decision.id))) == 2


def test_each_check_is_named_in_a_whole_sentence_of_its_own(shaair):
    case = at_committee(shaair)
    found = checks(shaair, case)
    review, interview, visit = found["administrative_review"], found["personal_interview"], found["field_visit"]
    with force_locale("en"):
        with scope(shaair.tenant):
            assert missing_evidence(case, catalogue_of(case.policy_version))[:3] == [
                "The administrative review has no checklist or outcome yet.",
                "The personal interview has not been scheduled or reported.",
                "The field visit has not been scheduled or reported."]
        with pytest.raises(ValidationError) as unscheduled:
            act(shaair, case, "schedule_check", {"check_id": review.id, "scheduled_at": tomorrow(),
                                                 "assignee_id": shaair.users["supervisor"].id}, role="supervisor")
        assert unscheduled.value.messages == {
            "check_id": ["The administrative review is not scheduled; record it directly."]}
        for check, name in ((interview, "personal interview"), (visit, "field visit")):
            with pytest.raises(ValidationError) as early:
                act(shaair, case, "record_check", {"check_id": check.id, "outcome": "satisfied", "report": "تم"},
                    role="supervisor")
            assert early.value.messages == {"check_id": [f"Schedule the {name} before recording it."]}
        act(shaair, case, "schedule_check", {"check_id": interview.id, "scheduled_at": tomorrow(),
                                             "assignee_id": shaair.users["supervisor"].id}, role="supervisor")
        with pytest.raises(ValidationError) as unwritten:
            act(shaair, case, "record_check", {"check_id": interview.id, "outcome": "satisfied"}, role="supervisor")
        assert unwritten.value.messages == {"report": ["Write the report of the personal interview."]}
        with scope(shaair.tenant):
            assert ("The personal interview has no written report and outcome yet."
                    in missing_evidence(case, catalogue_of(case.policy_version)))
