import re
from datetime import timedelta

from sqlalchemy import select

from tests.administration.helpers import admin_of, in_english
from tests.support.web import csrf_token
from wasl.accounts.models import Membership, Role, User
from wasl.administration import invitations
from wasl.administration.models import StaffInvitation
from wasl.db import db, utcnow
from wasl.notifications.models import Channel, Notification, ProviderConfig
from wasl.tenancy.scope import tenant_scope


def _invite(factory, tenant, email="new.officer@example.org", role="relations_officer"):
    with tenant_scope(db.session, tenant.id):
        if db.session.scalar(select(ProviderConfig.id).where(ProviderConfig.channel == Channel.EMAIL)) is None:
            db.session.add(ProviderConfig(channel=Channel.EMAIL, provider="console", settings={}))
        role_row = db.session.scalar(select(Role).where(Role.key == role))
        outcome = invitations.invite(tenant, email, role_row, name="موظف جديد")
    factory.commit()
    return outcome


def _token(outcome) -> str:
    return outcome.url.rsplit("/", 1)[1]


def _link(outcome) -> str:
    return f"/{outcome.url.split('/')[3]}/invitation/{_token(outcome)}"


def _set_password(client, outcome, password="a long enough password"):
    in_english(client)
    url = _link(outcome)
    return client.post(url, data={"name": "موظف جديد", "password": password, "confirm": password,
                                  "csrf_token": csrf_token(client, url)})


def _emailed_code(tenant) -> str:
    """The code of the newest confirmation e-mail waiting in the association's outbox."""
    with tenant_scope(db.session, tenant.id):
        body = db.session.scalar(select(Notification.body).where(Notification.event == "staff.email_code")
                                 .order_by(Notification.id.desc()).limit(1))
    return re.search(r"(?<!\d)(\d{6})(?!\d)", body).group(1)


def _enter_code(client, outcome, code):
    url = f"{_link(outcome)}/code"
    return client.post(url, data={"code": code, "csrf_token": csrf_token(client, url)})


def _accept(client, outcome, password="a long enough password"):
    """Both steps a new person takes: a password from the link, then the code e-mailed to the address."""
    response = _set_password(client, outcome, password)
    if response.status_code != 302 or not response.headers["Location"].endswith("/code"):
        return response
    tenant_slug = outcome.url.split("/")[3]
    from wasl.tenancy.models import Tenant

    tenant = db.session.scalar(select(Tenant).where(Tenant.slug == tenant_slug))
    return _enter_code(client, outcome, _emailed_code(tenant))


def test_a_new_person_sets_a_password_and_lands_in_the_association(client, factory):
    tenant = factory.tenant()
    outcome = _invite(factory, tenant)
    assert outcome.invitation is not None and outcome.membership is None
    response = _accept(client, outcome)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/{tenant.slug}/")
    user = db.session.scalar(select(User).where(User.email == "new.officer@example.org"))
    membership = db.session.scalar(select(Membership).where(Membership.user_id == user.id))
    assert membership.tenant_id == tenant.id and membership.active
    assert client.get(f"/{tenant.slug}/").status_code == 200


def test_an_invited_admin_is_sent_to_enrol_an_authenticator(client, factory):
    tenant = factory.tenant()
    response = _accept(client, _invite(factory, tenant, "first.admin@example.org", "admin"))
    assert "/two-factor/setup" in response.headers["Location"]
    setup = client.get(response.headers["Location"])
    assert setup.status_code == 200 and "data:image/svg+xml;base64," in setup.get_data(as_text=True)


def test_a_reused_link_is_refused(client, factory):
    tenant = factory.tenant()
    outcome = _invite(factory, tenant)
    assert _accept(client, outcome).status_code == 302
    client.post("/logout", data={"csrf_token": csrf_token(client, f"/{tenant.slug}/")})
    in_english(client)
    again = client.get(f"/{tenant.slug}/invitation/{_token(outcome)}")
    assert again.status_code == 410
    assert "already been used" in again.get_data(as_text=True)


