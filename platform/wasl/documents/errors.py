"""Why an upload was refused, with the status that says it and the field it concerns."""

from __future__ import annotations

from wasl.errors import Refused

EMPTY = 422
NOT_ACCEPTED = 415
TOO_LARGE = 413


class UploadRefused(Refused):
    """A refused file: ``status`` is the HTTP status (``EMPTY``, ``NOT_ACCEPTED``, ``TOO_LARGE``), ``field`` the
    form field it came in, ``message`` the reason."""

    kind = "upload-refused"

    def __init__(self, status: int, field: str, message: str):
        super().__init__(message, status, field)

    @property
    def message(self) -> str:
        return self.detail

    @property
    def messages(self) -> dict[str, list[str]]:
        """The reason keyed by the field, as a problem's ``errors`` member."""
        return {self.field: [self.detail]}
