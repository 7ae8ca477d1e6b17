"""The beneficiary scope matrix: one person never sees another's case, in any route or any table.

Routes are walked from the URL map like the cross-tenant matrix: every portal
route, filled with the other person's object ids, answers 404; the lists never
name the other person's requests. Below the routes, every table the scope
knows as "the person's" is read inside the scope and holds only their rows;
any other tenant-owned table is refused, and so is writing someone else's row.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from tests.cases.support import act, advance_to, scope
from tests.portal.support import api_token, sign_in
from tests.support.web import csrf_token
from wasl.beneficiaries.models import Beneficiary
from wasl.cases.models import Case
from wasl.db import db
from wasl.portal import scope as beneficiary_scope
from wasl.portal.scope import PERSONAL, BeneficiaryScopeViolation
from wasl.tenancy.scope import tenant_scope

# Tables both requests put rows in (the rest depend on the association's procedure or on signing in).
FILLED = ("beneficiary", "service_case", "case_event", "case_decision", "service_delivery", "case_pledge",
          "document", "notification")
_ARG = re.compile(r"<(?:[a-z]+(?:\([^)]*\))?:)?(\w+)>")


def portal_rules(app):
    return [rule for rule in app.url_map.iter_rules()
            if getattr(app.view_functions[rule.endpoint], "_wasl_access", None) == "portal"]


def _full_case(wefaq, who) -> None:
    case = db.session.get(Case, who.case_id)
    advance_to(wefaq, case, "service_delivery")
    act(wefaq, case, "record_delivery", {"description": "سلة غذائية", "quantity": "1"})


def _feedback(wefaq, who) -> int:
    from wasl.feedback.filing import file_from_portal

    with beneficiary_scope.beneficiary_scope(db.session, wefaq.tenant.id, who.beneficiary_id):
        return file_from_portal(wefaq.tenant, who.beneficiary_id, {"kind": "complaint", "message": "شكوى",
                                                                   "case_id": who.case_id}, "ar").id


@pytest.fixture
def two_people(wefaq, noura, salem):
    """Both people's requests decided and delivered, so every table of the scope holds rows of each."""
    with scope(wefaq.tenant):
        _full_case(wefaq, noura)
        _full_case(wefaq, salem)
    noura.feedback_id, salem.feedback_id = _feedback(wefaq, noura), _feedback(wefaq, salem)
    db.session.commit()
    return noura, salem


def fill(rule, slug: str, case_id: int, feedback_id: int = 0) -> str:
    values = {"slug": slug, "case_id": case_id, "feedback_id": feedback_id}
    for name in _ARG.findall(rule.rule):
        if name not in values:
            pytest.fail(f"portal route {rule.rule}: teach the beneficiary matrix about <{name}>")
    return _ARG.sub(lambda m: str(values[m.group(1)]), rule.rule)


def test_every_portal_route_answers_404_for_anothers_request(app, client, wefaq, two_people, gateway):
    noura, salem = two_people
    sign_in(client, wefaq.slug, wefaq.tenant.id, gateway, noura.national_id, noura.mobile)
    token = api_token(app.test_client(), wefaq.slug, wefaq.tenant.id, gateway, noura.national_id, noura.mobile)
    csrf = csrf_token(client, f"/{wefaq.slug}/portal/")
    failures, checked = [], 0
    for rule in portal_rules(app):
        if "case_id" not in rule.rule:
            continue
        url = fill(rule, wefaq.slug, salem.case_id)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            headers = {"Authorization": f"Bearer {token}"} if url.startswith("/api/") else {}
            data = {"csrf_token": csrf} if method != "GET" and not url.startswith("/api/") else None
            status = client.open(url, method=method, headers=headers, data=data).status_code
            checked += 1
            if status != 404:
                failures.append(f"{method} {url} -> {status}")
            mine = client.open(fill(rule, wefaq.slug, noura.case_id), method=method, headers=headers, data=data)
            if not _own_answer_ok(method, mine.status_code):
                failures.append(f"{method} own request {rule.rule} -> {mine.status_code}")
    assert checked >= 4 and not failures, "\n".join(failures)


def test_every_portal_route_answers_404_for_anothers_feedback(app, client, wefaq, two_people, gateway):
    noura, salem = two_people
    sign_in(client, wefaq.slug, wefaq.tenant.id, gateway, noura.national_id, noura.mobile)
    token = api_token(app.test_client(), wefaq.slug, wefaq.tenant.id, gateway, noura.national_id, noura.mobile)
    csrf = csrf_token(client, f"/{wefaq.slug}/portal/")
    failures, checked = [], 0
    for rule in portal_rules(app):
        if "feedback_id" not in rule.rule:
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            url = fill(rule, wefaq.slug, 0, salem.feedback_id)
            api = url.startswith("/api/")
            headers = {"Authorization": f"Bearer {token}"} if api else {}
            body = {"json": {"rating": 5}} if api else {"data": {"csrf_token": csrf, "rating": "5"}}
            status = client.open(url, method=method, headers=headers, **body).status_code
            checked += 1
            if status != 404:
                failures.append(f"{method} {url} -> {status}")
            if method == "GET" and client.get(fill(rule, wefaq.slug, 0, noura.feedback_id),
                                              headers=headers).status_code != 200:
                failures.append(f"GET own feedback {rule.rule}")
    assert checked >= 4 and not failures, "\n".join(failures)


