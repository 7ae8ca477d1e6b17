"""Why the administration feature refuses a request: one class per reason, each with its HTTP answer.

The message is given where the refusal is raised, already in the person's language.
"""

from __future__ import annotations

from wasl.errors import Conflict, Refused

# --- staff and roles -----------------------------------------------------------------------------------


class StaffError(Conflict):
    """A change to the staff or its roles that the association's rules refuse."""

    kind = "staff-rule"


class LastAdmin(StaffError):
    """The change would leave the association without an active admin."""


class RoleInUse(StaffError):
    """The role is held by staff or named in invitations."""


class NotATemplateRole(StaffError):
    """Only a role made from a template can be reset to it."""


class RoleKeyRefused(Refused):
    """A new role's key is malformed or already taken (raised with ``field="key"``)."""


class HolidayTaken(Conflict):
    """The day is already one of the association's holidays."""


# --- invitations ---------------------------------------------------------------------------------------


class InvitationError(Conflict):
    """An invitation that cannot be sent or accepted."""


class AlreadyStaff(InvitationError):
    """The invited address already works for the association."""


class InvitationNotValid(InvitationError):
    """No open invitation has this link (never issued, or withdrawn)."""

    status = 404


class InvitationUsed(InvitationError):
    """The link was already used to join."""

    status = 410


class InvitationExpired(InvitationError):
    """The link is past its expiry."""

    status = 410


class InvitationsSuspended(InvitationError):
    """A suspended association takes nobody in."""

    status = 403


class SignInFirst(InvitationError):
    """A verified account with the invited address exists: its holder must be signed in to accept."""


class CannotEmailCode(InvitationError):
    """The association cannot send e-mail, so the address cannot be confirmed by a code."""


class NoCodeAwaited(InvitationError):
    """The invitation is not waiting for an e-mailed code."""


class TooManyCodeTries(InvitationError):
    """Too many wrong codes were tried."""

    status = 429


class CodeExpired(InvitationError):
    """The e-mailed code is past its expiry."""

    status = 410


class WrongCode(InvitationError):
    """The code is not the one sent (the try is counted)."""

    status = 422


class InvitationAccepted(InvitationError):
    """An accepted invitation can no longer be withdrawn."""


# --- letterhead ----------------------------------------------------------------------------------------


class LogoError(Refused):
    """A logo that is refused; the message names the field and the reason."""
