"""The API's view of a document, and the form fields that travel with an upload."""

from __future__ import annotations

from flask import url_for
from flask_babel import lazy_gettext as _l
from marshmallow import RAISE, Schema, fields, validate

from wasl.documents.expiry import HIJRI_EXPIRY, ExpiryDateField, hijri_of

KIND = validate.Regexp(r"^[a-z][a-z0-9_]{0,62}$",
                       error=_l("Use lowercase English letters, digits and underscores, starting with a letter."))


class DocumentSchema(Schema):
    id = fields.Integer(dump_only=True)
    original_name = fields.String()
    content_type = fields.String(metadata={"description": "Detected from the file's content."})
    size_bytes = fields.Integer()
    sha256 = fields.String()
    kind = fields.String(allow_none=True)
    expires_on = fields.Date(allow_none=True, metadata={"description": "The expiry date, Gregorian."})
    expires_on_hijri = fields.Function(lambda d: hijri_of(d.expires_on), allow_none=True, metadata=HIJRI_EXPIRY)
    case_id = fields.Integer(allow_none=True)
    uploaded_by_id = fields.Integer(allow_none=True)
    uploaded_at = fields.DateTime()
    download_url = fields.Method("_download_url")

    def _download_url(self, document) -> str:
        return url_for("api_documents.download", document_id=document.id)


class UploadFieldsSchema(Schema):
    """The multipart fields beside ``file``."""

    class Meta:
        unknown = RAISE

    kind = fields.String(validate=KIND, load_default=None)
    expires_on = ExpiryDateField(load_default=None)
    case_id = fields.Integer(strict=False, validate=validate.Range(min=1), load_default=None)


class UploadBodySchema(UploadFieldsSchema):
    """The whole multipart body as the upload reads it: ``file`` from the files, the other fields from the form."""

    file = fields.Raw(required=True, metadata={"type": "string", "format": "binary",
                                               "description": "The PDF, JPEG or PNG; checked by its content."})
