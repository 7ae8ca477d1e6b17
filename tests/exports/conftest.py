"""A seed association whose staff sign in to the pages; Redis is unreachable unless a test brings it back."""

from __future__ import annotations

import pytest

from tests.cases.pages import desk

DEAD_REDIS = "redis://127.0.0.1:9/0"


@pytest.fixture
def wefaq(factory, app, monkeypatch):
    monkeypatch.setitem(app.config, "REDIS_URL", DEAD_REDIS)
    association = desk(factory)
    factory.commit()
    return association
