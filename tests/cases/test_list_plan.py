"""The case list's queries walk the association's index: its page newest first with no sort over its rows,
its count stopping at the limit.

The statement is the one the list really sends (caught on its way to the
database, tenant criteria and all). The planner is told that sorting and
scanning the whole table cost too much, so a plan that still sorts has no
index to read in order: that is the regression this test catches.
"""

from __future__ import annotations

import pytest
from sqlalchemy import event

from tests.cases.pages import desk
from tests.cases.support import open_case, scope
from wasl.cases import services
from wasl.db import db

pytestmark = pytest.mark.postgres


def _nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


def _sent(tenant, starts: str, **list_args) -> tuple[str, dict]:
    sent = []

    def catch(conn, cursor, statement, parameters, context, executemany):
        if statement.startswith(starts) and "LIMIT" in statement:
            sent.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", catch)
    try:
        with scope(tenant):
            services.list_cases({}, 1, 25, **list_args)
    finally:
        event.remove(db.engine, "before_cursor_execute", catch)
    assert len(sent) == 1, sent
    return sent[0]


def _plan(tenant, statement: str, parameters: dict) -> dict:
    with scope(tenant):
        connection = db.session.connection()
        connection.exec_driver_sql("SET LOCAL enable_sort = off")
        connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
        return connection.exec_driver_sql("EXPLAIN (FORMAT JSON) " + statement, parameters).scalar()[0]["Plan"]


def test_the_list_reads_the_tenant_leading_index_in_order(factory):
    wefaq = desk(factory)
    for _ in range(3):
        open_case(wefaq)
    plan = _plan(wefaq.tenant, *_sent(wefaq.tenant, "SELECT service_case.id"))
    kinds = [node["Node Type"] for node in _nodes(plan)]
    scans = [node for node in _nodes(plan) if node.get("Relation Name") == "service_case"]
    assert not any("Sort" in kind for kind in kinds), kinds
    assert [scan.get("Index Name") for scan in scans] == ["ix_service_case_tenant_created"], scans
    assert scans[0]["Scan Direction"] == "Backward"


def test_the_count_comes_with_the_page_and_stops_at_its_limit(factory):
    wefaq = desk(factory)
    for _ in range(3):
        open_case(wefaq)
    statement, parameters = _sent(wefaq.tenant, "SELECT service_case.id", count_beyond=1000)
    assert "count(*)" in statement and 1001 in parameters.values(), parameters  # past the page's start, + 1
    plan = _plan(wefaq.tenant, statement, parameters)
    nodes = list(_nodes(plan))
    assert not any("Sort" in node["Node Type"] for node in nodes), [node["Node Type"] for node in nodes]
    counting = next(node for node in nodes if node.get("Parent Relationship") == "InitPlan")
    assert [node["Node Type"] for node in _nodes(counting)][:2] == ["Aggregate", "Limit"], counting
    scans = [node for node in nodes if node.get("Relation Name") == "service_case"]
    # the page walks the index newest first; the count, a tenant-leading index, stopping early
    assert scans[0].get("Index Name") == "ix_service_case_tenant_created", scans
    assert all("tenant_id" in scan.get("Index Cond", "") for scan in scans), scans
