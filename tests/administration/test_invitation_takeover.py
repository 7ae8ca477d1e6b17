"""Invitations cannot hand an account, or an association, to whoever saw a link (security regressions)."""

import re

from sqlalchemy import select

from tests.administration.test_invitations import _emailed_code, _enter_code, _invite, _link, _set_password
from tests.support.web import sign_in
from wasl.accounts.models import Membership, User
from wasl.administration import invitations
from wasl.db import db
from wasl.notifications.catalogue import EVENTS
from wasl.notifications.models import Notification
from wasl.tenancy.scope import tenant_scope

VICTIM = "victim@example.org"


def _memberships(email: str) -> list[int]:
    user = db.session.scalar(select(User).where(User.email == email))
    return [] if user is None else list(db.session.scalars(
        select(Membership.tenant_id).where(Membership.user_id == user.id, Membership.active.is_(True))))


def test_a_password_set_from_a_link_joins_nothing_until_the_emailed_code_is_confirmed(client, factory):
    attacker_tenant = factory.tenant()
    outcome = _invite(factory, attacker_tenant, VICTIM)
    response = _set_password(client, outcome)  # the inviter can always see the link
    assert response.status_code == 302 and response.headers["Location"].endswith("/code")
    user = db.session.scalar(select(User).where(User.email == VICTIM))
    assert user.email_verified_at is None
    assert _memberships(VICTIM) == []
    assert client.get(f"/{attacker_tenant.slug}/").status_code in (302, 404)


def test_a_later_invitation_of_an_unverified_or_existing_account_grants_nothing_at_once(client, factory):
    attacker_tenant, victim_tenant = factory.tenant(), factory.tenant()
    _set_password(client, _invite(factory, attacker_tenant, VICTIM))
    later = _invite(factory, victim_tenant, VICTIM, role="admin")
    assert later.membership is None and later.invitation is not None
    assert _memberships(VICTIM) == []
    verified = factory.user("staff.elsewhere@example.org")
    factory.commit()
    outcome = _invite(factory, victim_tenant, verified.email)
    assert outcome.membership is None
    assert _memberships(verified.email) == []


def test_an_existing_account_joins_only_by_accepting_while_signed_in(client, factory):
    tenant = factory.tenant()
    person = factory.user("officer.two@example.org")
    factory.commit()
    outcome = _invite(factory, tenant, person.email)
    refused = _set_password(client, outcome)
    assert refused.status_code == 409 and _memberships(person.email) == []
    sign_in(client, person)
    assert _set_password(client, outcome).status_code == 302
    assert _memberships(person.email) == [tenant.id]


def test_the_code_is_single_use_and_five_wrong_tries_lock_it(client, factory):
    tenant = factory.tenant()
    outcome = _invite(factory, tenant, VICTIM)
    _set_password(client, outcome)
    code = _emailed_code(tenant)
    wrong = f"{(int(code) + 1) % 10 ** 6:06d}"
    for _ in range(invitations.MAX_CODE_ATTEMPTS):
        assert _enter_code(client, outcome, wrong).status_code == 422
    assert _enter_code(client, outcome, code).status_code == 429
    assert _memberships(VICTIM) == []
    _set_password(client, outcome)  # opening the link again sends a fresh code
    fresh = _emailed_code(tenant)
    assert _enter_code(client, outcome, fresh).status_code == 302
    assert _memberships(VICTIM) == [tenant.id]
    assert client.get(f"{_link(outcome)}/code").status_code == 410


def test_the_operators_first_admin_invitation_follows_the_same_rule(factory):
    tenant = factory.tenant()
    existing = factory.user("first.admin@example.org")
    factory.commit()
    outcome = _invite(factory, tenant, existing.email, role="admin")
    assert outcome.membership is None and _memberships(existing.email) == []


def test_messages_that_carry_a_secret_are_sensitive():
    secret_fields = {"code", "invitation_url"}
    for spec in EVENTS.values():
        if secret_fields & set(spec.fields):
            assert spec.sensitive, f"{spec.name} carries a secret but is not marked sensitive"


def test_the_invitation_link_is_not_readable_in_the_delivery_log(client, factory):
    tenant = factory.tenant()
    outcome = _invite(factory, tenant, VICTIM, role="admin")
    token = outcome.url.rsplit("/", 1)[1]
    supervisor = factory.member(tenant, "supervisor")
    api_token = factory.token(supervisor)
    factory.commit()
    listed = client.get(f"/api/v1/{tenant.slug}/notifications", headers={"Authorization": f"Bearer {api_token}"})
    assert listed.status_code == 200
    assert token not in listed.get_data(as_text=True)
    invited = [n for n in listed.get_json()["items"] if n["event"] == "staff.invited"]
    assert invited and all(n["body"] is None for n in invited)
    with tenant_scope(db.session, tenant.id):
        notification_id = db.session.scalar(select(Notification.id).where(Notification.event == "staff.invited"))
    detail = client.get(f"/api/v1/{tenant.slug}/notifications/{notification_id}",
                        headers={"Authorization": f"Bearer {api_token}"})
    assert token not in detail.get_data(as_text=True)
    assert not re.search(r"/invitation/[\w-]{20,}", detail.get_data(as_text=True))
