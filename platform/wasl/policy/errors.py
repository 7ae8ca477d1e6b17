"""The policy's refusals: writes the version's state does not allow (409), and what is not there (404)."""

from __future__ import annotations

from wasl.errors import Conflict, NotFound, Refused


class PolicyConflict(Conflict):
    """Refused because of the version's current state, not because of the input's shape."""


class StaleDraft(PolicyConflict):
    """The draft changed since the editor loaded it; their edit would overwrite someone else's."""


class ImmutableVersion(PolicyConflict):
    """Approved, published and superseded versions keep their content for ever."""


class DraftExists(PolicyConflict):
    """A tenant prepares one version at a time."""


class WrongStatus(PolicyConflict):
    """The step asked for does not follow from the version's status (e.g. publishing a draft)."""


class VersionNotFound(NotFound):
    """No policy version with this id in the association in scope."""


class NotPublished(NotFound):
    """The association has not published its policy yet."""


class NoSuchReferenceFile(NotFound):
    """The version's references do not point to this file."""


class UnknownLanguage(Refused):
    """A language parameter that is neither ``ar`` nor ``en``."""

    status = 400
