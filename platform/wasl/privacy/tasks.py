"""The retention job: once a day (``PRIVACY_RETENTION_INTERVAL``), in every active association."""

from __future__ import annotations

import logging

from sqlalchemy import select

from wasl.db import db, utcnow
from wasl.i18n.dates import local_date
from wasl.notifications import schedule
from wasl.notifications.tasks import task
from wasl.privacy import retention
from wasl.tenancy.models import Tenant, TenantStatus
from wasl.tenancy.scope import tenant_scope

log = logging.getLogger(__name__)


def apply_everywhere(today=None) -> dict[str, retention.Report]:
    """Apply each active association's period, committing association by association; what each did."""
    today = today or local_date(utcnow())  # Riyadh's day
    reports = {}
    for tenant in db.session.scalars(select(Tenant).where(Tenant.status == TenantStatus.ACTIVE)).all():
        with tenant_scope(db.session, tenant.id):
            try:
                reports[tenant.slug] = retention.apply(tenant, today)
                db.session.commit()
            except Exception:
                db.session.rollback()
                log.exception("retention failed for association %s", tenant.slug)
    return reports


@task
def apply_retention() -> int:
    schedule.continue_chain("personal-data-retention")
    reports = apply_everywhere()
    erased = sum(report.erased for report in reports.values())
    log.info("retention: %d person(s) erased in %d association(s)", erased, len(reports))
    return erased
