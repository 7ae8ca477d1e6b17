"""One family of refusals: what a service answers when a request cannot be done as asked.

A service raises ``Refused`` (or a subclass naming the feature's reason) with a message already in the
person's language. The web layer turns it into problem+json under /api/ and into an error page
elsewhere (``wasl.web.errors``); a view that shows a form catches it and puts ``detail`` next to
``field``. ``NotFound`` is the one way to say that something does not exist in this scope.
"""

from __future__ import annotations


class Refused(Exception):
    """The request was understood and refused: ``detail`` says why, ``status`` is the HTTP answer.

    ``field`` names the input at fault, when there is one; ``kind`` becomes the problem's type
    (``urn:wasl:problem:<kind>``); ``extra`` holds further problem members.
    """

    status = 422
    kind: str | None = None

    def __init__(self, detail: str = "", status: int | None = None, field: str | None = None,
                 kind: str | None = None, **extra):
        super().__init__(detail)
        self.detail = detail
        if status is not None:
            self.status = status
        if kind is not None:
            self.kind = kind
        self.field = field
        self.extra = extra

    def __str__(self) -> str:
        return self.detail


class NotFound(Refused):
    """Nothing of the kind exists where the person is allowed to look (another association's row included)."""

    status = 404


class Conflict(Refused):
    """The request does not fit the current state of what it acts on."""

    status = 409


def found(value, detail: str = ""):
    """``value`` unless it is None, which is ``NotFound``: ``case = found(cases.by_id(case_id))``."""
    if value is None:
        raise NotFound(detail)
    return value