def _own_answer_ok(method: str, status: int) -> bool:
    """Reading one's own request works; an empty answer to it is refused for what it lacks, never as unknown."""
    return status == 200 if method == "GET" else status != 404 and status < 500


def test_the_lists_never_name_anothers_request(app, client, wefaq, two_people, gateway):
    from wasl.feedback.models import Feedback

    noura, salem = two_people
    with scope(wefaq.tenant):
        theirs = db.session.get(Case, salem.case_id).number
        mine = db.session.get(Case, noura.case_id).number
        their_feedback = db.session.get(Feedback, salem.feedback_id).number
    sign_in(client, wefaq.slug, wefaq.tenant.id, gateway, noura.national_id, noura.mobile)
    token = api_token(app.test_client(), wefaq.slug, wefaq.tenant.id, gateway, noura.national_id, noura.mobile)
    for rule in portal_rules(app):
        if "case_id" in rule.rule or "feedback_id" in rule.rule or "GET" not in rule.methods:
            continue
        url = fill(rule, wefaq.slug, 0)
        headers = {"Authorization": f"Bearer {token}"} if url.startswith("/api/") else {}
        body = client.get(url, headers=headers).get_data()  # bytes: the copy of one's data comes as a PDF too
        for secret in (theirs, their_feedback, salem.national_id, salem.mobile[1:]):
            assert secret.encode() not in body, url
    assert mine in client.get(f"/{wefaq.slug}/portal/").get_data(as_text=True)


@pytest.mark.parametrize("table", sorted(PERSONAL))
def test_each_table_of_the_scope_holds_only_the_persons_rows(wefaq, two_people, table):
    noura, salem = two_people
    model, _criterion = PERSONAL[table](beneficiary_scope.BeneficiaryScope(wefaq.tenant.id, noura.beneficiary_id))
    with tenant_scope(db.session, wefaq.tenant.id):
        everyone = db.session.scalar(select(func.count()).select_from(model))
    with beneficiary_scope.beneficiary_scope(db.session, wefaq.tenant.id, noura.beneficiary_id):
        rows = list(db.session.scalars(select(model)))
        counted = db.session.scalar(select(func.count(model.id)))
        own_cases = set(db.session.scalars(select(Case.id)))
    assert own_cases == {noura.case_id} and counted == len(rows)
    for row in rows:
        if model is Beneficiary:
            assert row.id == noura.beneficiary_id
        elif table == "notification":
            assert (row.recipient_kind, row.recipient_ref_id) == ("beneficiary", noura.beneficiary_id)
        elif hasattr(row, "beneficiary_id"):
            assert row.beneficiary_id == noura.beneficiary_id
        else:
            assert row.case_id in own_cases
    assert everyone >= len(rows)
    if table in FILLED:
        assert everyone > len(rows) > 0, f"{table}: both people's rows should exist outside the scope"


def test_other_tenant_owned_tables_are_refused_inside_the_scope(wefaq, noura):
    from wasl.accounts.models import Role
    from wasl.exports.models import ExportJob
    from wasl.privacy.models import ReadAuditSetting

    with beneficiary_scope.beneficiary_scope(db.session, wefaq.tenant.id, noura.beneficiary_id):
        for model in (Role, ExportJob, ReadAuditSetting):
            with pytest.raises(BeneficiaryScopeViolation):
                db.session.scalars(select(model)).all()


def test_a_wider_tenant_scope_inside_the_portal_is_refused(factory, wefaq, noura):
    other = factory.tenant()
    with beneficiary_scope.beneficiary_scope(db.session, wefaq.tenant.id, noura.beneficiary_id):
        with tenant_scope(db.session, wefaq.tenant.id, other.id), pytest.raises(BeneficiaryScopeViolation):
            db.session.scalars(select(Case)).all()
        with tenant_scope(db.session, all_tenants=True), pytest.raises(BeneficiaryScopeViolation):
            db.session.scalars(select(Case)).all()


def test_anothers_row_cannot_be_written_inside_the_scope(wefaq, noura, salem):
    with scope(wefaq.tenant):
        theirs = db.session.get(Case, salem.case_id)
    with beneficiary_scope.beneficiary_scope(db.session, wefaq.tenant.id, noura.beneficiary_id):
        theirs.description = "changed from someone else's portal"
        with pytest.raises(BeneficiaryScopeViolation):
            db.session.flush()
    db.session.rollback()


def test_another_persons_row_the_session_holds_is_not_answered_inside_the_portal(wefaq, noura, salem):
    from wasl.tenancy.scope import get_in_scope

    with scope(wefaq.tenant):
        held = db.session.get(Beneficiary, salem.beneficiary_id)  # staff work left it in the session
        assert get_in_scope(db.session, Beneficiary, salem.beneficiary_id) is held
    with beneficiary_scope.beneficiary_scope(db.session, wefaq.tenant.id, noura.beneficiary_id):
        assert get_in_scope(db.session, Beneficiary, salem.beneficiary_id) is None
        assert get_in_scope(db.session, Beneficiary, noura.beneficiary_id).id == noura.beneficiary_id
