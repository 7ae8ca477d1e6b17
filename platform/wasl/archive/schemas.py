"""The API shape of an archive: its progress, size and digest."""

from __future__ import annotations

from marshmallow import Schema, fields


class ExportSchema(Schema):
    id = fields.Integer()
    status = fields.Function(lambda e: e.status.value)
    progress = fields.Integer()
    size_bytes = fields.Integer(allow_none=True)
    sha256 = fields.String(allow_none=True)
    created_at = fields.DateTime()
    finished_at = fields.DateTime(allow_none=True)
