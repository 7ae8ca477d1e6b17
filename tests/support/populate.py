"""One real object per URL-addressable model, made inside a given association.

The cross-tenant matrix fills each ``<int:X_id>`` of every route with the id of
another association's object made here. A feature that adds a model to
``wasl.tenancy.url_objects.URL_OBJECTS`` adds its maker below; the matrix fails
until it does.
"""

from __future__ import annotations

import base64
from collections.abc import Callable

from sqlalchemy import select

from wasl.db import db

MAKERS: dict[str, Callable] = {}


def maker(model_path: str):
    def register(fn: Callable) -> Callable:
        MAKERS[model_path] = fn
        return fn

    return register


@maker("wasl.accounts.models:Role")
def make_role(factory, tenant):
    from wasl.accounts.models import Role

    return db.session.scalars(select(Role).where(Role.key == "viewer")).one()


@maker("wasl.documents.models:Document")
def make_document(factory, tenant):
    from tests.support.files import PDF_BYTES, upload
    from wasl.documents.services import store_upload

    return store_upload(upload(PDF_BYTES, "matrix.pdf"), kind="national_id", actor=None)


@maker("wasl.policy.models:PolicyVersion")
def make_policy_version(factory, tenant):
    from wasl.policy import services

    return services.published_version(tenant) or services.start_draft(None, "template", tenant=tenant)


@maker("wasl.beneficiaries.models:Beneficiary")
def make_beneficiary(factory, tenant):
    from wasl.beneficiaries.services import register_beneficiary

    return register_beneficiary({"national_id": "1012345672", "full_name_ar": "مستفيد المصفوفة",
                                 "mobile": "0501234567", "gender": "female"}, None)


@maker("wasl.beneficiaries.models:Consent")
def make_consent(factory, tenant):
    from wasl.beneficiaries.services import record_consent, register_beneficiary

    person = register_beneficiary({"national_id": "1098765439", "full_name_ar": "موافق المصفوفة",
                                   "mobile": "0509876543", "gender": "male"}, None)
    return record_consent(person, {"purpose": "notifications", "channel": "in_person"}, None)


@maker("wasl.notifications.models:Notification")
def make_notification(factory, tenant):
    from wasl.notifications import Recipient, notify

    notification = notify(tenant.id, "case.received", Recipient(name="مستفيد المصفوفة", email="matrix@example.org"),
                          {"case_number": "1447-00001"}, essential=False)
    db.session.flush()
    return notification


@maker("wasl.cases.models:Case")
def make_case(factory, tenant):
    from wasl.cases.catalogue import catalogue_of
    from wasl.cases.services import open_case
    from wasl.policy.services import published_version

    catalogue = catalogue_of(published_version(tenant))
    return open_case({"service": next(iter(catalogue.services)), "channel": catalogue.enabled_channels[0],
                      "beneficiary": {"national_id": "1123456780", "full_name_ar": "صاحب طلب المصفوفة",
                                      "mobile": "0551234567", "gender": "male"}}, None)


@maker("wasl.accounts.models:Membership")
def make_membership(factory, tenant):
    return factory.membership(factory.member(tenant, "viewer"), tenant)


@maker("wasl.administration.models:StaffInvitation")
def make_staff_invitation(factory, tenant):
    from wasl.accounts.models import Role
    from wasl.administration.invitations import invite

    role = db.session.scalars(select(Role).where(Role.key == "viewer")).one()
    return invite(tenant, f"matrix-invitee-{tenant.id}@example.org", role).invitation


@maker("wasl.administration.models:Holiday")
def make_holiday(factory, tenant):
    from datetime import date

    from wasl.administration.holidays import add_holiday

    return add_holiday(date(2026, 9, 23), "اليوم الوطني", "National Day")


@maker("wasl.archive.models:DataExport")
def make_data_export(factory, tenant):
    from wasl.archive.models import DataExport

    export = DataExport(tenant_id=tenant.id)  # a row only: request_export would enqueue its job on commit
    db.session.add(export)
    db.session.flush()
    return export


@maker("wasl.imports.models:BeneficiaryImport")
def make_beneficiary_import(factory, tenant):
    from tests.imports.registers import csv_bytes, register_rows, upload
    from wasl.imports import services

    return services.upload(upload(csv_bytes(register_rows(2)[0])), None)


@maker("wasl.exports.models:ExportJob")
def make_export_job(factory, tenant):
    from wasl.exports.models import ExportJob

    job = ExportJob(tenant_id=tenant.id, dataset="cases", file_format="csv", personal_data=False, language="ar")
    db.session.add(job)
    db.session.flush()
    return job


@maker("wasl.feedback.models:Feedback")
def make_feedback(factory, tenant):
    from wasl.feedback.filing import file_from_public

    return file_from_public(tenant, {"kind": "complaint", "message": "شكوى المصفوفة", "name": "زائر المصفوفة",
                                     "mobile": "0507654321"}, "ar")


@maker("wasl.cases.models:Pledge")
def make_pledge(factory, tenant):
    import hashlib

    from tests.cases.support import signature
    from wasl.cases.attestation import attested_hash
    from wasl.cases.models import Case, Pledge

    case = db.session.scalars(select(Case).order_by(Case.id)).first() or make_case(factory, tenant)
    png = base64.b64decode(signature().split(",", 1)[1])
    pledge = Pledge(case_id=case.id, tenant_id=tenant.id, declaration={"ar": "أقر بصحة البيانات"},
                    signed_name=case.beneficiary.full_name_ar, signature_png=png,
                    signature_sha256=hashlib.sha256(png).hexdigest(), attested_hash=attested_hash(case.beneficiary))
    db.session.add(pledge)
    db.session.flush()
    return pledge
