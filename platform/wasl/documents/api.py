"""Documents in the JSON API: upload (multipart) and download."""

from __future__ import annotations

from flask import g, jsonify, request
from flask_babel import gettext as _

from wasl.accounts import access
from wasl.api import api_blueprint
from wasl.api.spec import operation
from wasl.documents import services
from wasl.documents.schemas import DocumentSchema, UploadBodySchema, UploadFieldsSchema
from wasl.documents.views import attachment

bp = api_blueprint("documents", __name__, "/<slug>/documents")


@bp.route("", methods=["POST"])
@access.requires("cases.handle")
@operation("Upload a PDF, JPEG or PNG (multipart/form-data: file, and optionally kind, expires_on, case_id); "
           "expires_on may be Gregorian (2028-09-01) or Umm al-Qura Hijri (1450/03/15 H), and the document "
           "comes back with both (expires_on, expires_on_hijri)",
           request=UploadBodySchema, request_content="multipart/form-data", response=DocumentSchema, status=201)
def upload():
    fields = UploadFieldsSchema().load(request.form.to_dict())
    document = services.store_upload(request.files.get("file"), actor=g.actor, label=_("File"), **fields)
    return jsonify(DocumentSchema().dump(document)), 201


@bp.route("/<int:document_id>")
@access.requires("cases.view")
@operation("Download a document's file, as an attachment")
def download(document_id: int):
    return attachment(services.download(document_id, g.actor))
