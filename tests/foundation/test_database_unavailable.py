"""An unreachable database: a translated 503 that says when to come back, and reads tried twice."""

from __future__ import annotations

import logging
import socket

import pytest

from tests.conftest import make_app
from wasl.db import db

pytestmark = pytest.mark.no_db_session  # the app under test has its own (unreachable) database

def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Nowhere:
    app_url = f"postgresql+psycopg://wasl@127.0.0.1:{_closed_port()}/wasl"


@pytest.fixture
def cut_off():
    application = make_app(_Nowhere(), PROPAGATE_EXCEPTIONS=True)
    yield application
    with application.app_context():
        db.engine.dispose()


def _unavailable_warnings(caplog) -> int:
    return sum("database unavailable" in record.getMessage() for record in caplog.records)


def test_a_page_answers_503_in_arabic_and_a_read_is_tried_twice(cut_off, caplog):
    caplog.set_level(logging.WARNING)
    response = cut_off.test_client().get("/wefaq/cases")
    page = response.get_data(as_text=True)
    assert response.status_code == 503 and response.headers["Retry-After"] == "5"
    assert 'lang="ar"' in page and 'dir="rtl"' in page and "الخدمة غير متاحة" in page
    assert "X-Wasl-Retryable" not in response.headers
    assert _unavailable_warnings(caplog) == 2


def test_the_api_answers_problem_json_and_a_write_is_not_repeated(cut_off, caplog):
    caplog.set_level(logging.WARNING)
    response = cut_off.test_client().post("/api/v1/wefaq/cases", json={}, headers={"Accept-Language": "en"})
    assert response.status_code == 503 and response.mimetype == "application/problem+json"
    assert response.get_json()["type"] == "urn:wasl:problem:database-unavailable"
    assert "try again in a few seconds" in response.get_json()["detail"]
    assert response.headers["Retry-After"] == "5"
    assert _unavailable_warnings(caplog) == 1
