"""A person who withdrew their consent to notifications gets no more non-essential messages, from now."""

from __future__ import annotations

from sqlalchemy import update

from wasl.db import db
from wasl.notifications.models import Notification, NotificationStatus

CONSENT_WITHDRAWN = "the person withdrew their consent to messages"
_WAITING = (NotificationStatus.PENDING, NotificationStatus.FAILED)


def on_consent_withdrawn(event: str, *, tenant_id: int, beneficiary_id: int, purpose: str, **_facts) -> None:
    """``beneficiary.consent_withdrawn``: the person's non-essential messages still waiting end here."""
    if purpose != "notifications":
        return
    db.session.execute(
        update(Notification)
        .where(Notification.tenant_id == tenant_id, Notification.recipient_kind == "beneficiary",
               Notification.recipient_ref_id == beneficiary_id, Notification.essential.is_(False),
               Notification.status.in_(_WAITING))
        .values(status=NotificationStatus.DEAD, last_error=CONSENT_WITHDRAWN)
        .execution_options(synchronize_session="fetch"))
