"""Every figure of the dashboard against a hand count of a known history, on the page and in the API."""

from __future__ import annotations

import pytest

from tests.cases.pages import as_member
from tests.cases.support import open_case, staff
from tests.dashboards.history import write_history
from tests.support.web import bearer

# The history (tests/dashboards/history.py), counted by hand:
#   open now: a reception (3 days old), b completeness (10), c committee (20, overdue), h committee (45, due in 3
#   days), d registration (70) -> 5 open; by age 1, 1, 1, 1, 1 (bands 0-7, 8-14, 15-30, 31-60, >60).
#   received in the period: 8 cases; website a, c, f = 3; phone b, d, g = 3; interview h, e = 2.
#   decisions: d accepted (4 days), f accepted (6), e rejected (10) -> 2 of 3 accepted; median 6, p90 9.2.
#   deliveries: f twice, 500 + 250.50 = 750.50 this month.


@pytest.fixture
def known(wefaq):
    return write_history(wefaq)


def _api(client, wefaq, query: str = ""):
    response = client.get(f"/api/v1/wefaq/dashboard{query}", headers=bearer(wefaq.tokens["viewer"]))
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def test_every_figure_matches_the_hand_count(client, wefaq, known):
    board = _api(client, wefaq)
    steps = {f["key"]: f["value"] for f in board["open_by_step"]}
    assert steps == {"reception": 1, "completeness_check": 1, "referral": 0, "pledge": 0, "committee_review": 2,
                     "registration": 1, "service_delivery": 0}
    assert board["open_total"] == 5
    assert [f["value"] for f in board["open_by_age"]] == [1, 1, 1, 1, 1]
    assert (board["overdue"], board["due_this_week"]) == (1, 1)
    channels = {f["key"]: f["value"] for f in board["intake"] if f["value"]}
    assert channels == {"website": 3, "phone": 3, "interview": 2}
    assert board["intake_total"] == 8 and board["online"] == 3
    assert board["online_share"] == pytest.approx(3 / 8)
    assert board["decisions"]["count"] == 3
    assert board["decisions"]["median"] == pytest.approx(6, abs=0.01)
    assert board["decisions"]["p90"] == pytest.approx(9.2, abs=0.01)
    assert {f["key"]: f["value"] for f in board["outcomes"]} == {"accepted": 2, "rejected": 1}
    assert board["acceptance_rate"] == pytest.approx(2 / 3)
    assert board["delivery_count"] == 2 and board["delivery_amount"] == pytest.approx(750.5)
    [row] = board["deliveries"]
    assert (row["service"], row["month"], row["count"]) == ("support_request", known.today.isoformat()[:7], 2)


def test_the_page_shows_the_same_figures_with_arabic_labels(client, wefaq, known):
    page = as_member(client, wefaq, "viewer").get("/wefaq/dashboard").get_data(as_text=True)
    assert 'lang="ar" dir="rtl"' in page
    for label in ("الاستقبال", "لجنة", "الموقع الإلكتروني للجمعية", "الاتصالات الهاتفية", "طلب دعم مستفيد"):
        assert label in page, label
    for key in ("completeness_check", "committee_review", "website", "phone", "support_request", "accepted"):
        assert f">{key}<" not in page and f"{key}:" not in page, key  # no raw key as a label or a title
    assert "<svg" in page and 'class="visually-hidden"' in page
    assert "38%" in page or "38٪" in page  # online share 3 of 8
    assert "67%" in page or "67٪" in page  # acceptance rate


def test_a_period_without_the_cases_counts_none_of_them(client, wefaq, known):
    board = _api(client, wefaq, "?from=2020-01-01&to=2020-03-31")
    assert board["intake_total"] == 0 and board["decisions"]["count"] == 0 and board["delivery_count"] == 0
    assert board["open_total"] == 5  # open cases are counted now, whatever the period


def test_the_service_filter(client, wefaq, known):
    assert _api(client, wefaq, "?service=support_request")["intake_total"] == 8
    response = client.get("/api/v1/wefaq/dashboard?service=nothing", headers=bearer(wefaq.tokens["viewer"]))
    assert response.status_code == 422
    page = as_member(client, wefaq, "viewer").get("/wefaq/dashboard?service=nothing&from=2026-13-01")
    assert page.status_code == 422


def test_another_associations_cases_are_never_counted(client, factory, wefaq, known):
    shaair = staff(factory, factory.seed_tenant("shaair"))
    factory.commit()
    for channel in ("website", "phone", "website"):
        open_case(shaair, channel=channel)
    factory.commit()
    board = _api(client, wefaq)
    assert board["open_total"] == 5 and board["intake_total"] == 8


def test_the_cross_tenant_matrix_walks_both_dashboard_routes(app):
    from tests.foundation.test_cross_tenant_matrix import is_public, tenant_rules

    rules = {rule.rule: rule for rule in tenant_rules(app)}
    for path in ("/<slug>/dashboard", "/api/v1/<slug>/dashboard"):
        assert path in rules and not is_public(app, rules[path])


def test_members_without_case_access_see_no_dashboard(client, factory, wefaq):
    from wasl.accounts.models import Role
    from wasl.db import db
    from wasl.tenancy.scope import tenant_scope

    with tenant_scope(db.session, wefaq.tenant.id):
        role = db.session.query(Role).filter_by(key="viewer").one()
        role.permissions = [p for p in role.permissions if p != "cases.view"]
    factory.commit()
    page = as_member(client, wefaq, "viewer")
    assert page.get("/wefaq/dashboard").status_code == 403
    assert 'href="/wefaq/dashboard"' not in page.get("/wefaq").get_data(as_text=True)


def test_the_openapi_document_describes_the_dashboard(client):
    document = client.get("/api/v1/openapi.json").get_json()
    operation = document["paths"]["/api/v1/{slug}/dashboard"]["get"]
    assert "time to decision" in operation["summary"]
    query = {p["name"] for p in operation["parameters"] if p["in"] == "query"}
    assert query == {"from", "to", "service"}
    assert "open_by_step" in str(operation["responses"]["200"]) or "Dashboard" in str(operation["responses"]["200"])


def test_an_association_without_cases_sees_empty_figures_not_errors(client, factory):
    from tests.cases.pages import desk

    hope = desk(factory, "hope", roles=("viewer",))
    factory.commit()
    response = as_member(client, hope, "viewer").get("/hope/dashboard?lang=en")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "No case is open." in page and "No request was received in this period." in page
    assert "No decision was issued in this period." in page and "<svg" not in page


def test_an_association_without_a_published_policy_still_has_a_dashboard(client, factory):
    tenant = factory.tenant("no-policy")
    member = factory.member(tenant, "viewer")
    factory.commit()
    from tests.support.web import sign_in

    sign_in(client, member)
    assert client.get("/no-policy/dashboard").status_code == 200
