"""The public transparency page: off by default, figures against a hand count, small counts held back.

Hand count of the main history: 7 requests, 5 of them on the website (online share 5/7 = 71 %);
6 decisions, 5 accepted (83 %); 6 answered surveys scoring 5, 5, 4, 3, 5, 2: 4 satisfied (CSAT 67 %),
average 24/6 = 4.0.
"""

from __future__ import annotations

import re

from tests.cases.pages import as_member
from tests.cases.support import scope
from tests.support.web import bearer, pass_second_factor
from tests.transparency.conftest import publish, write_history
from wasl.cases.catalogue import catalogue_of
from wasl.cases.workflow.steps.base import riyadh_today
from wasl.dashboards.services import period_of
from wasl.policy.services import published_version
from wasl.transparency import figures

CHANNELS = ("website",) * 5 + ("phone",) * 2
OUTCOMES = ("accepted",) * 5 + ("rejected",)
SCORES = (5, 5, 4, 3, 5, 2)
PAGE_BOUND = 10  # association, transparency setting, policy version, the four figures, and a little slack


def _tile(page: str, tile: str) -> str:
    match = re.search(rf'id="{tile}".*?fs-4 fw-bold">(.*?)</div>', page, re.S)
    assert match, tile
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


def test_off_by_default_and_not_linked(client, wefaq):
    assert client.get("/wefaq/transparency").status_code == 404
    assert 'id="transparency-link"' not in client.get("/wefaq/policy").text


def test_figures_match_the_hand_count(client, wefaq):
    write_history(wefaq, CHANNELS, OUTCOMES, SCORES)
    with scope(wefaq.tenant):
        version = published_version(wefaq.tenant)
        report = figures.transparency(period_of({}, riyadh_today(), catalogue_of(version)), catalogue_of(version),
                                      "en")
    requests, tally = report.requests, report.satisfaction
    assert (requests.received, requests.online, requests.decided, requests.accepted) == (7, 5, 6, 5)
    assert (tally.answered, tally.satisfied, tally.average) == (6, 4, 4.0)
    assert [s.requests.received for s in report.services] == [7]

    publish(wefaq)
    page = client.get("/wefaq/transparency?lang=en").text
    assert (_tile(page, "tr-received"), _tile(page, "tr-decided")) == ("7", "6")
    assert (_tile(page, "tr-accepted"), _tile(page, "tr-online")) == ("83%", "71%")
    assert (_tile(page, "tr-csat"), _tile(page, "tr-average"), _tile(page, "tr-responses")) == ("67%", "4.0 of 5", "6")


def test_four_responses_show_no_score(client, wefaq):
    write_history(wefaq, CHANNELS, OUTCOMES, (5, 5, 4, 1))
    publish(wefaq)
    page = client.get("/wefaq/transparency?lang=en").text
    assert _tile(page, "tr-responses") == "fewer than five"
    assert _tile(page, "tr-csat") == "not shown" and _tile(page, "tr-average") == "not shown"
    assert "75%" not in page and "3.8" not in page
    arabic = client.get("/wefaq/transparency?lang=ar").text
    assert 'lang="ar" dir="rtl"' in arabic and "أقل من خمسة" in arabic


def test_small_request_counts_are_words_and_their_shares_are_hidden(client, wefaq):
    write_history(wefaq, ("website", "phone", "phone"), ("accepted",))
    publish(wefaq)
    page = client.get("/wefaq/transparency?lang=en").text
    assert _tile(page, "tr-received") == "fewer than five" and _tile(page, "tr-online") == "not shown"
    assert _tile(page, "tr-accepted") == "not shown"


def test_anonymous_page_is_cacheable_and_holds_no_personal_data(client, wefaq):
    write_history(wefaq, CHANNELS, OUTCOMES, SCORES)
    publish(wefaq)
    response = client.get("/wefaq/transparency")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=300"
    assert "Set-Cookie" not in response.headers and "csrf_token" not in response.text  # nothing personal to keep
    assert "Cookie" in response.headers["Vary"]
    assert "فاطمة" not in response.text and "0550" not in response.text
    assert 'id="transparency-link"' in client.get("/wefaq/policy").text
    as_member(client, wefaq, "viewer")
    assert client.get("/wefaq/transparency").headers["Cache-Control"] == "private, no-cache"


def test_the_page_is_a_fixed_number_of_statements(client, wefaq, count_queries):
    publish(wefaq)
    write_history(wefaq, CHANNELS[:2])
    client.get("/wefaq/transparency")
    with count_queries() as few:
        client.get("/wefaq/transparency")
    write_history(wefaq, CHANNELS, OUTCOMES, SCORES)
    client.get("/wefaq/transparency")
    with count_queries() as many:
        client.get("/wefaq/transparency")
    assert len(many) == len(few) <= PAGE_BOUND, "\n".join(many)
    aggregates = [s for s in many if "count(" in s.lower()]
    assert len(aggregates) == 4, "\n".join(aggregates)


def test_the_admin_turns_it_on_with_a_period(client, wefaq):
    as_member(client, wefaq, "admin")
    pass_second_factor(client, wefaq.users["admin"])
    page = client.get("/wefaq/admin/transparency")
    assert page.status_code == 200
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text).group(1)
    saved = client.post("/wefaq/admin/transparency", data={"csrf_token": token, "published": "y",
                                                           "period_days": "90"})
    assert saved.status_code == 302
    assert client.get("/wefaq/transparency").status_code == 200


def test_the_api_reads_and_sets_the_setting(client, wefaq):
    headers = bearer(wefaq.tokens["admin"])
    assert client.get("/api/v1/wefaq/admin/transparency", headers=headers).json == {
        "published": False, "period_days": 365}
    answer = client.put("/api/v1/wefaq/admin/transparency", headers=headers,
                        json={"published": True, "period_days": 180})
    assert answer.status_code == 200 and answer.json == {"published": True, "period_days": 180}
    assert client.put("/api/v1/wefaq/admin/transparency", headers=headers,
                      json={"published": True, "period_days": 7}).status_code == 422
    assert client.get("/wefaq/transparency").status_code == 200
