"""Portal sessions are short-lived and belong to one open association."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from tests.portal.support import sign_in
from wasl.db import db, utcnow
from wasl.portal.models import PortalSession
from wasl.tenancy.models import TenantStatus
from wasl.tenancy.scope import tenant_scope


def _age_sessions(tenant_id: int, **moments) -> None:
    with tenant_scope(db.session, tenant_id):
        db.session.execute(update(PortalSession).values(**moments))
        db.session.commit()


def test_a_session_unused_for_thirty_minutes_has_ended(client, wefaq, noura, gateway):
    sign_in(client, wefaq.slug, wefaq.tenant.id, gateway, noura.national_id, noura.mobile)
    _age_sessions(wefaq.tenant.id, last_seen_at=utcnow() - timedelta(minutes=29))
    assert client.get(f"/{wefaq.slug}/portal/").status_code == 200  # used: the clock starts again
    _age_sessions(wefaq.tenant.id, last_seen_at=utcnow() - timedelta(minutes=31))
    answer = client.get(f"/{wefaq.slug}/portal/")
    assert answer.status_code == 302 and answer.headers["Location"].endswith("/portal/sign-in")


def test_a_session_ends_after_its_longest_life_even_in_use(client, wefaq, noura, gateway):
    sign_in(client, wefaq.slug, wefaq.tenant.id, gateway, noura.national_id, noura.mobile)
    _age_sessions(wefaq.tenant.id, created_at=utcnow() - timedelta(hours=5))
    assert client.get(f"/{wefaq.slug}/portal/").status_code == 302


def test_a_suspended_association_closes_its_portal(client, wefaq, noura, gateway):
    sign_in(client, wefaq.slug, wefaq.tenant.id, gateway, noura.national_id, noura.mobile)
    wefaq.tenant.status = TenantStatus.SUSPENDED
    db.session.commit()
    assert client.get(f"/{wefaq.slug}/portal/").status_code == 403
    assert client.get(f"/{wefaq.slug}/portal/sign-in").status_code == 403
    answer = client.post(f"/api/v1/{wefaq.slug}/portal/sign-in-code",
                         json={"national_id": noura.national_id, "mobile": noura.mobile})
    assert answer.status_code == 403 and answer.get_json()["type"] == "urn:wasl:problem:tenant-suspended"
