"""After a service is delivered, invite the person to rate it: the survey row and its message, together.

Runs inside the transaction that recorded the delivery (``wasl.events``), so
the survey, its one-time link and the outbox notification that carries the
link commit or roll back with the delivery. A case is invited once, at its
first delivery.
"""

from __future__ import annotations

from wasl.cases.models import Case
from wasl.db import db
from wasl.events import emit
from wasl.notifications import links
from wasl.surveys import services
from wasl.tenancy.models import Tenant

DELIVERED = "case.service_delivered"
INVITED = "case.survey_invited"


def invite_after_delivery(event: str, **payload) -> None:
    case = db.session.get(Case, payload["case_id"])
    if case is None:
        return
    invitation = services.invite(case)
    if invitation is None:
        return
    slug = db.session.get(Tenant, case.tenant_id).slug
    survey_url = links.absolute_url("surveys.answer", slug=slug, token=invitation.token) or ""
    emit(INVITED, tenant_id=case.tenant_id, case_id=case.id, case_number=case.number,
         beneficiary_id=case.beneficiary_id, service_key=case.service_key, service_name=payload.get("service_name"),
         survey_url=survey_url, expires_on=invitation.survey.expires_at.date().isoformat(),
         dedupe_key=f"survey:{invitation.survey.id}")


def subscribe(app) -> None:
    from wasl import events

    events.subscribe(app, DELIVERED, invite_after_delivery)
