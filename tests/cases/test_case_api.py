"""The cases API: opening, listing, reading, acting, the letter; every refusal a clear 4xx, nothing half-written."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from babel.dates import format_date
from sqlalchemy import func, select

from tests.cases.api import CasesApi
from tests.cases.support import advance_to, open_case, person, scope, staff, vote_all
from wasl.accounts.models import Role
from wasl.beneficiaries.models import Beneficiary
from wasl.cases.models import Case, CaseEvent
from wasl.cases.workflow.steps.base import riyadh_today
from wasl.db import db
from wasl.tenancy.scope import tenant_scope


def count(model) -> int:
    return db.session.scalar(select(func.count(model.id)))


@pytest.fixture
def api(client, wefaq):
    return CasesApi(client, wefaq)


def new_case(api, n: int = 1, **body):
    body = {"service": "support_request", "channel": "phone", "beneficiary": person(n), **body}
    response = api.create(body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_opening_a_case_gives_a_readable_number_and_tells_the_beneficiary(api, wefaq, emitted):
    created = new_case(api, description="يطلب سلة غذائية")
    assert re.fullmatch(r"WEF-\d{4}-\d{6}", created["number"])
    assert created["step"] == "reception" and created["status"] == "open"
    assert created["service"] == {"key": "support_request", "name": "Beneficiary support request"}
    received = [p for name, p in emitted if name == "case.received"]
    assert received[0]["case_number"] == created["number"] and received[0]["case_id"] == created["id"]
    assert isinstance(received[0]["service_name"], dict)  # plain facts, never ORM objects
    second = new_case(api, 2)
    assert int(second["number"][-6:]) == int(created["number"][-6:]) + 1


def test_a_case_keeps_the_policy_version_it_was_opened_under(api, wefaq):
    created = new_case(api)
    detail = api.read(created["id"]).get_json()
    assert detail["policy_version"]["number"] == 1
    with scope(wefaq.tenant):
        case = db.session.get(Case, created["id"])
        version_id = case.policy_version_id
    assert detail["policy_version"]["id"] == version_id


@pytest.mark.parametrize("body,field", [
    ({"service": "free_car", "channel": "phone"}, "service"),
    ({"service": "support_request", "channel": "fax"}, "channel"),
    ({"service": "support_request", "channel": "service_request_form"}, "channel"),  # Modeem's, not Wefaq's
    ({"channel": "phone"}, "service"),
    ({"service": "support_request", "channel": "phone", "beneficiary_id": 999999}, "beneficiary_id"),
    ({"service": "support_request", "channel": "phone", "priority": "whenever"}, "priority"),
])
def test_bad_openings_are_422_naming_the_field_and_write_nothing(api, wefaq, body, field):
    if "beneficiary_id" not in body:
        body = {**body, "beneficiary": person(3)}
    with scope(wefaq.tenant):
        before = count(Case), count(Beneficiary)
    response = api.create(body)
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    assert field in response.get_json()["errors"]
    with scope(wefaq.tenant):
        assert (count(Case), count(Beneficiary)) == before


def test_the_refusal_speaks_the_persons_language(client, wefaq):
    body = {"service": "support_request", "channel": "fax", "beneficiary": person(4)}
    english = CasesApi(client, wefaq, "en").create(body).get_json()
    assert "fax" in english["errors"]["channel"][0] and "Telephone calls" in english["errors"]["channel"][0]
    arabic = CasesApi(client, wefaq, "ar").create(body).get_json()
    assert "الاتصالات الهاتفية" in arabic["errors"]["channel"][0]  # the policy's own labels, in Arabic


def test_no_case_opens_before_the_association_publishes_its_policy(client, factory):
    unpublished = staff(factory, factory.tenant(), roles=("relations_officer",), tokens=True)
    factory.commit()
    response = CasesApi(client, unpublished).create({"service": "support_request", "channel": "phone",
                                                     "beneficiary": person(6)})
    assert response.status_code == 409 and "publish" in response.get_json()["detail"]
    with scope(unpublished.tenant):
        assert (count(Case), count(Beneficiary)) == (0, 0)


def test_a_known_national_id_is_refused_and_the_existing_beneficiary_offered(api):
    first = new_case(api)
    response = api.create({"service": "support_request", "channel": "phone", "beneficiary": person(1)})
    assert response.status_code == 409
    assert response.get_json()["existing_id"] == first["beneficiary"]["id"]
    again = api.create({"service": "support_request", "channel": "phone", "beneficiary_id": first["beneficiary"]["id"]})
    assert again.status_code == 201


def test_an_invalid_beneficiary_is_refused_naming_the_nested_field(api):
    response = api.create({"service": "support_request", "channel": "phone",
                           "beneficiary": person(5, national_id="1234567890", mobile="+12025550123")})
    assert response.status_code == 422
    assert {"national_id", "mobile"} <= set(response.get_json()["errors"]["beneficiary"])


def test_reading_a_case_shows_its_timeline_and_my_actions(api):
    created = new_case(api)
    detail = api.read(created["id"]).get_json()
    assert [e["kind"] for e in detail["timeline"]] == ["opened"]
    assert {a["name"] for a in detail["available_actions"]} == {"record_interaction", "complete_reception", "withdraw"}
    viewer = api.read(created["id"], role="viewer").get_json()
    assert viewer["available_actions"] == []


def test_an_action_of_another_step_is_409_and_of_another_role_403(api, wefaq):
    created = new_case(api)
    wrong_step = api.act(created["id"], "vote", {"vote": "accept", "reasons": "x"}, role="committee_member")
    assert wrong_step.status_code == 409 and wrong_step.mimetype == "application/problem+json"
    assert "Vote" in wrong_step.get_json()["detail"] and "Reception" in wrong_step.get_json()["detail"]
    wrong_role = api.act(created["id"], "complete_reception", role="social_researcher")
    assert wrong_role.status_code == 403 and "Complete the reception" in wrong_role.get_json()["detail"]
    unknown = api.act(created["id"], "teleport")
    assert unknown.status_code == 422 and "action" in unknown.get_json()["errors"]
    bad_payload = api.act(created["id"], "record_interaction", {"notes": ""})
    assert bad_payload.status_code == 422 and "notes" in bad_payload.get_json()["errors"]
    extra = api.act(created["id"], "record_interaction", {"notes": "x", "hack": 1})
    assert extra.status_code == 422 and "hack" in extra.get_json()["errors"]
    with scope(wefaq.tenant):
        assert count(CaseEvent) == 1 and db.session.get(Case, created["id"]).step == "reception"


def test_an_expired_document_is_refused_naming_it_and_nothing_moves(api, wefaq, emitted):
    created = new_case(api)
    assert api.act(created["id"], "complete_reception").status_code == 200
    missing = api.act(created["id"], "confirm_complete", {"checklist": ["national_id"]})
    assert missing.status_code == 422 and "national_id" in missing.get_json()["errors"]["documents"]
    assert api.act(created["id"], "request_documents", {"note": "نرجو إرفاق الهوية"}).status_code == 200
    asked = [p for name, p in emitted if name == "case.documents_missing"][-1]
    assert asked["missing_documents"] == [{"ar": "الهوية الوطنية أو الإقامة", "en": "National ID or Iqama"}]
    yesterday = date.today() - timedelta(days=1)
    assert api.upload(created["id"], yesterday.isoformat()).status_code == 201
    with scope(wefaq.tenant):
        events_before = count(CaseEvent)
    expired = api.act(created["id"], "confirm_complete", {"checklist": ["national_id"]})
    assert expired.status_code == 422
    message = expired.get_json()["errors"]["documents"]["national_id"][0]
    assert "National ID or Iqama" in message and "expired" in message
    assert format_date(yesterday, "long", locale="en") in message and " AH" in message
    with scope(wefaq.tenant):
        assert count(CaseEvent) == events_before and db.session.get(Case, created["id"]).step == "completeness_check"
    assert api.upload(created["id"], (date.today() + timedelta(days=90)).isoformat()).status_code == 201
    unchecked = api.act(created["id"], "confirm_complete", {"checklist": []})
    assert unchecked.status_code == 422 and "checklist" in unchecked.get_json()["errors"]
    done = api.act(created["id"], "confirm_complete", {"checklist": ["national_id"]})
    assert done.status_code == 200 and done.get_json()["case"]["step"] == "referral"


def test_the_list_filters_searches_and_pages(api, wefaq):
    first, second, third = new_case(api, 1), new_case(api, 2), new_case(api, 3)
    api.act(second["id"], "complete_reception")
    api.act(third["id"], "withdraw", {"reason": "لم يعد بحاجة"})
    listed = api.list().get_json()
    assert [c["id"] for c in listed["items"]] == [third["id"], second["id"], first["id"]]  # newest first
    assert listed["total"] == 3 and listed["items"][0]["association"]["slug"] == "wefaq"
    assert [c["id"] for c in api.list("step=completeness_check").get_json()["items"]] == [second["id"]]
    assert [c["id"] for c in api.list("status=withdrawn").get_json()["items"]] == [third["id"]]
    assert [c["id"] for c in api.list(f"q={first['number']}").get_json()["items"]] == [first["id"]]
    assert [c["id"] for c in api.list(f"q={person(2)['national_id']}").get_json()["items"]] == [second["id"]]
    assert [c["id"] for c in api.list("q=0550000003").get_json()["items"]] == [third["id"]]
    assert api.list("q=فاطمه الزهراني").get_json()["total"] == 3  # taa marbuta normalised
    assert api.list("channel=letters").get_json()["total"] == 0
    paged = api.list("per_page=2&page=2").get_json()
    assert (paged["page"], paged["pages"], [c["id"] for c in paged["items"]]) == (2, 2, [first["id"]])
    today = riyadh_today().isoformat()  # cases are opened on the association's (Riyadh) calendar day
    assert api.list(f"opened_from={today}&opened_to={today}").get_json()["total"] == 3
    assert api.list("overdue=true").get_json()["total"] == 0
    bad = api.list("status=sleeping&per_page=1000")
    assert bad.status_code == 422 and {"status", "per_page"} <= set(bad.get_json()["errors"])


def test_the_date_filter_counts_a_late_evening_case_on_its_riyadh_day(api, wefaq):
    # 22:30 UTC on 2 December is 01:30 on 3 December in Riyadh: on both backends.
    case_id = new_case(api)["id"]
    with tenant_scope(db.session, wefaq.tenant.id):
        db.session.get(Case, case_id).created_at = datetime(2026, 12, 2, 22, 30, tzinfo=UTC)
        db.session.commit()
    assert api.list("opened_from=2026-12-03&opened_to=2026-12-03").get_json()["total"] == 1
    assert api.list("opened_to=2026-12-02").get_json()["total"] == 0
    with tenant_scope(db.session, wefaq.tenant.id):
        assert db.session.get(Case, case_id).created_at == datetime(2026, 12, 2, 22, 30, tzinfo=UTC)


def test_the_list_does_a_bounded_number_of_queries_whatever_the_page_size(api, wefaq, count_queries):
    def queries_for(n: int) -> int:
        with count_queries() as statements:
            response = api.list(f"per_page={n}")
        assert response.status_code == 200 and len(response.get_json()["items"]) == n
        # the savepoints are the test's stand-in for the request's transaction (the unit of work commits it)
        return len([statement for statement in statements if "SAVEPOINT" not in statement])

    for n in range(1, 4):
        new_case(api, n)
    few = queries_for(3)
    for n in range(4, 16):
        new_case(api, n)
    assert queries_for(15) == few
    assert few <= 12


def test_overdue_cases_stand_out_in_the_list(api, wefaq):
    created = new_case(api)
    with scope(wefaq.tenant):
        case = db.session.get(Case, created["id"])
        case.decision_due_on = date.today() - timedelta(days=2)
    db.session.commit()
    listed = api.list("overdue=true").get_json()
    assert [c["id"] for c in listed["items"]] == [created["id"]] and listed["items"][0]["overdue"] is True


def test_the_decision_letter_pdf(api, wefaq):
    created = new_case(api)
    assert api.letter(created["id"]).status_code == 404
    with scope(wefaq.tenant):
        case = db.session.get(Case, created["id"])
    advance_to(wefaq, case, "committee_review")
    vote_all(wefaq, case)
    decided = api.act(created["id"], "decide", {"outcome": "accepted", "reasons": "مستوفٍ للشروط"},
                      role="committee_member")
    assert decided.status_code == 200 and decided.get_json()["decisions"][0]["outcome"] == "accepted"
    for lang in ("ar", "en"):
        response = api.letter(created["id"], lang)
        assert response.status_code == 200 and response.mimetype == "application/pdf"
        assert response.data.startswith(b"%PDF") and response.headers["X-Content-Type-Options"] == "nosniff"
        assert "attachment" in response.headers["Content-Disposition"]
    assert api.letter(created["id"], "fr").status_code == 422


def test_another_associations_case_is_404_under_my_slug(api, factory, client):
    other = staff(factory, factory.seed_tenant("hope"), roles=("relations_officer",))
    theirs = open_case(other).id
    factory.commit()
    assert api.read(theirs).status_code == 404
    assert api.act(theirs, "complete_reception").status_code == 404
    assert api.letter(theirs).status_code == 404


def test_the_inbox_spans_my_associations_and_nothing_else(client, factory, wefaq):
    shaair = staff(factory, factory.seed_tenant("shaair"), roles=("relations_officer",))
    hope = staff(factory, factory.seed_tenant("hope"), roles=("relations_officer",))
    factory.member(shaair.tenant, "relations_officer", user=wefaq.users["relations_officer"])
    mine_wefaq, mine_shaair, not_mine = open_case(wefaq).id, open_case(shaair).id, open_case(hope).id
    committee_case = open_case(wefaq)
    advance_to(wefaq, committee_case, "committee_review")  # waits for the committee, not for the officer
    committee_only = committee_case.id
    factory.commit()
    response = client.get("/api/v1/inbox", headers={"Authorization": f"Bearer {wefaq.tokens['relations_officer']}"})
    assert response.status_code == 200
    rows = response.get_json()["items"]
    assert {(r["id"], r["association"]["slug"]) for r in rows} == {(mine_wefaq, "wefaq"), (mine_shaair, "shaair")}
    assert not_mine not in {r["id"] for r in rows}
    committee = client.get("/api/v1/inbox", headers={"Authorization": f"Bearer {wefaq.tokens['committee_member']}"})
    assert [r["id"] for r in committee.get_json()["items"]] == [committee_only]


def test_the_inbox_leaves_out_associations_where_my_role_cannot_view_cases(client, factory, wefaq):
    shaair = staff(factory, factory.seed_tenant("shaair"), roles=("relations_officer",))
    officer = wefaq.users["relations_officer"]
    factory.member(shaair.tenant, "relations_officer", user=officer)
    theirs = open_case(shaair).id
    with scope(shaair.tenant):
        role = db.session.scalar(select(Role).where(Role.key == "relations_officer"))
        role.permissions = [p for p in role.permissions if p != "cases.view"]
    factory.commit()
    response = client.get("/api/v1/inbox", headers={"Authorization": f"Bearer {wefaq.tokens['relations_officer']}"})
    assert theirs not in {r["id"] for r in response.get_json()["items"]}


def test_referrals_wait_in_the_referees_list(api, wefaq):
    created = new_case(api)
    with scope(wefaq.tenant):
        case = db.session.get(Case, created["id"])
    advance_to(wefaq, case, "referral")
    assert api.act(created["id"], "refer", {"question": "هل تشمله خدمة الإرشاد؟"}).status_code == 200
    listed = api.client.get("/api/v1/wefaq/cases/referrals", headers={
        "Authorization": f"Bearer {wefaq.tokens['social_researcher']}"}).get_json()
    assert [r["question"] for r in listed] == ["هل تشمله خدمة الإرشاد؟"]
    inbox = api.client.get("/api/v1/inbox", headers={"Authorization": f"Bearer {wefaq.tokens['social_researcher']}"})
    assert [(r["id"], r["status"]) for r in inbox.get_json()["items"]] == [(created["id"], "referred")]


def test_the_operations_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    for path in ("/api/v1/{slug}/cases", "/api/v1/{slug}/cases/{case_id}", "/api/v1/{slug}/cases/{case_id}/transitions",
                 "/api/v1/{slug}/cases/{case_id}/letter.pdf", "/api/v1/inbox"):
        assert path in paths
    assert "201" in paths["/api/v1/{slug}/cases"]["post"]["responses"]
