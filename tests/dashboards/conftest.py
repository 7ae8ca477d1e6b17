"""A seed association with one member per role who can sign in, and a page client of its own per test."""

from __future__ import annotations

import pytest

from tests.cases.pages import desk


@pytest.fixture
def wefaq(factory):
    association = desk(factory)
    association.tokens["viewer"] = factory.token(association.users["viewer"])
    factory.commit()
    return association
