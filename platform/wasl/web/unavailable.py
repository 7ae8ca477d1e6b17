"""When the database cannot be reached: 503 with Retry-After, and reads tried once more.

A restarted or failed-over database drops every pooled connection. The pool
pings before each checkout, so most requests never notice; one caught in the
middle gets a translated 503 (problem+json under /api/) that says when to come
back, and a GET or HEAD is run a second time before anyone sees that answer.
"""

from __future__ import annotations

from flask import Response, current_app, g
from flask_babel import gettext as _
from sqlalchemy.exc import InterfaceError, OperationalError

from wasl.db import db
from wasl.i18n import current_language, text_direction
from wasl.unit_of_work import roll_back
from wasl.web.errors import problem
from wasl.web.routing import is_api_request

RETRY_AFTER_SECONDS = 5
_RETRYABLE = "X-Wasl-Retryable"
_SAFE_METHODS = ("GET", "HEAD")


def handle_database_unavailable(error: Exception):
    roll_back()
    current_app.logger.warning("database unavailable: %s", type(error).__name__)
    g.pop("actor", None)  # loading the person needs the database: the answer must not
    detail = _("The service is briefly unavailable. Please try again in a few seconds.")
    if is_api_request():
        response = problem(503, detail, kind="database-unavailable")
    else:
        page = current_app.jinja_env.get_template("errors/unavailable.html").render(
            lang=current_language(), text_dir=text_direction(), detail=detail, retry_after=RETRY_AFTER_SECONDS)
        response = Response(page, status=503, mimetype="text/html")
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response.headers[_RETRYABLE] = "1"
    return response


def close_session_safely(_error=None) -> None:
    """Runs before Flask-SQLAlchemy's own teardown: a connection dropped after the
    answer was made must not turn that answer into a 500 when the session closes."""
    try:
        db.session.close()
    except (OperationalError, InterfaceError):
        db.session().invalidate()


class RetryReadsOnce:
    """WSGI middleware: a GET or HEAD that met an unreachable database is run once more."""

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") not in _SAFE_METHODS:
            return self._without_marker(environ, start_response)
        first: dict = {}
        body = self.wsgi_app(environ, _capture(first))
        if not _is_retryable(first["headers"]):
            start_response(first["status"], first["headers"], first.get("exc_info"))
            return body
        if hasattr(body, "close"):
            body.close()
        return self._without_marker(environ, start_response)

    def _without_marker(self, environ, start_response):
        def strip(status, headers, exc_info=None):
            return start_response(status, [(k, v) for k, v in headers if k != _RETRYABLE], exc_info)

        return self.wsgi_app(environ, strip)


def _capture(into: dict):
    def start(status, headers, exc_info=None):
        into.update(status=status, headers=headers, exc_info=exc_info)
        return lambda data: None  # Flask never writes through this

    return start


def _is_retryable(headers) -> bool:
    return any(name == _RETRYABLE for name, _value in headers)


def init_app(app) -> None:
    for error in (OperationalError, InterfaceError):
        app.register_error_handler(error, handle_database_unavailable)
    app.teardown_appcontext(close_session_safely)  # registered after db.init_app, so it runs first
    app.wsgi_app = RetryReadsOnce(app.wsgi_app)
