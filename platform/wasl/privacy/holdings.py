"""Everything the association holds about one beneficiary, as plain data (for JSON and the PDF)."""

from __future__ import annotations

from sqlalchemy import select

from wasl.beneficiaries.models import Beneficiary, Consent
from wasl.cases.models import Case, Decision, ServiceDelivery
from wasl.db import db
from wasl.documents.models import Document
from wasl.notifications.models import Notification


def _when(value):
    return value.isoformat() if value is not None else None


def registry_fields(person: Beneficiary) -> dict:
    return {
        "id": person.id, "file_number": person.file_number, "national_id": person.national_id,
        "id_kind": person.id_kind, "full_name_ar": person.full_name_ar, "full_name_en": person.full_name_en,
        "mobile": person.mobile, "email": person.email, "gender": person.gender,
        "birth_on": _when(person.birth_on), "birth_calendar": person.birth_calendar, "city": person.city,
        "preferred_language": person.preferred_language, "preferred_channel": person.preferred_channel,
        "opted_out_non_essential": person.opted_out_non_essential,
        "registered_at": _when(person.registered_at), "updated_at": _when(person.updated_at),
    }


def _consents(person: Beneficiary) -> list[dict]:
    rows = db.session.scalars(select(Consent).where(Consent.beneficiary_id == person.id).order_by(Consent.id))
    return [{"purpose": c.purpose, "given_on": _when(c.given_on), "channel": c.channel,
             "withdrawn_at": _when(c.withdrawn_at)} for c in rows]


def _corrections(person: Beneficiary) -> list[dict]:
    from wasl.beneficiaries.corrections import corrections_of

    return [{"field": c.field, "old_value": c.old_value, "new_value": c.new_value, "reason": c.reason,
             "corrected_at": _when(c.corrected_at)} for c in reversed(corrections_of(person.id))]


def _cases(case_ids: list[int]) -> list[dict]:
    if not case_ids:
        return []
    cases = db.session.scalars(select(Case).where(Case.id.in_(case_ids)).order_by(Case.id))
    decisions = {d.case_id: d for d in db.session.scalars(
        select(Decision).where(Decision.case_id.in_(case_ids)).order_by(Decision.id))}
    deliveries: dict[int, list] = {}
    for delivery in db.session.scalars(select(ServiceDelivery).where(ServiceDelivery.case_id.in_(case_ids))):
        deliveries.setdefault(delivery.case_id, []).append({
            "delivered_on": _when(delivery.delivered_on), "description": delivery.description,
            "quantity": delivery.quantity, "amount": str(delivery.amount) if delivery.amount is not None else None})
    return [{
        "number": case.number, "service": case.service_key, "channel": case.channel,
        "status": str(case.status), "step": case.step, "description": case.description,
        "received_on": _when(case.received_on), "decided_at": _when(case.decided_at),
        "closed_at": _when(case.closed_at),
        "decision": ({"outcome": str(decisions[case.id].outcome), "reasons": decisions[case.id].reasons}
                     if case.id in decisions else None),
        "deliveries": deliveries.get(case.id, []),
    } for case in cases]


def _documents(case_ids: list[int]) -> list[dict]:
    if not case_ids:
        return []
    rows = db.session.scalars(select(Document).where(Document.case_id.in_(case_ids)).order_by(Document.id))
    return [{"name": d.original_name, "kind": d.kind, "content_type": d.content_type, "size_bytes": d.size_bytes,
             "expires_on": _when(d.expires_on), "uploaded_at": _when(d.uploaded_at)} for d in rows]


def _notifications(person: Beneficiary) -> list[dict]:
    rows = db.session.scalars(select(Notification).where(
        Notification.recipient_kind == "beneficiary", Notification.recipient_ref_id == person.id,
    ).order_by(Notification.id))
    return [{"event": n.event, "channel": str(n.channel), "status": str(n.status), "sent_at": _when(n.sent_at),
             "body": None if n.sensitive else n.body} for n in rows]


def _feedback(person: Beneficiary) -> list[dict]:
    from wasl.feedback.privacy import items_of

    return [{"number": item.number, "kind": str(item.kind), "state": str(item.state), "message": item.message,
             "filed_at": _when(item.filed_at), "reply": item.reply, "replied_at": _when(item.replied_at),
             "rating": item.rating} for item in items_of(person.id)]


def case_ids_of(person: Beneficiary) -> list[int]:
    return list(db.session.scalars(select(Case.id).where(Case.beneficiary_id == person.id)))


def personal_data(person: Beneficiary) -> dict:
    """The access-request answer: registry fields, consents, the history of corrections, requests,
    documents, messages sent, and the person's enquiries, suggestions and complaints."""
    case_ids = case_ids_of(person)
    return {
        "beneficiary": registry_fields(person),
        "consents": _consents(person),
        "corrections": _corrections(person),
        "cases": _cases(case_ids),
        "documents": _documents(case_ids),
        "notifications": _notifications(person),
        "feedback": _feedback(person),
    }
