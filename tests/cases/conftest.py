"""Associations with one member per role, and a recorder of the events cases emit."""

from __future__ import annotations

import pytest

from tests.cases.support import staff
from wasl.events import EXTENSION_KEY


@pytest.fixture
def wefaq(factory):
    association = staff(factory, factory.seed_tenant("wefaq"), tokens=True)
    factory.commit()
    return association


@pytest.fixture
def shaair(factory):
    association = staff(factory, factory.seed_tenant("shaair"), tokens=True)
    factory.commit()
    return association


CASE_EVENTS = ("case.received", "case.documents_missing", "case.pledge_requested", "case.submitted",
               "case.decided", "case.registered", "case.service_delivered", "case.decision_due_soon",
               "case.overdue")


@pytest.fixture
def emitted(app):
    """Every case event emitted during the test, as ``(name, payload)``; a real subscriber, removed after."""
    seen = []

    def record(event, **payload):
        seen.append((event, payload))

    handlers = app.extensions.setdefault(EXTENSION_KEY, {})
    for name in CASE_EVENTS:
        handlers.setdefault(name, []).append(record)
    yield seen
    for name in CASE_EVENTS:
        handlers[name].remove(record)
