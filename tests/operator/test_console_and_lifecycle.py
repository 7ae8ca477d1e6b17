from sqlalchemy import func, select

from tests.administration.helpers import in_english, post, sign_in_as
from tests.operator.helpers import operator_client, operator_token
from tests.support.web import bearer
from wasl import events
from wasl.accounts.models import Membership
from wasl.audit.models import AuditEvent, PlatformAuditEvent
from wasl.db import db
from wasl.operator.usage import usage_of
from wasl.tenancy.models import TenantStatus
from wasl.tenancy.scope import tenant_scope


def test_console_lists_associations_with_usage_and_searches(client, factory):
    wefaq, other = factory.seed_tenant("wefaq"), factory.tenant(name_en="Riyadh Orphans")
    factory.member(wefaq, "relations_officer")
    factory.member(wefaq, "viewer")
    factory.commit()
    operator_client(client, factory)
    page = client.get("/operator/").get_data(as_text=True)
    assert wefaq.name_en in page and other.name_en in page
    assert usage_of([wefaq.id])[wefaq.id].staff == 2
    found = client.get("/operator/?q=Orphans").get_data(as_text=True)
    assert other.name_en in found and wefaq.name_en not in found
    assert client.get(f"/operator/associations/{wefaq.slug}").status_code == 200
    assert client.get("/operator/associations/no-such").status_code == 404


def test_console_counts_associations_with_plural_forms(client, factory):
    factory.tenant(name_en="Riyadh Orphans")
    factory.tenant(name_en="Jeddah Orphans")
    factory.tenant(name_en="Tabuk Elderly Care")
    operator_client(client, factory)
    in_english(client)
    assert "1 association<" in client.get("/operator/?q=Tabuk").get_data(as_text=True)
    assert "2 associations<" in client.get("/operator/?q=Orphans").get_data(as_text=True)


def test_usage_takes_the_same_number_of_queries_for_few_or_many(app, factory, count_queries):
    few = [factory.tenant() for _ in range(2)]
    many = few + [factory.tenant() for _ in range(10)]
    for tenant in many:
        factory.member(tenant, "viewer")
    factory.commit()
    few_ids, many_ids = [t.id for t in few], [t.id for t in many]
    with count_queries() as small:
        usage_of(few_ids)
    with count_queries() as large:
        usage = usage_of(many_ids)
    assert len(small) == len(large) <= 8
    assert all(usage[i].staff == 1 for i in many_ids)


def test_suspending_blocks_staff_at_once_and_reactivating_restores(client, factory, app):
    tenant = factory.seed_tenant("wefaq")
    officer = factory.member(tenant, "relations_officer")
    factory.commit()
    staff = app.test_client()
    sign_in_as(staff, officer)
    assert staff.get("/wefaq/").status_code == 200
    heard = []
    handler = lambda event, **payload: heard.append((event, payload["tenant_id"]))  # noqa: E731
    for name in ("tenant.suspended", "tenant.reactivated"):
        events.subscribe(app, name, handler)
    try:
        operator_client(client, factory)
        page = "/operator/associations/wefaq"
        assert post(client, "/operator/associations/wefaq/suspend", {"reason": "licence review"}, page
                    ).status_code == 302
        assert tenant.status == TenantStatus.SUSPENDED
        refused = staff.get("/wefaq/")
        assert refused.status_code == 403
        assert tenant.name_ar in refused.get_data(as_text=True) or tenant.name_en in refused.get_data(as_text=True)
        post(client, "/operator/associations/wefaq/reactivate", {}, page)
        assert staff.get("/wefaq/").status_code == 200
    finally:
        for name in ("tenant.suspended", "tenant.reactivated"):
            app.extensions["wasl_event_handlers"][name].remove(handler)
    assert heard == [("tenant.suspended", tenant.id), ("tenant.reactivated", tenant.id)]
    assert db.session.scalar(select(func.count()).select_from(Membership).where(
        Membership.tenant_id == tenant.id)) == 1
    with tenant_scope(db.session, tenant.id):
        actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {"tenant.suspended", "tenant.reactivated"} <= actions
    platform = set(db.session.scalars(select(PlatformAuditEvent.action)))
    assert {"operator.suspended", "operator.reactivated"} <= platform


def test_suspension_through_the_api_and_the_platform_audit_log(client, factory):
    tenant = factory.tenant()
    _operator, token = operator_token(factory)
    assert client.post(f"/api/v1/operator/associations/{tenant.slug}/suspend", json={"reason": "x"},
                       headers=bearer(token)).get_json()["status"] == "suspended"
    again = client.post(f"/api/v1/operator/associations/{tenant.slug}/suspend", headers=bearer(token))
    assert again.status_code == 409
    listing = client.get("/api/v1/operator/associations?status=suspended", headers=bearer(token)).get_json()
    assert [i["association"]["slug"] for i in listing["items"]] == [tenant.slug]
    assert listing["items"][0]["usage"]["staff"] == 0
    operator_client(client, factory)
    page = client.get("/operator/audit?action=operator.").get_data(as_text=True)
    assert "operator.suspended" in page
    csv = client.get("/operator/audit.csv?action=operator.").get_data(as_text=True)
    assert "operator.suspended" in csv and tenant.slug in csv
