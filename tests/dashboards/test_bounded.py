"""The dashboard is a fixed number of statements, however many cases the association has."""

from __future__ import annotations

from tests.cases.pages import as_member
from tests.cases.support import act, finish_step, open_case
from tests.support.web import bearer
from wasl.db import db

FIGURE_STATEMENTS = 8  # open by step, by age, decision clock, intake, outcomes, time to decision, deliveries,
# satisfaction by month
PAGE_BOUND = 16  # the figures, plus the session, membership, association, policy and navigation look-ups


def _delivered(association, channel: str):
    case = open_case(association, channel=channel)
    while case.step != "service_delivery":
        finish_step(association, case)
    act(association, case, "record_delivery", {"description": "سلة غذائية", "amount": "300"})
    return case


def _add_cases(association, count: int) -> None:
    for n in range(count):
        if n % 3 == 0:
            _delivered(association, "website")
        else:
            open_case(association, channel="phone" if n % 2 else "website")
    db.session.commit()


def _statements(count_queries, client, url: str, **kwargs) -> list[str]:
    """The statements of the second of two requests (the first reloads what the last commit expired)."""
    client.get(url, **kwargs)
    with count_queries() as statements:
        response = client.get(url, **kwargs)
    assert response.status_code == 200
    return list(statements)


def test_the_page_runs_a_bounded_number_of_statements_that_does_not_grow(client, wefaq, count_queries):
    _add_cases(wefaq, 3)
    as_member(client, wefaq, "viewer")
    few = _statements(count_queries, client, "/wefaq/dashboard")
    _add_cases(wefaq, 12)
    many = _statements(count_queries, client, "/wefaq/dashboard")
    assert len(many) == len(few), "\n".join(many)
    assert len(few) <= PAGE_BOUND, "\n".join(few)


def test_the_api_runs_one_statement_per_figure_beyond_authentication(client, wefaq, count_queries):
    headers = bearer(wefaq.tokens["viewer"])
    empty = _statements(count_queries, client, "/api/v1/wefaq/dashboard", headers=headers)
    _add_cases(wefaq, 6)
    full = _statements(count_queries, client, "/api/v1/wefaq/dashboard", headers=headers)
    assert len(full) == len(empty)
    aggregates = [s for s in full if "count(" in s.lower() or "percentile_cont" in s.lower()]
    assert len(aggregates) >= FIGURE_STATEMENTS - 1  # the SQLite percentiles rank rows in a window
