"""Errors: HTML pages in the person's language, RFC 9457 problem+json under /api/."""

from __future__ import annotations

from flask import jsonify, render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from marshmallow import ValidationError
from sqlalchemy.exc import DataError
from werkzeug.exceptions import HTTPException, InternalServerError

from wasl.db import db
from wasl.errors import Refused
from wasl.i18n.validation import translate_errors
from wasl.web.routing import TenantSuspended, is_api_request


def _titles() -> dict[int, str]:
    return {
        400: _("The request could not be understood."),
        401: _("Sign-in is required: send a valid bearer token."),
        403: _("You do not have permission to do this."),
        404: _("Nothing was found at this address."),
        405: _("This method is not allowed here."),
        409: _("The request conflicts with the current state."),
        413: _("The upload is too large."),
        415: _("This type of content is not accepted."),
        422: _("Some fields are not valid."),
        429: _("Too many attempts. Please wait a little and try again."),
        500: _("Something went wrong on our side. It has been logged."),
        503: _("The service is not ready."),
    }


def problem(status: int, detail: str | None = None, *, kind: str | None = None, **extra):
    """A problem+json response with a translated title."""
    body = {
        "type": f"urn:wasl:problem:{kind}" if kind else "about:blank",
        "title": _titles().get(status, _("The request could not be completed.")),
        "status": status,
    }
    if detail:
        body["detail"] = detail
    body.update(extra)
    response = jsonify(body)
    response.status_code = status
    response.mimetype = "application/problem+json"
    return response


def _page(status: int, detail: str | None = None):
    return render_template("errors/error.html", status=status, title=_titles().get(status), detail=detail), status


def handle_http_error(error: HTTPException):
    status = error.code or 500
    detail = error.description if getattr(error, "wasl_detail", False) else None
    if is_api_request():
        response = problem(status, detail)
        if status == 401:
            response.headers["WWW-Authenticate"] = 'Bearer realm="wasl"'
        return response
    return _page(status, detail)


def handle_refused(refused: Refused):
    """The one answer to a service's refusal: problem+json under /api/, the error page elsewhere."""
    if is_api_request():
        extra = dict(refused.extra)
        if refused.field:
            extra.setdefault("errors", {refused.field: [refused.detail]})
        return problem(refused.status, refused.detail or None, kind=refused.kind, **extra)
    return _page(refused.status, refused.detail or None)


def handle_csrf_error(error: CSRFError):
    detail = _("The form expired or was sent from elsewhere. Reload the page and try again.")
    if is_api_request():
        return problem(400, detail, kind="csrf")
    return _page(400, detail)


def handle_validation_error(error: ValidationError):
    db.session.rollback()
    if is_api_request():
        errors = translate_errors(error.normalized_messages())
        return problem(422, _("Some fields are not valid."), kind="validation", errors=errors)
    return _page(422, _("Some fields are not valid."))


def handle_suspended(error: TenantSuspended):
    detail = _("This association's account is suspended. Its data is kept safe; please contact the platform operator.")
    if is_api_request():
        return problem(403, detail, kind="tenant-suspended")
    return render_template("errors/suspended.html", tenant=error.tenant, detail=detail), 403


def handle_value_out_of_range(error: Exception):
    """A value no column can hold (a number past 64 bits, a NUL in a text) that no schema stopped first."""
    db.session.rollback()
    detail = _("A value in the request cannot be stored: a number is too large or a text holds a character "
               "that is not allowed.")
    if is_api_request():
        return problem(422, detail, kind="value-out-of-range")
    return _page(422, detail)


def handle_unexpected(error: Exception):
    db.session.rollback()
    if isinstance(error, HTTPException):
        return handle_http_error(error)
    from flask import current_app

    current_app.logger.exception("unhandled error")
    if current_app.config.get("PROPAGATE_EXCEPTIONS"):
        raise error
    return handle_http_error(InternalServerError())


def init_app(app) -> None:
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(Refused, handle_refused)
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(ValidationError, handle_validation_error)
    app.register_error_handler(TenantSuspended, handle_suspended)
    for error in (DataError, OverflowError):
        app.register_error_handler(error, handle_value_out_of_range)
    app.register_error_handler(Exception, handle_unexpected)


def fail(status: int, detail: str):
    """Stop the request with ``status`` and a message meant for the person (already translated)."""
    from werkzeug.exceptions import default_exceptions

    error = default_exceptions[status](description=detail)
    error.wasl_detail = True
    raise error