def test_an_expired_link_is_refused(client, factory):
    tenant = factory.tenant()
    outcome = _invite(factory, tenant)
    with tenant_scope(db.session, tenant.id):
        outcome.invitation.expires_at = utcnow() - timedelta(minutes=1)
    factory.commit()
    in_english(client)
    page = client.get(f"/{tenant.slug}/invitation/{_token(outcome)}")
    assert page.status_code == 410
    assert "expired" in page.get_data(as_text=True)
    assert _accept(client, outcome).status_code == 410
    assert db.session.scalar(select(User).where(User.email == "new.officer@example.org")) is None


def test_unknown_revoked_and_other_association_links_are_not_found(client, factory):
    tenant, other = factory.tenant(), factory.tenant()
    outcome = _invite(factory, tenant)
    assert client.get(f"/{tenant.slug}/invitation/not-a-token").status_code == 404
    assert client.get(f"/{other.slug}/invitation/{_token(outcome)}").status_code == 404
    with tenant_scope(db.session, tenant.id):
        invitations.revoke(outcome.invitation)
    factory.commit()
    assert client.get(f"/{tenant.slug}/invitation/{_token(outcome)}").status_code == 404


def test_a_short_password_is_refused_and_nothing_is_created(client, factory):
    tenant = factory.tenant()
    outcome = _invite(factory, tenant)
    page = _accept(client, outcome, password="short")
    assert page.status_code == 422
    assert db.session.scalar(select(User).where(User.email == "new.officer@example.org")) is None


def test_the_token_is_stored_only_as_a_hash(factory):
    tenant = factory.tenant()
    outcome = _invite(factory, tenant)
    with tenant_scope(db.session, tenant.id):
        stored = db.session.scalar(select(StaffInvitation.token_hash))
    assert _token(outcome) not in stored and len(stored) == 64


def test_admin_invites_through_the_page_and_sees_the_link_when_not_emailed(client, factory):
    tenant = factory.tenant()
    admin_of(client, factory, tenant)
    with tenant_scope(db.session, tenant.id):
        role_id = db.session.scalar(select(Role.id).where(Role.key == "relations_officer"))
    url = f"/{tenant.slug}/admin/staff"
    response = client.post(f"/{tenant.slug}/admin/staff/invite", data={
        "email": "Officer@Example.org", "name": "خالد", "role_id": role_id, "csrf_token": csrf_token(client, url)})
    assert response.status_code == 302
    in_english(client)
    page = client.get(url).get_data(as_text=True)
    assert "officer@example.org" in page
    assert re.search(r"· Expires on \d+ [^<]+ AH — [^<]+ 20\d\d</span>", page)  # one phrase around the date
    with tenant_scope(db.session, tenant.id):
        invitation = db.session.scalar(select(StaffInvitation))
    assert invitation.email == "officer@example.org" and invitation.role_id == role_id


def test_a_suspended_association_refuses_its_invitation_link_and_code(client, factory):
    from wasl.operator.lifecycle import suspend

    tenant = factory.tenant()
    outcome = _invite(factory, tenant)
    assert _set_password(client, outcome).headers["Location"].endswith("/code")
    code = _emailed_code(tenant)
    other = _invite(factory, tenant, email="second.officer@example.org")
    suspend(tenant)
    factory.commit()
    message = "This association is suspended; its invitations cannot be accepted now."
    page = client.get(_link(other))
    assert page.status_code == 403 and message in page.get_data(as_text=True)
    refused = _enter_code(client, outcome, code)
    assert refused.status_code == 403 and message in refused.get_data(as_text=True)
    user = db.session.scalar(select(User).where(User.email == "new.officer@example.org"))
    assert db.session.scalar(select(Membership).where(Membership.user_id == user.id)) is None
