"""Policy writes the version's state does not allow; each is a 409 problem with a message for people."""

from __future__ import annotations

from werkzeug.exceptions import Conflict


class PolicyConflict(Conflict):
    """Refused because of the version's current state, not because of the input's shape."""

    wasl_detail = True  # the description is meant for the person and is shown as the problem's detail

    def __init__(self, detail: str):
        super().__init__(description=str(detail))


class StaleDraft(PolicyConflict):
    """The draft changed since the editor loaded it; their edit would overwrite someone else's."""


class ImmutableVersion(PolicyConflict):
    """Approved, published and superseded versions keep their content for ever."""


class DraftExists(PolicyConflict):
    """A tenant prepares one version at a time."""


class WrongStatus(PolicyConflict):
    """The step asked for does not follow from the version's status (e.g. publishing a draft)."""
