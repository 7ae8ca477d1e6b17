"""The staff pages: the case list with its filters, the case page, the inbox across associations."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import update

from tests.cases.pages import as_member, case_at, desk, seen
from tests.cases.support import attach_document, open_case, scope
from wasl.cases.models import Case
from wasl.db import db

STEPS = ("reception", "completeness_check", "referral", "pledge", "committee_review", "registration",
         "service_delivery")


@pytest.fixture
def wefaq_desk(factory):
    association = desk(factory)
    factory.commit()
    return association


def commit():
    db.session.commit()


def rows(html: str) -> list[str]:
    return re.findall(r'data-case="([^"]+)"', html)


def make_overdue(association, case_id: int):
    with scope(association.tenant):
        db.session.execute(update(Case).where(Case.id == case_id).values(
            decision_due_on=date.today() - timedelta(days=3)))
    commit()


# --- the list ---------------------------------------------------------------------------------------------


def test_list_shows_the_association_cases_and_overdue_ones_stand_out(client, wefaq_desk):
    waiting = seen(case_at(wefaq_desk, "committee_review"))
    late = seen(case_at(wefaq_desk, "committee_review"))
    fresh = seen(open_case(wefaq_desk))
    make_overdue(wefaq_desk, late.id)
    as_member(client, wefaq_desk, "relations_officer")
    html = client.get("/wefaq/cases?lang=en").get_data(as_text=True)
    assert rows(html) == [fresh.number, late.number, waiting.number]
    late_row = re.search(rf'<tr class="([^"]*)" data-case="{late.number}"', html).group(1)
    assert late_row == "wasl-overdue"
    assert re.search(rf'<tr class="" data-case="{fresh.number}"', html)
    assert html.count(">Overdue</span>") == 1
    assert "هـ" in client.get("/wefaq/cases?lang=ar").get_data(as_text=True)  # Hijri beside Gregorian


def test_filters_and_search(client, wefaq_desk):
    at_pledge = seen(case_at(wefaq_desk, "pledge"))
    at_reception = seen(open_case(wefaq_desk, channel="interview"))
    late = seen(case_at(wefaq_desk, "committee_review"))
    make_overdue(wefaq_desk, late.id)
    as_member(client, wefaq_desk, "relations_officer")

    def listed(query: str) -> list[str]:
        response = client.get(f"/wefaq/cases?lang=en&{query}")
        assert response.status_code == 200
        return rows(response.get_data(as_text=True))

    assert listed("step=pledge") == [at_pledge.number]
    assert listed("channel=interview") == [at_reception.number]
    assert listed("overdue=y") == [late.number]
    assert listed(f"q={at_pledge.number}") == [at_pledge.number]
    assert listed("status=open&step=") == [late.number, at_reception.number, at_pledge.number]
    tomorrow = (date.today() + timedelta(days=2)).isoformat()
    assert listed(f"opened_from={tomorrow}") == []
    assert listed(f"assignee_id={wefaq_desk.users['admin'].id}") == []


def test_an_invalid_filter_is_refused_naming_it(client, wefaq_desk):
    as_member(client, wefaq_desk, "viewer")
    response = client.get("/wefaq/cases?lang=en&step=dancing&opened_from=yesterday")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Must be one of" in html and "Not a valid date." in html


def test_list_is_paginated(client, wefaq_desk):
    opened = [seen(open_case(wefaq_desk)) for _ in range(3)]
    as_member(client, wefaq_desk, "viewer")
    first = client.get("/wefaq/cases?lang=en&per_page=2").get_data(as_text=True)
    second = client.get("/wefaq/cases?lang=en&per_page=2&page=2").get_data(as_text=True)
    assert rows(first) == [opened[2].number, opened[1].number]
    assert rows(second) == [opened[0].number]
    assert "page=2" in first and "per_page=2" in first
    assert "New request" not in first  # a viewer does not open requests


def test_past_the_counting_limit_the_list_says_more_than_and_still_pages_on(client, wefaq_desk, monkeypatch):
    from wasl.cases.web import views

    def text(url: str) -> tuple[list[str], str]:
        html = client.get(url).get_data(as_text=True)
        return rows(html), re.sub(r"<[^>]+>", "", html)

    opened = [seen(open_case(wefaq_desk)) for _ in range(7)]
    monkeypatch.setattr(views, "COUNT_BEYOND", 2)  # counting stops two rows past the page's start
    as_member(client, wefaq_desk, "viewer")
    listed, first = text("/wefaq/cases?lang=en&per_page=1")
    assert listed == [opened[6].number]
    assert "More than 2 requests" in first and "Page 1 of more than 2" in first
    listed, fourth = text("/wefaq/cases?lang=en&per_page=1&page=4")
    assert listed == [opened[3].number]
    assert "More than 5 requests" in fourth  # three rows before the page, counted up to two past its start
    listed, last = text("/wefaq/cases?lang=en&per_page=2&page=4")
    assert listed == [opened[0].number]
    assert "7 requests" in last and "More than" not in last and "Page 4 of 4" in last
    assert "أكثر من طلبين" in text("/wefaq/cases?lang=ar&per_page=1")[1]
    listed, beyond = text("/wefaq/cases?lang=en&per_page=2&page=9")  # past the end: counted on its own
    assert listed == [] and "No service requests match." in beyond


def test_list_runs_a_bounded_number_of_queries(client, wefaq_desk, count_queries):
    as_member(client, wefaq_desk, "relations_officer")
    open_case(wefaq_desk)
    client.get("/wefaq/cases")
    commit()  # each page then reads afresh what it shows, not this session's memory of it
    with count_queries() as few:
        assert client.get("/wefaq/cases?per_page=100").status_code == 200
    for _ in range(12):
        open_case(wefaq_desk)
    case_at(wefaq_desk, "committee_review")
    commit()
    with count_queries() as many:
        html = client.get("/wefaq/cases?per_page=100").get_data(as_text=True)
    assert len(rows(html)) == 14
    assert len(_reads(many)) == len(_reads(few)), "\n".join(many)
    # the person with their memberships, their role, the published policy, the staff with their roles (the
    # assignee filter), and the page of rows with their people and how many there are (up to a limit)
    assert len(_reads(many)) == 5, "\n".join(_reads(many))
    # PostgreSQL: the row-level security scope, set once (once more where the test's savepoint encloses it)
    assert len(many) - len(_reads(many)) <= 2, "\n".join(many)


# --- the case page ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("step", STEPS)
def test_case_page_at_each_step(client, wefaq_desk, step):
    case = seen(case_at(wefaq_desk, step))
    as_member(client, wefaq_desk, "admin")
    html = client.get(f"/wefaq/cases/{case.id}?lang=en").get_data(as_text=True)
    assert f"Request <bdi dir=\"ltr\">{case.number}</bdi>" in html
    assert 'aria-current="step"' in html
    assert "Social research services guide" in html  # the policy's staff references, beside the step
    assert 'id="timeline"' in html and "Request received" in html


def test_case_page_shows_the_step_wording_and_the_actions_of_that_step(client, wefaq_desk):
    case = seen(case_at(wefaq_desk, "completeness_check"))
    as_member(client, wefaq_desk, "relations_officer")
    html = client.get(f"/wefaq/cases/{case.id}?lang=en").get_data(as_text=True)
    assert "the employee must match the data and verify that they are valid at the time of submission" in html
    assert 'value="confirm_complete"' in html and 'value="request_documents"' in html
    assert 'name="file-national_id"' in html and 'name="expires-national_id"' in html
    assert 'value="complete_reception"' not in html


def test_pledge_step_shows_the_declaration_and_the_signature_pad(client, wefaq_desk):
    case = seen(case_at(wefaq_desk, "pledge"))
    as_member(client, wefaq_desk, "relations_officer")
    html = client.get(f"/wefaq/cases/{case.id}").get_data(as_text=True)
    assert "أقر بصحة البيانات المقدمة مني" in html
    assert "data-signature-pad" in html and "data-signature-canvas" in html
    assert 'name="sign_pledge-signature"' in html
    assert "/static/js/signature.js" in html and "cdn" not in html.lower()


def test_viewer_sees_the_case_but_no_action_forms(client, wefaq_desk):
    case = seen(case_at(wefaq_desk, "reception"))
    as_member(client, wefaq_desk, "viewer")
    html = client.get(f"/wefaq/cases/{case.id}?lang=en").get_data(as_text=True)
    assert 'name="form"' not in html
    assert "Nothing at this step is yours to do" in html


def test_documents_are_listed_with_download_links(client, wefaq_desk):
    opened = open_case(wefaq_desk)
    case, document_id = seen(opened), attach_document(wefaq_desk, opened, date.today() - timedelta(days=1)).id
    commit()
    as_member(client, wefaq_desk, "viewer")
    html = client.get(f"/wefaq/cases/{case.id}?lang=en").get_data(as_text=True)
    assert f'href="/wefaq/documents/{document_id}"' in html
    assert "Expired at submission" in html


def test_case_page_runs_a_bounded_number_of_queries(client, wefaq_desk, count_queries):
    quiet = case_at(wefaq_desk, "committee_review")
    busy = case_at(wefaq_desk, "committee_review")
    for _ in range(4):
        attach_document(wefaq_desk, busy, date.today() + timedelta(days=90))
    from tests.cases.support import act

    for role in ("admin", "supervisor", "admin", "supervisor"):
        act(wefaq_desk, busy, "reassign", {"assignee_id": wefaq_desk.users[role].id}, role="admin")
    for case in (quiet, busy):  # the same state; the busy one has a longer history and more documents
        for role in ("committee_member", "admin"):
            act(wefaq_desk, case, "vote", {"vote": "accept", "reasons": "مستوفٍ"}, role=role)
    quiet_url, busy_url = f"/wefaq/cases/{quiet.id}", f"/wefaq/cases/{busy.id}"
    commit()
    as_member(client, wefaq_desk, "admin")
    db.session.expunge_all()  # what the page shows comes from its own queries, not from this session's memory
    client.get(quiet_url)
    with count_queries() as few:
        assert client.get(quiet_url).status_code == 200
    with count_queries() as many:
        assert client.get(busy_url).status_code == 200
    assert len(many) == len(few), "\n".join(many)
    # PostgreSQL's row-level scope, and the savepoints that stand in for the request's transaction in tests
    reads = [statement for statement in many if "set_config" not in statement and "SAVEPOINT" not in statement]
    # 4 for any signed-in page (user, association, memberships, role), the case, its 10 collections, the
    # association's roles, settings and voters, and the people named: each asked once whoever asks.
    assert len(reads) <= 19, "\n".join(reads)


def _reads(statements) -> list[str]:
    return [statement for statement in statements if "set_config" not in statement]


def test_a_new_request_reads_the_person_the_role_the_case_which_collections_and_the_timeline(
        client, wefaq_desk, count_queries):
    case = seen(open_case(wefaq_desk))
    url = f"/wefaq/cases/{case.id}"
    commit()
    counted = {}
    for role in ("viewer", "admin"):
        as_member(client, wefaq_desk, role)
        client.get(url)
        commit()
        with count_queries() as statements:
            assert client.get(url).status_code == 200
        counted[role] = statements
    reads = _reads(counted["viewer"])
    # the person with their memberships, their role here, the case, which of its eight collections
    # hold rows (one statement of EXISTS probes), and the timeline
    assert len(reads) == 5, "\n".join(reads)
    assert "EXISTS" in reads[3].upper()
    # an admin's forms also offer the association's staff (to reassign to) and its roles
    assert len(_reads(counted["admin"])) == 7, "\n".join(_reads(counted["admin"]))
    # PostgreSQL: the row-level security scope, set once (the tests' savepoints add the one at their start)
    assert len(counted["admin"]) - len(_reads(counted["admin"])) <= 2, "\n".join(counted["admin"])


def test_another_associations_case_is_not_found(client, wefaq_desk, factory):
    case = seen(open_case(wefaq_desk))
    other = desk(factory, "shaair", roles=("admin",))
    factory.commit()
    as_member(client, other, "admin")
    assert client.get(f"/shaair/cases/{case.id}").status_code == 404
    assert client.get(f"/wefaq/cases/{case.id}").status_code == 404


# --- the inbox --------------------------------------------------------------------------------------------


def test_inbox_spans_my_associations_and_labels_each_row(client, factory):
    wefaq, hope, shaair = desk(factory, "wefaq"), desk(factory, "hope"), desk(factory, "shaair")
    researcher = wefaq.users["social_researcher"]
    factory.member(hope.tenant, "social_researcher", user=researcher)
    factory.commit()
    from tests.cases.support import act

    mine_here = case_at(wefaq, "referral")
    act(wefaq, mine_here, "refer", {"question": "هل تنطبق الشروط؟"})
    hope.users["social_researcher"] = researcher
    mine_there = case_at(hope, "referral")
    act(hope, mine_there, "refer", {"question": "ما المستندات المطلوبة؟"})
    theirs = case_at(shaair, "referral")
    act(shaair, theirs, "refer", {"question": "سؤال لا يخصني"})
    mine_here, mine_there, theirs = seen(mine_here), seen(mine_there, "hope"), seen(theirs, "shaair")
    commit()
    sign_in_as = researcher
    from tests.support.web import sign_in

    sign_in(client, sign_in_as)
    html = client.get("/inbox?lang=en").get_data(as_text=True)
    assert set(rows(html)) == {mine_here.number, mine_there.number}
    assert theirs.number not in html
    assert "Wefaq Association in Al-Qunfudhah Governorate" in html and "Hope Association" in html
    assert f'href="/hope/cases/{mine_there.id}"' in html


def test_inbox_needs_sign_in_and_is_in_the_navigation(client, wefaq_desk):
    assert client.get("/inbox").status_code == 302
    as_member(client, wefaq_desk, "relations_officer")
    html = client.get("/wefaq/?lang=en").get_data(as_text=True)
    assert 'href="/inbox"' in html and 'href="/wefaq/cases"' in html


def test_beneficiary_page_lists_their_requests(client, wefaq_desk):
    first = seen(open_case(wefaq_desk))
    second = seen(open_case(wefaq_desk, beneficiary_id=first.beneficiary_id))
    as_member(client, wefaq_desk, "relations_officer")
    html = client.get(f"/wefaq/beneficiaries/{first.beneficiary_id}?lang=en").get_data(as_text=True)
    section = html[html.index('id="requests"'):]
    assert section.index(second.number) < section.index(first.number)
