"""The policy domain and API tests read English messages; the page tests read the catalogue."""

import pytest
from flask_babel import force_locale

ENGLISH_MODULES = ("test_policy_core", "test_policy_api")


def _wants_english(request) -> bool:
    return request.module.__name__.rsplit(".", 1)[-1].startswith(ENGLISH_MODULES)


@pytest.fixture(autouse=True)
def english_messages(request, app):
    if not _wants_english(request):
        yield
        return
    with force_locale("en"):
        yield


@pytest.fixture
def client(request, app):
    client = app.test_client()
    if _wants_english(request):
        client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client
