"""Signing in and out, sessions bound to account state, rate limits and CSRF."""

import pytest
from sqlalchemy import select

from tests.conftest import make_app
from tests.support.web import csrf_token, post_form, sign_in
from wasl.accounts.services import deactivate_membership, deactivate_user, set_password
from wasl.audit.models import AuditEvent, PlatformAuditEvent
from wasl.db import db
from wasl.tenancy.scope import tenant_scope


@pytest.fixture
def wefaq(factory):
    return factory.seed_tenant("wefaq")


def test_sign_in_lands_in_the_only_association(client, factory, wefaq):
    user = factory.member(wefaq, "relations_officer")
    factory.commit()
    response = sign_in(client, user)
    assert response.status_code == 302
    assert client.get("/", follow_redirects=False).headers["Location"].endswith("/wefaq/")


def test_wrong_password_and_unknown_email_get_the_same_generic_answer(client, factory, wefaq):
    user = factory.member(wefaq)
    factory.commit()
    wrong = sign_in(client, user, password="not the password")
    unknown = client.post("/login", data={"email": "nobody@example.org", "password": "whatever",
                                          "csrf_token": csrf_token(client)})
    assert wrong.status_code == unknown.status_code == 401
    message = "The e-mail or password is not correct."
    assert message in wrong.get_data(as_text=True) or "البريد الإلكتروني أو كلمة المرور غير صحيحة" in wrong.get_data(as_text=True)
    assert _strip_csrf(wrong.get_data(as_text=True)) == _strip_csrf(unknown.get_data(as_text=True)).replace(
        "nobody@example.org", user.email)
    actions = set(db.session.scalars(select(PlatformAuditEvent.action)))
    assert "auth.sign_in_failed" in actions


def _strip_csrf(html: str) -> str:
    import re

    return re.sub(r'value="[^"]*"', "", html)


def test_missing_csrf_token_is_refused_clearly(client, factory, wefaq):
    user = factory.member(wefaq)
    factory.commit()
    response = client.post("/login", data={"email": user.email, "password": "x"})
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert "Reload the page" in body or "أعد تحميل الصفحة" in body


def test_deactivated_membership_is_locked_out_on_the_next_request_only_there(client, factory, wefaq):
    hope = factory.seed_tenant("hope")
    user = factory.member(wefaq, "social_researcher")
    factory.member(hope, "social_researcher", user=user)
    factory.commit()
    sign_in(client, user)
    assert client.get("/wefaq/").status_code == 200
    deactivate_membership(factory.membership(user, wefaq))
    factory.commit()
    assert client.get("/wefaq/").status_code == 404
    assert client.get("/hope/").status_code == 200
    with tenant_scope(db.session, wefaq.id):
        assert db.session.scalars(select(AuditEvent).where(AuditEvent.action == "membership.deactivated")).first()


def test_deactivated_user_is_signed_out_on_the_next_request(client, factory, wefaq):
    user = factory.member(wefaq)
    factory.commit()
    sign_in(client, user)
    deactivate_user(user)
    factory.commit()
    response = client.get("/wefaq/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_password_change_ends_other_sessions(client, factory, wefaq):
    user = factory.member(wefaq)
    factory.commit()
    sign_in(client, user)
    set_password(user, "a brand new passphrase")
    factory.commit()
    assert client.get("/wefaq/").status_code == 302


def test_sign_out_needs_post_and_ends_the_session(client, factory, wefaq):
    user = factory.member(wefaq)
    factory.commit()
    sign_in(client, user)
    client.get("/logout", follow_redirects=True)  # a link or prefetch must not sign anyone out
    assert client.get("/wefaq/").status_code == 200
    post_form(client, "/logout", token_from="/wefaq/")
    assert client.get("/wefaq/").status_code == 302


def test_switcher_moves_between_associations(client, factory, wefaq):
    hope = factory.seed_tenant("hope")
    user = factory.member(wefaq, "viewer")
    factory.member(hope, "viewer", user=user)
    factory.commit()
    sign_in(client, user)
    page = client.get("/wefaq/").get_data(as_text=True)
    assert 'id="association-switcher"' in page and "جمعية أمل للأزمات النفسية" in page
    response = post_form(client, "/switch", {"slug": "hope"}, token_from="/wefaq/")
    assert response.headers["Location"].endswith("/hope/")


def test_permission_refusal_is_403_and_audited(client, factory, wefaq, app):
    from flask import Blueprint

    user = factory.member(wefaq, "viewer")
    factory.commit()
    sign_in(client, user)
    # The viewer role lacks tenant.admin; the space page only needs tenant.view.
    assert client.get("/wefaq/").status_code == 200
    from wasl.accounts.models import Role

    with tenant_scope(db.session, wefaq.id):
        role = db.session.scalars(select(Role).where(Role.key == "viewer")).one()
        role.permissions = []
    factory.commit()
    assert client.get("/wefaq/").status_code == 403
    with tenant_scope(db.session, wefaq.id):
        denied = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "permission.denied")).all()
    assert denied and denied[-1].details["permission"] == "tenant.view"
    assert Blueprint  # imported for clarity of intent only


