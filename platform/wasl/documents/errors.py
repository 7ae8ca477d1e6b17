"""Why an upload was refused, with the status that says it and the field it concerns."""

from __future__ import annotations

from marshmallow import ValidationError

EMPTY = 422
NOT_ACCEPTED = 415
TOO_LARGE = 413


class UploadRefused(ValidationError):
    """A refused file: ``status`` is the HTTP status, ``messages`` maps the form field to the reason."""

    def __init__(self, status: int, field: str, message: str):
        super().__init__({field: [message]})
        self.status = status
        self.field = field
        self.message = message
