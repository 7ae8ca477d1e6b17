"""Asking for an export through the page, and running its job the way a worker does."""

from __future__ import annotations

import re

from sqlalchemy import insert, select

from tests.cases.support import scope
from tests.support.web import csrf_token
from wasl.beneficiaries.models import Beneficiary
from wasl.db import db, utcnow
from wasl.exports import writing
from wasl.exports.models import ExportJob


def ask(client, slug: str, **fields):
    """POST the export form; returns the response (a redirect to the export's page when accepted)."""
    data = {"dataset": "cases", "file_format": "xlsx", **fields}
    data["csrf_token"] = csrf_token(client, f"/{slug}/exports/")
    return client.post(f"/{slug}/exports/", data=data)


def export_id_of(response) -> int:
    return int(re.search(r"/exports/(\d+)$", response.headers["Location"]).group(1))


def run(association, export_id: int) -> ExportJob:
    """The job, as the worker runs it (ids only), then the row as it now stands."""
    writing.run_export(export_id, association.tenant.id)
    with scope(association.tenant):
        return db.session.scalar(select(ExportJob).where(ExportJob.id == export_id))


def many_people(association, count: int) -> None:
    """``count`` registry rows written in bulk (their encrypted fields are placeholders, never exported here)."""
    now = utcnow()
    rows = [{"tenant_id": association.tenant.id, "national_id_encrypted": "-", "national_id_index": f"bulk-id-{n}",
             "id_kind": "citizen", "full_name_ar": f"مستفيد {n}", "name_search": f"مستفيد {n}",
             "mobile_encrypted": "-", "mobile_index": f"bulk-mobile-{n}", "gender": "female" if n % 2 else "male",
             "preferred_language": "ar", "preferred_channel": "sms", "opted_out_non_essential": False,
             "file_number": 100_000 + n, "created_at": now, "updated_at": now} for n in range(count)]
    with scope(association.tenant):
        for start in range(0, count, 5000):
            db.session.execute(insert(Beneficiary), rows[start:start + 5000])
    db.session.commit()
