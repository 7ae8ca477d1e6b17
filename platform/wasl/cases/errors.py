"""Why a case action was refused: members of the one family of refusals (``wasl.errors``)."""

from __future__ import annotations

from wasl.errors import Conflict


class TransitionNotAllowed(Conflict):
    """An action the case's state (409) or the member's role (403) does not allow; nothing was written."""

    kind = "transition-not-allowed"


class ConcurrentChange(Conflict):
    """Someone else changed the case between reading it and acting on it; the attempt was undone."""

    kind = "concurrent-change"
