"""The transition table comes from the policy version, and it is checked in one place."""

from __future__ import annotations

import pytest
from flask_babel import force_locale
from marshmallow import ValidationError

from tests.cases.support import act, open_case, scope, staff
from wasl.cases.catalogue import catalogue_of
from wasl.cases.errors import TransitionNotAllowed
from wasl.cases.models import CaseStatus
from wasl.cases.services import available_actions, referrals_for
from wasl.cases.workflow import CLOSED, Workflow, qualifies
from wasl.policy.services import published_version

SEEDS = ("wefaq", "shaair", "modeem", "hope", "quwayiyah")


def flow_of(tenant) -> Workflow:
    with scope(tenant):
        return Workflow(catalogue_of(published_version(tenant)))


@pytest.mark.parametrize("slug", SEEDS)
def test_the_table_follows_the_policys_steps_in_order(factory, slug):
    tenant = factory.seed_tenant(slug)
    with scope(tenant):
        policy_steps = [s["type"] for s in published_version(tenant).content["procedure"]["steps"]]
    flow = flow_of(tenant)
    advancing = [(t.step, t.to) for t in flow.transitions() if t.to != t.step]
    assert [step for step, _ in advancing] == policy_steps
    assert [to for _, to in advancing] == [*policy_steps[1:], CLOSED]


def test_modeems_table_has_no_referral_and_shaairs_refers_to_the_supervisor(factory):
    modeem, shaair, wefaq = (flow_of(factory.seed_tenant(s)) for s in ("modeem", "shaair", "wefaq"))
    assert "referral" not in [s.type for s in modeem.steps]
    assert not [t for t in modeem.transitions() if t.action in ("refer", "answer_referral")]
    assert ("pledge", "submit", "committee_review") in {(t.step, t.action, t.to) for t in modeem.transitions()}
    assert shaair.step("referral").target_role == "supervisor"
    assert wefaq.step("referral").target_role == "social_researcher"
    assert shaair.step("committee_review").responsible_role == "admin"


def test_the_pledge_guards_the_steps_from_signing_to_the_decision(factory):
    flow = flow_of(factory.seed_tenant("wefaq"))
    guarded = [s.type for s in flow.steps if flow.pledge_guarded(s.type)]
    assert guarded == ["pledge", "committee_review"]


def test_an_action_of_another_step_is_refused_with_409(factory):
    wefaq = staff(factory, factory.seed_tenant("wefaq"))
    case = open_case(wefaq)
    with force_locale("en"), pytest.raises(TransitionNotAllowed) as refused:
        act(wefaq, case, "decide", {"outcome": "accepted", "reasons": "x"}, role="admin")
    assert refused.value.status == 409
    assert "“Issue the decision”" in refused.value.detail and "“Reception”" in refused.value.detail


def test_an_action_of_another_role_is_refused_with_403(factory):
    wefaq = staff(factory, factory.seed_tenant("wefaq"))
    case = open_case(wefaq)
    # The social researcher holds cases.handle but does not qualify for the relations officer's step.
    for role in ("social_researcher", "viewer", "committee_member"):
        with pytest.raises(TransitionNotAllowed) as refused:
            act(wefaq, case, "complete_reception", role=role)
        assert refused.value.status == 403
    act(wefaq, case, "complete_reception", role="supervisor")  # grants all a relations officer does
    assert case.step == "completeness_check"


def test_an_unknown_action_names_the_action_field(factory):
    wefaq = staff(factory, factory.seed_tenant("wefaq"))
    case = open_case(wefaq)
    with pytest.raises(ValidationError) as invalid:
        act(wefaq, case, "approve_everything")
    assert "action" in invalid.value.messages


def test_qualifying_for_a_role_is_judged_by_its_permissions(factory):
    wefaq = staff(factory, factory.seed_tenant("wefaq"))
    with scope(wefaq.tenant):
        admin, officer = wefaq.membership("admin"), wefaq.membership("relations_officer")
        researcher, supervisor = wefaq.membership("social_researcher"), wefaq.membership("supervisor")
        assert all(qualifies(admin, role) for role in ("relations_officer", "committee_member", "supervisor"))
        assert qualifies(officer, "relations_officer") and not qualifies(officer, "committee_member")
        assert not qualifies(researcher, "relations_officer")
        assert qualifies(supervisor, "relations_officer") and qualifies(supervisor, "social_researcher")


