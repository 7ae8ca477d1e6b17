"""One module per step type: each action's payload schema and handler, and what happens on entering a step.

The rules (who, when, what must exist first) are not here but in
``cases.workflow``; these modules only do the work once it is allowed.
"""

from __future__ import annotations

from wasl.cases.workflow.steps import (
    committee,
    completeness,
    delivery,
    eligibility,
    lifecycle,
    pledge,
    reception,
    referral,
    registration,
)
from wasl.cases.workflow.steps.base import Result, StepAction, StepContext

HANDLERS: dict[str, StepAction] = {
    **reception.ACTIONS,
    **completeness.ACTIONS,
    **referral.ACTIONS,
    **pledge.ACTIONS,
    **eligibility.ACTIONS,
    **committee.ACTIONS,
    **registration.ACTIONS,
    **delivery.ACTIONS,
    **lifecycle.ACTIONS,
}

# What happens when a case arrives at a step of this type.
ON_ENTER = {
    "pledge": pledge.enter,
    "committee_review": committee.enter,
}

__all__ = ["HANDLERS", "ON_ENTER", "Result", "StepAction", "StepContext"]
