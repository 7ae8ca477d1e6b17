"""The case list's page query walks the association's index newest first: no sort over its rows.

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


def _page_query(tenant) -> tuple[str, dict]:
    sent = []

    def catch(conn, cursor, statement, parameters, context, executemany):
        if statement.startswith("SELECT service_case.id") and "LIMIT" in statement:
            sent.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", catch)
    try:
        with scope(tenant):
            services.list_cases({}, 1, 25)
    finally:
        event.remove(db.engine, "before_cursor_execute", catch)
    assert len(sent) == 1, sent
    return sent[0]


def test_the_list_reads_the_tenant_leading_index_in_order(factory):
    wefaq = desk(factory)
    for _ in range(3):
        open_case(wefaq)
    statement, parameters = _page_query(wefaq.tenant)
    with scope(wefaq.tenant):
        connection = db.session.connection()
        connection.exec_driver_sql("SET LOCAL enable_sort = off")
        connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
        plan = connection.exec_driver_sql("EXPLAIN (FORMAT JSON) " + statement, parameters).scalar()[0]["Plan"]
    kinds = [node["Node Type"] for node in _nodes(plan)]
    scans = [node for node in _nodes(plan) if node.get("Relation Name") == "service_case"]
    assert not any("Sort" in kind for kind in kinds), kinds
    assert [scan.get("Index Name") for scan in scans] == ["ix_service_case_tenant_created"], scans
    assert scans[0]["Scan Direction"] == "Backward"
