"""Wefaq with staff, a text-message gateway and two people (the portal's fixtures), and ways to file items."""

from __future__ import annotations

import pytest

from tests.notifications.conftest import base_urls, gateway  # noqa: F401 - fixtures
from tests.portal.conftest import fresh_limits, noura, salem, wefaq  # noqa: F401 - fixtures
from tests.portal.support import api_token, sign_in
from tests.support.web import csrf_token


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def file_in_portal(client, slug: str, **data):
    token = csrf_token(client, f"/{slug}/portal/feedback/new")
    return client.post(f"/{slug}/portal/feedback/new", data={"csrf_token": token, **data})


def file_in_public(client, slug: str, **data):
    token = csrf_token(client, f"/{slug}/feedback/new")
    return client.post(f"/{slug}/feedback/new", data={"csrf_token": token, **data})


@pytest.fixture
def noura_signed_in(client, wefaq, noura, gateway):  # noqa: F811
    assert sign_in(client, wefaq.slug, wefaq.tenant.id, gateway, noura.national_id, noura.mobile).status_code == 302
    return noura


@pytest.fixture
def noura_token(app, wefaq, noura, gateway):  # noqa: F811
    return api_token(app.test_client(), wefaq.slug, wefaq.tenant.id, gateway, noura.national_id, noura.mobile)
