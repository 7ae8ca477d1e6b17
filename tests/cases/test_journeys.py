"""Every seed association's full journey, driven only by its policy data, through the API.

The driver knows how to complete each step type; which steps come, in which
order, who acts at each, where a referral goes and which checks the committee
needs all come from the association's published policy. A sixth association,
made from a folder with its own order and mechanisms, runs with no code change.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta

import pytest
import yaml

from tests.cases.api import CasesApi
from tests.cases.support import person, scope, signature, staff, voters
from wasl import PROJECT_ROOT
from wasl.administration.holidays import add_holiday
from wasl.cases.clock import due_on
from wasl.cases.workflow.steps.base import riyadh_today
from wasl.onboarding.definitions import onboard
from wasl.policy.services import published_version

SEEDS = ("wefaq", "shaair", "modeem", "hope", "quwayiyah")


class Journey:
    """Completes whatever step the case is at, as the member the policy makes responsible for it."""

    def __init__(self, api: CasesApi, association, policy: dict):
        self.api, self.association, self.policy = api, association, policy
        self.steps = {s["type"]: s for s in policy["procedure"]["steps"]}
        self.visited, self.referred_to = [], None

    def act(self, case_id, action, payload=None, role=None, expect=200):
        response = self.api.act(case_id, action, payload, role=role)
        assert response.status_code == expect, (action, response.get_json())
        return response.get_json()

    def run(self, case_id) -> dict:
        detail = self.api.read(case_id).get_json()
        while detail["case"]["status"] != "closed":
            step = detail["case"]["step"]
            self.visited.append(step)
            detail = getattr(self, step)(case_id, self.steps[step]["responsible_role"], detail)
            assert detail["case"]["step"] != step or detail["case"]["status"] == "closed"
        return detail

    def reception(self, case_id, role, detail):
        self.act(case_id, "record_interaction", {"notes": "حضر المستفيد وسأل عن الخدمة",
                                                 "enquiries": [{"question": "كم المدة؟", "answer": "أسبوعان"}]}, role)
        return self.act(case_id, "complete_reception", role=role)

    def completeness_check(self, case_id, role, detail):
        service = next(s for s in self.policy["services"] if s["key"] == detail["case"]["service"]["key"])
        for document in service["required_documents"]:
            expiry = (date.today() + timedelta(days=200)).isoformat()
            assert self.api.upload(case_id, expiry, kind=document["key"]).status_code == 201
        checklist = [d["key"] for d in service["required_documents"]]
        return self.act(case_id, "confirm_complete", {"checklist": checklist}, role)

    def referral(self, case_id, role, detail):
        target = self.steps["referral"]["target_role"]
        referred = self.act(case_id, "refer", {"question": "هل يستحق الخدمة وفق اللائحة؟"}, role)
        assert referred["case"]["status"] == "referred" and referred["case"]["waiting_role"] == target
        self.referred_to = target
        self.act(case_id, "answer_referral", {"answer": "نعم، وفق الفقرة الثالثة."}, target)
        return self.act(case_id, "proceed", role=role)

    def pledge(self, case_id, role, detail):
        self.act(case_id, "submit", role=role, expect=409)  # not signed yet
        self.act(case_id, "sign_pledge", {"signed_name": "فاطمة علي الزهراني", "signature": signature()}, role)
        return self.act(case_id, "submit", role=role)

    def committee_review(self, case_id, role, detail):
        when = (datetime.now().astimezone() + timedelta(days=2)).isoformat()
        reviewer = "supervisor"
        for check in detail["checks"]:
            if check["mechanism"] == "administrative_review":
                self.act(case_id, "record_check", {"check_id": check["id"], "outcome": "satisfied",
                                                   "checklist": [{"item": "المستندات مكتملة", "ok": True}]}, reviewer)
                continue
            self.act(case_id, "schedule_check", {"check_id": check["id"], "scheduled_at": when,
                                                 "assignee_id": self.association.users[reviewer].id,
                                                 "address": "حي النسيم، الحي الثالث"}, reviewer)
            self.act(case_id, "record_check", {"check_id": check["id"], "outcome": "satisfied",
                                               "report": "تم التحقق من الحالة ميدانيا."}, reviewer)
        for index, _ in enumerate((self.policy.get("eligibility") or {}).get("criteria") or []):
            self.act(case_id, "evaluate_criterion", {"criterion_index": index, "met": True}, reviewer)
        for voter in voters(self.association):
            self.act(case_id, "vote", {"vote": "accept", "reasons": "مستوفٍ للشروط"}, voter)
        return self.act(case_id, "decide", {"outcome": "accepted", "reasons": "استوفى الشروط"}, role)

    def registration(self, case_id, role, detail):
        return self.act(case_id, "register", role=role)

    def service_delivery(self, case_id, role, detail):
        self.act(case_id, "record_delivery", {"description": "سلة غذائية شهرية", "quantity": "1",
                                              "amount": "350.00"}, role)
        return self.act(case_id, "close", role=role)


def published_policy(tenant) -> dict:
    with scope(tenant):
        return published_version(tenant).content


def start(client, association, channel: str = "phone", n: int = 1) -> tuple[CasesApi, int]:
    api = CasesApi(client, association)
    service = published_policy(association.tenant)["services"][0]["key"]
    response = api.create({"service": service, "channel": channel, "beneficiary": person(n)})
    assert response.status_code == 201, response.get_json()
    return api, response.get_json()["id"]


def event_names(emitted, case_id) -> list[str]:
    return [name for name, payload in emitted if payload["case_id"] == case_id]


@pytest.mark.parametrize("slug", SEEDS)
def test_the_full_journey_of_each_seed_association(client, factory, emitted, slug):
    association = staff(factory, factory.seed_tenant(slug), tokens=True)
    factory.commit()
    policy = published_policy(association.tenant)
    api, case_id = start(client, association)
    journey = Journey(api, association, policy)
    final = journey.run(case_id)
    assert journey.visited == [s["type"] for s in policy["procedure"]["steps"]]
    assert final["case"]["status"] == "closed" and final["decisions"][0]["outcome"] == "accepted"
    assert final["case"]["beneficiary"]["file_number"] is not None
    assert final["deliveries"][0]["amount"] == "350.00"
    assert event_names(emitted, case_id) == [
        "case.received", "case.pledge_requested", "case.submitted", "case.decided", "case.registered",
        "case.service_delivered"]
    kinds = [e["kind"] for e in final["timeline"]]
    assert kinds[0] == "opened" and kinds[-1] == "closed" and "pledge_signed" in kinds
    assert api.letter(case_id, "ar").status_code == 200
    if slug == "modeem":
        assert "referral" not in journey.visited and journey.referred_to is None
    elif slug == "shaair":
        assert journey.referred_to == "supervisor"
        assert {c["mechanism"] for c in final["checks"]} == {"administrative_review", "personal_interview",
                                                             "field_visit"}
    else:
        assert journey.referred_to == "social_researcher"


@pytest.mark.parametrize("slug,channel", [("modeem", "interview"), ("shaair", "help_request"),
                                          ("wefaq", "service_request_form")])
def test_a_request_on_a_channel_the_association_does_not_enable_is_refused(client, factory, slug, channel):
    association = staff(factory, factory.seed_tenant(slug), roles=("relations_officer",), tokens=True)
    factory.commit()
    service = published_policy(association.tenant)["services"][0]["key"]
    response = CasesApi(client, association).create({"service": service, "channel": channel,
                                                     "beneficiary": person(7)})
    assert response.status_code == 422 and list(response.get_json()["errors"]) == ["channel"]


SIXTH_TENANT = {
    "slug": "sanad",
    "name": {"ar": "جمعية سند الخيرية", "en": "Sanad Charity"},
    "city": {"ar": "أبها", "en": "Abha"},
    "default_locale": "ar",
    "terminology": {"beneficiary": {"ar": "المستفيد", "en": "beneficiary"},
                    "beneficiaries": {"ar": "المستفيدين", "en": "beneficiaries"}},
}


def sixth_policy() -> dict:
    """Wefaq's texts, with Sanad's own procedure: the pledge first, no referral, the supervisor at the desk,
    one mechanism (a field visit), its own services, channels and a decision window in working days."""
    policy = yaml.safe_load((PROJECT_ROOT / "tenants" / "wefaq" / "policy.yaml").read_text(encoding="utf-8"))
    policy.pop("approval", None)
    steps = {s["type"]: s for s in policy["procedure"]["steps"]}
    steps["reception"]["responsible_role"] = "supervisor"
    policy["procedure"]["steps"] = [steps[t] for t in ("reception", "pledge", "completeness_check",
                                                       "committee_review", "service_delivery")]
    policy["channels"] = [{"key": "whatsapp_line", "label": {"ar": "خط واتساب", "en": "WhatsApp line"}},
                          {"key": "phone", "label": {"ar": "الهاتف", "en": "Telephone"}, "enabled": False}]
    policy["eligibility"] = {
        "mechanisms": [{"key": "field_visit"}],
        "criteria": [{"kind": "regulation_condition", "text": {"ar": "الإقامة في منطقة عسير.",
                                                               "en": "Residence in the Asir region."}}],
    }
    policy["services"] = [{
        "key": "rent_support", "name": {"ar": "دعم الإيجار", "en": "Rent support"},
        "required_documents": [
            {"key": "national_id", "name": {"ar": "الهوية الوطنية", "en": "National ID"}, "has_expiry": True,
             "must_be_valid_at_submission": True},
            {"key": "lease", "name": {"ar": "عقد الإيجار", "en": "Lease contract"}},
        ],
    }]
    policy["decision_window"] = {"days": 5, "counting": "working"}
    return policy


@pytest.fixture
def sixth(tmp_path, factory):
    folder = tmp_path / "sanad"
    folder.mkdir()
    (folder / "tenant.yaml").write_text(yaml.safe_dump(SIXTH_TENANT, allow_unicode=True), encoding="utf-8")
    (folder / "policy.yaml").write_text(yaml.safe_dump(sixth_policy(), allow_unicode=True), encoding="utf-8")
    association = staff(factory, onboard(folder).tenant, tokens=True)
    with scope(association.tenant):
        add_holiday(riyadh_today() + timedelta(days=1), "إجازة الجمعية", "Association holiday")
    factory.commit()
    yield association
    shutil.rmtree(folder)


def test_a_sixth_association_from_a_folder_runs_with_no_code_change(client, sixth, emitted):
    policy = published_policy(sixth.tenant)
    api = CasesApi(client, sixth)
    refused = api.create({"service": "rent_support", "channel": "phone", "beneficiary": person(8)})
    assert refused.status_code == 422 and "channel" in refused.get_json()["errors"]
    _, case_id = start(client, sixth, channel="whatsapp_line", n=9)
    officer_refused = api.act(case_id, "complete_reception", role="relations_officer")
    assert officer_refused.status_code == 403  # Sanad's desk is the supervisor's
    journey = Journey(api, sixth, policy)
    final = journey.run(case_id)
    assert journey.visited == ["reception", "pledge", "completeness_check", "committee_review", "service_delivery"]
    assert [c["mechanism"] for c in final["checks"]] == ["field_visit"]
    assert final["evaluations"][0]["text"]["en"] == "Residence in the Asir region."
    assert final["case"]["beneficiary"]["file_number"] is None  # Sanad's procedure has no registration step
    submitted = next(e for e in final["timeline"] if e["kind"] == "submitted")
    holiday = riyadh_today() + timedelta(days=1)
    expected = due_on(riyadh_today(), 5, "working", lambda first, last: {holiday})
    assert submitted["details"]["decision_due_on"] == expected.isoformat()
    assert "case.pledge_requested" in event_names(emitted, case_id)


def test_a_policy_without_a_services_catalogue_opens_no_case(tmp_path, factory, client):
    folder = tmp_path / "sanad"
    folder.mkdir()
    policy = sixth_policy()
    del policy["services"]
    (folder / "tenant.yaml").write_text(yaml.safe_dump(SIXTH_TENANT, allow_unicode=True), encoding="utf-8")
    (folder / "policy.yaml").write_text(yaml.safe_dump(policy, allow_unicode=True), encoding="utf-8")
    association = staff(factory, onboard(folder).tenant, roles=("supervisor",), tokens=True)
    factory.commit()
    response = CasesApi(client, association).create({"service": "general", "channel": "whatsapp_line",
                                                     "beneficiary": person(10)}, role="supervisor")
    assert response.status_code == 422 and "catalogue" in response.get_json()["errors"]["service"][0]
