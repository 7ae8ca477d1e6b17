"""The delivery log API: filters, pagination, attempts, masking, resend; documented in OpenAPI."""

import pytest
from flask_babel import gettext

from tests.notifications.conftest import MOBILE, configure, no_quiet_hours
from tests.support.web import bearer
from wasl.db import db
from wasl.notifications import Recipient, notify
from wasl.notifications.delivery import deliver
from wasl.tenancy.scope import tenant_scope


@pytest.fixture
def world(factory):
    tenant = factory.tenant()
    admin, supervisor = factory.member(tenant, "admin"), factory.member(tenant, "supervisor")
    with tenant_scope(db.session, tenant.id):
        configure("sms", "console")
        no_quiet_hours()
        rows = [notify(tenant.id, "case.received", Recipient(mobile=MOBILE), {"case_number": f"1447-{i}"},
                       essential=False) for i in range(3)]
        dead = notify(tenant.id, "case.decided", Recipient(email="k@example.org"), {"case_number": "9"},
                      essential=True)
        code = notify(tenant.id, "auth.one_time_code", Recipient(mobile=MOBILE), {"code": "918273"}, essential=True)
        db.session.flush()
        ids = {"rows": [r.id for r in rows], "dead": dead.id, "code": code.id}
        deliver(ids["rows"][0])
    tokens = {"admin": factory.token(admin), "supervisor": factory.token(supervisor)}
    factory.commit()  # the tokens too: a refused request rolls back what is not committed
    url = f"/api/v1/{tenant.slug}/notifications"
    return {"tenant": tenant, **tokens, "url": url, **ids}


def test_list_is_paginated_and_newest_first(client, world):
    body = client.get(world["url"] + "?per_page=2", headers=bearer(world["supervisor"])).get_json()
    assert (body["total"], body["pages"], len(body["items"])) == (5, 3, 2)
    assert body["items"][0]["id"] > body["items"][1]["id"]


def test_filters(client, world):
    get = lambda q: client.get(world["url"] + q, headers=bearer(world["supervisor"])).get_json()  # noqa: E731
    assert get("?status=dead")["total"] == 1
    assert get("?status=sent")["items"][0]["id"] == world["rows"][0]
    assert get("?event=case.received&channel=sms")["total"] == 3
    assert get("?channel=email")["total"] == 1


def test_bad_filters_are_a_422_naming_the_field(client, world):
    response = client.get(world["url"] + "?status=lost", headers=bearer(world["supervisor"]))
    assert response.status_code == 422 and "status" in response.get_json()["errors"]


def test_addresses_are_masked_for_viewers_and_shown_to_managers(client, world):
    viewer = client.get(world["url"], headers=bearer(world["supervisor"])).get_json()["items"][0]
    assert viewer["recipient"] == "+9665•••••567" and "recipient_address" not in viewer
    manager = client.get(world["url"], headers=bearer(world["admin"])).get_json()["items"][0]
    assert manager["recipient_address"] == MOBILE


def test_a_sign_in_code_never_appears(client, world):
    item = client.get(f"{world['url']}/{world['code']}", headers=bearer(world["admin"])).get_json()
    assert item["notification"]["body"] is None and item["notification"]["template_params"] is None
    assert "918273" not in client.get(world["url"], headers=bearer(world["admin"])).get_data(as_text=True)


def test_detail_carries_the_attempts_and_provider_answers(client, world):
    body = client.get(f"{world['url']}/{world['rows'][0]}", headers=bearer(world["supervisor"])).get_json()
    assert body["notification"]["status"] == "sent"
    [attempt] = body["attempts"]
    assert (attempt["number"], attempt["outcome"], attempt["provider"]) == (1, "sent", "console")
    assert attempt["provider_message_id"].startswith("console-")


def test_resend_a_dead_one(client, world):
    with tenant_scope(db.session, world["tenant"].id):
        configure("email", "console")
    db.session.commit()
    response = client.post(f"{world['url']}/{world['dead']}/resend", headers=bearer(world["admin"]))
    assert response.status_code == 200
    assert response.get_json()["notification"]["status"] == "pending"


def test_resend_refusals(client, world):
    sent = client.post(f"{world['url']}/{world['rows'][0]}/resend", headers=bearer(world["admin"]))
    expected = gettext("Only notifications that could not be delivered can be resent.")
    assert sent.status_code == 409 and sent.get_json()["detail"] == expected
    forbidden = client.post(f"{world['url']}/{world['dead']}/resend", headers=bearer(world["supervisor"]))
    assert forbidden.status_code == 403
    missing = client.get(f"{world['url']}/999999999", headers=bearer(world["admin"]))
    assert missing.status_code == 404


def test_another_associations_notification_is_404(client, world, factory):
    other = factory.tenant()
    outsider = factory.token(factory.member(other, "admin"))
    factory.commit()
    response = client.get(f"/api/v1/{other.slug}/notifications/{world['rows'][0]}", headers=bearer(outsider))
    assert response.status_code == 404
    assert client.get(world["url"], headers=bearer(outsider)).status_code == 404


def test_documented_in_openapi(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert "get" in paths["/api/v1/{slug}/notifications"]
    assert "post" in paths["/api/v1/{slug}/notifications/{notification_id}/resend"]
