"""A seed association with its staff, and the survey links its deliveries send (caught as they are announced)."""

from __future__ import annotations

import pytest

from tests.cases.pages import desk
from wasl.events import EXTENSION_KEY


@pytest.fixture
def wefaq(factory):
    association = desk(factory)
    factory.commit()
    return association


@pytest.fixture
def invitations(app):
    """Every ``case.survey_invited`` payload announced during the test, in order."""
    caught = []

    def catch(event, **payload):
        caught.append(payload)

    handlers = app.extensions[EXTENSION_KEY]["case.survey_invited"]
    handlers.append(catch)
    yield caught
    handlers.remove(catch)
