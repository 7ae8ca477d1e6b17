"""Wefaq with staff, an SMS provider answering on a local gateway, and two people with requests."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.cases.conftest import emitted  # noqa: F401 - a fixture used here
from tests.cases.support import open_case, person, scope, staff
from tests.notifications.conftest import (  # noqa: F401 - base_urls and gateway are fixtures used here
    base_urls,
    configure,
    gateway,
    no_quiet_hours,
)
from tests.notifications.servers import TAQNYAT_OK, Answer
from wasl.extensions import limiter


@dataclass
class Person:
    national_id: str
    mobile: str
    beneficiary_id: int
    case_id: int


@pytest.fixture(autouse=True)
def fresh_limits(app):
    limiter.reset()
    yield
    limiter.reset()


@pytest.fixture
def wefaq(factory, base_urls, gateway):  # noqa: F811
    association = staff(factory, factory.seed_tenant("wefaq"), tokens=True)
    with scope(association.tenant):
        configure("sms", "taqnyat", {"sender": "WEFAQ"}, {"bearer_token": "tq"})
        no_quiet_hours()
    gateway.state.default = Answer(201, TAQNYAT_OK)
    factory.commit()
    return association


def make_person(association, n: int, **overrides) -> Person:
    data = person(n, **overrides)
    case = open_case(association, beneficiary=data)
    return Person(data["national_id"], data["mobile"], case.beneficiary_id, case.id)


@pytest.fixture
def noura(wefaq, factory):
    found = make_person(wefaq, 7001)
    factory.commit()
    return found


@pytest.fixture
def salem(wefaq, factory):
    found = make_person(wefaq, 7002)
    factory.commit()
    return found
