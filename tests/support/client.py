"""The test client: every request in an application context of its own, as in production.

The test's own context (pushed by the ``db_session`` fixture) keeps its ``g`` and its database session; a
request gets a fresh ``g`` and a session of its own on the same connection, so the test's outer transaction
still undoes everything. The test's pending writes are flushed before a request, so the request sees them,
and its objects are expired after one, so the test reads what the request wrote.
"""

from __future__ import annotations

from flask import has_app_context
from flask.testing import FlaskClient

from wasl.db import db


class OwnContextClient(FlaskClient):
    def open(self, *args, **kwargs):
        test_session = _test_session()
        if test_session is not None:
            test_session.flush()
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        if test_session is not None:
            test_session.expire_all()  # read again what the request wrote (PostgreSQL: in the scope it left)
        return response


def _test_session():
    """The session of the test's own context, if the test has one open."""
    if not has_app_context() or not db.session.registry.has():
        return None
    return db.session()

