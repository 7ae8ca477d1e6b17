"""Every time shown is Riyadh's (UTC+3), through one filter; nothing prints a stored UTC clock."""

import re
from datetime import UTC, datetime

from flask_babel import force_locale

from tests.administration.helpers import admin_of
from tests.operator.helpers import operator_client
from wasl import PROJECT_ROOT
from wasl.audit.models import AuditEvent, PlatformAuditEvent
from wasl.db import db
from wasl.i18n.dates import local_moment, local_time
from wasl.tenancy.scope import tenant_scope

SEVEN_UTC = datetime(2026, 3, 1, 7, 5, tzinfo=UTC)


def test_times_are_riyadh_times(app):
    with app.test_request_context(), force_locale("ar"):
        assert local_time(SEVEN_UTC) == "10:05"
        assert local_time(SEVEN_UTC.replace(tzinfo=None)) == "10:05"  # a naive stored value is UTC
        assert "10:05" in local_moment(SEVEN_UTC) and "1447" in local_moment(SEVEN_UTC)
    with app.test_request_context(), force_locale("en"):
        assert local_time(datetime(2026, 3, 1, 22, 30, tzinfo=UTC)) == "01:30"


def test_the_audit_log_shows_riyadh_time(client, factory):
    tenant = factory.tenant()
    admin = admin_of(client, factory, tenant)
    with tenant_scope(db.session, tenant.id):
        db.session.add(AuditEvent(tenant_id=tenant.id, action="holiday.added", actor_user_id=admin.id,
                                  details={}, created_at=SEVEN_UTC))
    factory.commit()
    page = client.get(f"/{tenant.slug}/admin/audit?action=holiday&lang=ar").get_data(as_text=True)
    assert "10:05" in page and "07:05" not in page


def test_the_operator_audit_log_shows_riyadh_time(client, factory):
    operator_client(client, factory)
    db.session.add(PlatformAuditEvent(action="crypto.rotated", details={}, created_at=SEVEN_UTC))
    factory.commit()
    page = client.get("/operator/audit?action=crypto&lang=ar").get_data(as_text=True)
    assert "10:05" in page and "07:05" not in page


def test_no_template_formats_a_clock_itself():
    templates = PROJECT_ROOT / "platform" / "wasl" / "templates"
    offenders = [path.name for path in templates.rglob("*.html")
                 if re.search(r"strftime|astimezone", path.read_text(encoding="utf-8"))]
    assert offenders == []


def test_the_audit_csv_gives_riyadh_time_with_its_offset(client, factory):
    tenant = factory.tenant()
    admin = admin_of(client, factory, tenant)
    with tenant_scope(db.session, tenant.id):
        db.session.add(AuditEvent(tenant_id=tenant.id, action="holiday.added", actor_user_id=admin.id,
                                  details={}, created_at=SEVEN_UTC))
    factory.commit()
    export = client.get(f"/{tenant.slug}/admin/audit.csv?action=holiday").get_data(as_text=True)
    assert "2026-03-01T10:05:00+03:00" in export
