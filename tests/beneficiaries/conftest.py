"""Fixtures for the registry: an association in scope, its staff, and valid people to register."""

from __future__ import annotations

import pytest

from wasl.tenancy.scope import tenant_scope

# Valid IDs, check digits computed by hand: citizens start with 1, residents (Iqama) with 2.
CITIZEN_ID = "1012345672"
CITIZEN_ID_2 = "1123456780"
RESIDENT_ID = "2012345670"
RESIDENT_ID_2 = "2345678904"


def person(**overrides) -> dict:
    """A complete, valid registration as staff would type it."""
    data = {
        "national_id": CITIZEN_ID,
        "full_name_ar": "أحمد محمد العتيبي",
        "full_name_en": "Ahmed Mohammed Alotaibi",
        "mobile": "0501234567",
        "gender": "male",
        "birth_on_hijri": "1410-05-12",
        "city": "القنفذة",
    }
    data.update(overrides)
    return data


@pytest.fixture
def tenant(factory):
    return factory.tenant()


@pytest.fixture
def scoped(db_session, tenant):
    """The association in scope of the database session, as inside one of its requests."""
    with tenant_scope(db_session, tenant.id):
        yield tenant


@pytest.fixture
def officer(factory, tenant):
    return factory.member(tenant, "relations_officer")
