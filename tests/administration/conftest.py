"""Each test request starts from a clean per-request cache, as it would in production.

The shared fixtures keep one application context open for the whole test, so
Flask's ``g`` (where Flask-Babel caches the chosen locale and Flask-WTF the
CSRF token) would otherwise carry one request's choices into the next.
"""

import pytest
from flask import g, request_started


def _fresh_request(sender, **extra):
    g.pop("_flask_babel", None)
    g.pop("csrf_token", None)


@pytest.fixture(autouse=True)
def fresh_request_caches(app):
    request_started.connect(_fresh_request, app)
    yield
    request_started.disconnect(_fresh_request, app)