def test_available_actions_depend_on_step_role_and_what_exists(factory):
    wefaq = staff(factory, factory.seed_tenant("wefaq"))
    case = open_case(wefaq)
    with scope(wefaq.tenant):
        officer = {a.name: a for a in available_actions(case, wefaq.membership("relations_officer"))}
        supervisor = {a.name for a in available_actions(case, wefaq.membership("supervisor"))}
        viewer = available_actions(case, wefaq.membership("viewer"))
    assert set(officer) == {"record_interaction", "complete_reception", "withdraw"}
    assert "reassign" in supervisor and "reassign" not in officer
    assert viewer == []
    act(wefaq, case, "complete_reception")
    with scope(wefaq.tenant):
        blocked = {a.name: a.blocked for a in available_actions(case, wefaq.membership("relations_officer"))}
    assert "الهوية الوطنية أو الإقامة" in blocked["confirm_complete"]  # the document, in the policy's words
    assert blocked["request_documents"] is None


def test_a_referral_goes_to_the_policys_role_and_comes_back(factory):
    shaair = staff(factory, factory.seed_tenant("shaair"))
    case = open_case(shaair)
    with scope(shaair.tenant):  # the referral rules only; the steps before it are covered by the journeys
        case.step, case.waiting_role = "referral", "relations_officer"
    act(shaair, case, "refer", {"question": "هل يشمل طلبه صيانة المسجد؟"})
    assert (case.status, case.waiting_role) == (CaseStatus.REFERRED, "supervisor")
    with force_locale("en"), pytest.raises(TransitionNotAllowed) as waiting:
        act(shaair, case, "proceed")
    assert waiting.value.status == 409
    assert waiting.value.detail.endswith("is not possible while the case is referred.")  # one sentence per status
    with scope(shaair.tenant):
        assert [r.case_id for r in referrals_for(shaair.membership("supervisor"))] == [case.id]
        assert referrals_for(shaair.membership("social_researcher")) == []
    with pytest.raises(TransitionNotAllowed) as wrong_role:
        act(shaair, case, "answer_referral", {"answer": "نعم"}, role="social_researcher")
    assert wrong_role.value.status == 403
    act(shaair, case, "answer_referral", {"answer": "نعم، ضمن برنامج الصيانة."}, role="supervisor")
    assert (case.status, case.waiting_role) == (CaseStatus.OPEN, "relations_officer")
    with scope(shaair.tenant):
        assert referrals_for(shaair.membership("supervisor")) == []
    act(shaair, case, "proceed")
    assert case.step == "pledge"


def test_withdraw_then_reopen_returns_to_the_same_step(factory):
    wefaq = staff(factory, factory.seed_tenant("wefaq"))
    case = open_case(wefaq)
    act(wefaq, case, "complete_reception")
    act(wefaq, case, "withdraw", {"reason": "طلب المستفيد إلغاء الطلب"})
    assert case.status == CaseStatus.WITHDRAWN and case.waiting_role is None
    with force_locale("en"), pytest.raises(TransitionNotAllowed) as ended:
        act(wefaq, case, "confirm_complete", {"checklist": ["national_id"]})
    assert ended.value.detail.endswith("is not possible: the request was withdrawn.")
    with pytest.raises(TransitionNotAllowed) as officer_may_not:
        act(wefaq, case, "reopen", {"reason": "عاد المستفيد"})
    assert officer_may_not.value.status == 403
    act(wefaq, case, "reopen", {"reason": "عاد المستفيد بطلبه"}, role="supervisor")
    assert (case.status, case.step, case.waiting_role) == (CaseStatus.OPEN, "completeness_check", "relations_officer")


def test_reassign_names_only_active_members_of_the_association(factory):
    wefaq = staff(factory, factory.seed_tenant("wefaq"))
    outsider = factory.member(factory.tenant())
    case = open_case(wefaq)
    with pytest.raises(ValidationError) as invalid:
        act(wefaq, case, "reassign", {"assignee_id": outsider.id}, role="supervisor")
    assert "assignee_id" in invalid.value.messages
    act(wefaq, case, "reassign", {"assignee_id": wefaq.users["relations_officer"].id}, role="supervisor")
    assert case.assignee_id == wefaq.users["relations_officer"].id
