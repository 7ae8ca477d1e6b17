"""Announcing case events to the notifications feature, inside the transaction of the change.

Payloads carry ids and plain facts (strings, numbers, ISO dates, ``{ar, en}`` texts), never ORM
objects; the notifications feature shows dates in both calendars and texts in the recipient's language.
"""

from __future__ import annotations

from wasl.events import emit

RECEIVED = "case.received"
DOCUMENTS_MISSING = "case.documents_missing"
PLEDGE_REQUESTED = "case.pledge_requested"
SUBMITTED = "case.submitted"
DECIDED = "case.decided"
REGISTERED = "case.registered"
SERVICE_DELIVERED = "case.service_delivered"
DECISION_DUE_SOON = "case.decision_due_soon"
OVERDUE = "case.overdue"


def announce(event: str, case, **facts) -> None:
    """Emit ``event`` about ``case`` with its identifying facts and ``facts``."""
    emit(event, tenant_id=case.tenant_id, case_id=case.id, case_number=case.number,
         beneficiary_id=case.beneficiary_id, service_key=case.service_key, assignee_id=case.assignee_id, **facts)
