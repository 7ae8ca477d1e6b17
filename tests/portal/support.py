"""Signing a beneficiary in to the portal the way a person does: details, then the code from the text."""

from __future__ import annotations

import re

from sqlalchemy import select

from tests.support.web import csrf_token
from wasl.db import db
from wasl.notifications.delivery import deliver
from wasl.notifications.models import Notification, NotificationStatus
from wasl.tenancy.scope import tenant_scope

_CODE = re.compile(r"(?<!\d)(\d{6})(?!\d)")


def ask_for_code(client, slug: str, national_id: str, mobile: str):
    token = csrf_token(client, f"/{slug}/portal/sign-in")
    return client.post(f"/{slug}/portal/sign-in",
                       data={"national_id": national_id, "mobile": mobile, "csrf_token": token})


def send_code(client, slug: str, code: str):
    token = csrf_token(client, f"/{slug}/portal/code")
    return client.post(f"/{slug}/portal/code", data={"code": code, "csrf_token": token})


def pending_codes(tenant_id: int) -> list[Notification]:
    with tenant_scope(db.session, tenant_id):
        return list(db.session.scalars(select(Notification).where(
            Notification.event == "auth.one_time_code", Notification.status == NotificationStatus.PENDING)))


def code_from_sms(tenant_id: int, gateway) -> str:
    """Deliver the waiting sign-in text through the association's real SMS provider; read it at the gateway."""
    [notification] = pending_codes(tenant_id)
    with tenant_scope(db.session, tenant_id):
        assert deliver(notification.id) == "sent"
    body = gateway.received[-1].json()["body"]
    return _CODE.search(body).group(1)


def sign_in(client, slug: str, tenant_id: int, gateway, national_id: str, mobile: str):
    """The whole page flow; returns the answer to the code."""
    assert ask_for_code(client, slug, national_id, mobile).status_code == 302
    return send_code(client, slug, code_from_sms(tenant_id, gateway))


def api_token(client, slug: str, tenant_id: int, gateway, national_id: str, mobile: str) -> str:
    asked = client.post(f"/api/v1/{slug}/portal/sign-in-code", json={"national_id": national_id, "mobile": mobile})
    assert asked.status_code == 202, asked.get_json()
    code = code_from_sms(tenant_id, gateway)
    opened = client.post(f"/api/v1/{slug}/portal/session", json={"challenge": asked.get_json()["challenge"],
                                                                 "code": code})
    assert opened.status_code == 201, opened.get_json()
    return opened.get_json()["token"]


def portal_cookie(client, slug: str):
    from wasl.portal.sessions import COOKIE_NAME

    return client.get_cookie(COOKIE_NAME, domain="wasl.test", path=f"/{slug}/portal")
