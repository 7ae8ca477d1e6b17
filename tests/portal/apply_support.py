"""Applying from home in tests: a complete application, the person's scope, a policy without the website."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date, timedelta

from sqlalchemy import func, select

from tests.cases.support import signature
from tests.support.files import PDF_BYTES, upload
from wasl.db import db
from wasl.portal.applications import Application
from wasl.portal.documents import Upload
from wasl.portal.scope import beneficiary_scope
from wasl.tenancy.scope import tenant_scope

PERSON_DATA = {"full_name_ar": "نورة سعد القحطاني", "full_name_en": "Noura Alqahtani", "gender": "female",
               "city": "جدة"}


def valid_until() -> str:
    return (date.today() + timedelta(days=400)).isoformat()


def id_upload(expires: str | None = None, data: bytes = PDF_BYTES, name: str = "id.pdf") -> Upload:
    return Upload(upload(data, name, "file-national_id"), valid_until() if expires is None else expires)


def application(service: str | None = "support_request", **overrides) -> Application:
    values = {"service": service or "support_request", "person": dict(PERSON_DATA),
              "documents": {"national_id": id_upload()},
              "pledge": {"signed_name": "نورة سعد القحطاني", "signature": signature()}}
    values.update(overrides)
    return Application(**values)


@contextmanager
def in_portal(association, who):
    """Run a block as the portal does for this person: their association, and only their rows."""
    with beneficiary_scope(db.session, association.tenant.id, who.beneficiary_id):
        yield


def count_rows(association) -> dict:
    """How many cases, beneficiaries, documents, pledges and consents the association holds."""
    from wasl.beneficiaries.models import Beneficiary, Consent
    from wasl.cases.models import Case, CaseEvent, Pledge
    from wasl.documents.models import Document

    with tenant_scope(db.session, association.tenant.id):
        return {model.__name__: db.session.scalar(select(func.count(model.id)))
                for model in (Case, Beneficiary, Document, Pledge, Consent, CaseEvent)}


def without_website(association) -> None:
    """Publish a new version of the association's policy with the website channel switched off."""
    from wasl.policy import services

    admin = association.users["admin"]
    with tenant_scope(db.session, association.tenant.id):
        draft = services.start_draft(admin, tenant=association.tenant)
        channels = [{**c, "enabled": c["key"] != "website" and c.get("enabled", True)}
                    for c in draft.content["channels"]]
        services.update_draft(draft, "channels", channels, draft.lock_version, admin)
        services.approve(draft, "11", date_gregorian="2025-03-02", actor=admin)
        services.publish(draft, admin)
    db.session.commit()
