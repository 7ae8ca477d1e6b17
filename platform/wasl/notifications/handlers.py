"""Reacting to domain events: one notification per recipient, written into the emitter's transaction."""

from __future__ import annotations

import logging

from wasl.db import db, utcnow
from wasl.notifications import catalogue, links, outbox
from wasl.notifications.recipients import recipients_for
from wasl.tenancy.models import Tenant

log = logging.getLogger(__name__)

# Events the person answers on the request's own portal page (upload, sign again); the link is worth
# the longer text message there, not on every update.
ANSWERED_IN_THE_PORTAL = frozenset({"case.documents_missing", "case.pledge_requested"})
OBJECT_ID_KEYS = {"Case": "case_id", "PolicyVersion": "policy_version_id", "Invitation": "invitation_id"}


def handle_event(event: str, **payload) -> int:
    """Turn ``event`` into notifications; returns how many rows were written."""
    spec = catalogue.spec_for(event)
    tenant_id = payload["tenant_id"]
    written = 0
    with outbox.in_tenant(tenant_id):
        payload = _enriched(event, payload)
        recipients = recipients_for(event, payload)
        tenant_rules = None
        for recipient in recipients:
            tenant_rules = tenant_rules or outbox.load_rules(tenant_id)
            notification = outbox.notify(
                tenant_id, event, recipient, payload, essential=spec.essential,
                object_id=payload.get(OBJECT_ID_KEYS.get(spec.object_type or "", "")),
                dedupe_key=payload.get("dedupe_key"), tenant_rules=tenant_rules,
            )
            written += notification is not None
    if not written:
        log.info("event %s for tenant %s notified nobody", event, tenant_id)
    return written


def _enriched(event: str, payload: dict) -> dict:
    """Facts the emitter leaves to us: links to the published policy, the case or its portal page, the date."""
    facts = dict(payload)
    slug = db.session.get(Tenant, payload["tenant_id"]).slug
    if event == "policy.published":
        facts.setdefault("published_on", utcnow())
        facts["policy_url"] = facts.get("policy_url") or links.absolute_url("policy.public_page", slug=slug) or ""
    elif catalogue.spec_for(event).audience == catalogue.STAFF and facts.get("case_id") and not facts.get("case_url"):
        facts["case_url"] = links.absolute_url("cases.show", slug=slug, case_id=facts["case_id"]) or ""
    elif event in ANSWERED_IN_THE_PORTAL and facts.get("case_id") and not facts.get("portal_url"):
        facts["portal_url"] = links.absolute_url("portal.show", slug=slug, case_id=facts["case_id"]) or ""
    return facts


def subscribe_all(app) -> None:
    from wasl import events
    from wasl.notifications.withdrawal import on_consent_withdrawn

    for name in catalogue.EVENTS:
        events.subscribe(app, name, handle_event)
    events.subscribe(app, "beneficiary.consent_withdrawn", on_consent_withdrawn)
