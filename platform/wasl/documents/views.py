"""Downloading a document from the staff pages; the 413 answer for requests that are too large."""

from __future__ import annotations

from flask import Blueprint, g, render_template, send_file
from flask_babel import gettext as _
from werkzeug.exceptions import RequestEntityTooLarge

from wasl.accounts import access
from wasl.documents import services
from wasl.documents.services import OpenedDocument
from wasl.web.routing import is_api_request

bp = Blueprint("documents", __name__)


@bp.route("/<slug>/documents/<int:document_id>")
@access.requires("cases.view")
def download(document_id: int):
    return attachment(services.download(document_id, g.actor))


def attachment(opened: OpenedDocument):
    """The stored bytes as a download, never rendered in the browser, with the detected type."""
    response = send_file(opened.path, mimetype=opened.document.content_type, as_attachment=True,
                         download_name=opened.download_name, max_age=0, etag=opened.document.sha256)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response


def too_large(error: RequestEntityTooLarge):
    from flask import current_app

    from wasl.web.errors import problem

    detail = _("The request is larger than the limit of {limit}.").format(
        limit=services.size_text(current_app.config["MAX_CONTENT_LENGTH"]))
    if is_api_request():
        return problem(413, detail, kind="upload-too-large")
    page = render_template("errors/error.html", status=413, title=_("The upload is too large."), detail=detail)
    return page, 413


def init_app(app) -> None:
    app.register_blueprint(bp)
    app.register_error_handler(RequestEntityTooLarge, too_large)
