"""Why a case action was refused: the message is for people, the status for HTTP."""

from __future__ import annotations


class TransitionNotAllowed(Exception):
    """An action the case's state (409) or the member's role (403) does not allow; nothing was written."""

    def __init__(self, detail: str, status: int = 409):
        super().__init__(detail)
        self.detail = detail
        self.status = status


class CaseConfigurationError(Exception):
    """The case's policy version lacks something the workflow needs (a service catalogue, say)."""