def test_suspended_association_refuses_staff_with_a_clear_page(client, factory, wefaq):
    from wasl.tenancy.models import TenantStatus

    user = factory.member(wefaq)
    factory.commit()
    sign_in(client, user)
    wefaq.status = TenantStatus.SUSPENDED
    factory.commit()
    response = client.get("/wefaq/?lang=en")
    assert response.status_code == 403
    assert "Association suspended" in response.get_data(as_text=True)


def test_login_is_rate_limited_per_account(test_database, factory):
    limited = make_app(test_database, LOGIN_RATE_LIMIT="3 per minute")
    client = limited.test_client()
    user = factory.user()
    factory.commit()
    statuses = []
    for _ in range(4):
        token = csrf_token(client)
        statuses.append(client.post("/login", data={"email": user.email, "password": "wrong",
                                                    "csrf_token": token}).status_code)
    assert statuses[:3] == [401, 401, 401]
    assert statuses[3] == 429


def test_signing_out_ends_every_copy_of_the_session(client, factory, wefaq, app):
    user = factory.member(wefaq)
    factory.commit()
    sign_in(client, user)
    assert client.get("/wefaq/").status_code == 200
    cookie = next(c for c in client._cookies.values() if c.key == "session")
    copied = cookie.value
    other = app.test_client()
    other.set_cookie("session", copied, domain=cookie.domain)
    assert other.get("/wefaq/").status_code == 200
    post_form(client, "/logout", {}, token_from="/wefaq/")
    thief = app.test_client()
    thief.set_cookie("session", copied, domain=cookie.domain)
    for browser in (thief, other):
        response = browser.get("/wefaq/")
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert "auth.signed_out" in set(db.session.scalars(select(PlatformAuditEvent.action)))


def test_behind_the_configured_proxy_the_client_address_is_the_forwarded_one(test_database):
    from flask import request

    for hops, expected in ((0, "10.0.0.2"), (1, "203.0.113.7")):
        proxied = make_app(test_database, WASL_PROXY_FIX_X_FOR=hops, WASL_PROXY_FIX_X_PROTO=hops)
        seen = {}

        def capture(seen=seen):
            seen["addr"], seen["scheme"] = request.remote_addr, request.scheme
            return "ok"

        proxied.before_request_funcs.setdefault(None, []).insert(0, capture)
        proxied.test_client().get("/login", environ_base={"REMOTE_ADDR": "10.0.0.2"},
                                  headers={"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https"})
        assert seen["addr"] == expected
        assert seen["scheme"] == ("https" if hops else "http")


def test_an_operator_in_no_association_lands_on_the_operator_console(client, factory):
    operator = factory.user("operator@platform.example", operator=True)
    factory.commit()
    sign_in(client, operator, second_factor=True)
    landing = client.get("/", follow_redirects=False)
    assert landing.status_code == 302 and landing.headers["Location"].endswith("/operator/")
    console = client.get("/", follow_redirects=True)
    assert console.status_code == 200
    page = console.get_data(as_text=True)
    assert "You are not a member of any association" not in page and "لست عضوًا" not in page


def test_an_operator_who_is_also_a_member_lands_in_the_association(client, factory, wefaq):
    operator = factory.user("operator-member@platform.example", operator=True)
    factory.member(wefaq, "admin", user=operator)
    factory.commit()
    sign_in(client, operator, second_factor=True)
    assert client.get("/", follow_redirects=False).headers["Location"].endswith("/wefaq/")
