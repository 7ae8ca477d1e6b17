import re
from datetime import date

from sqlalchemy import func, select

from tests.administration.helpers import enrol, post, sign_in_as, sign_in_with_second_factor
from tests.operator.helpers import operator_token, payload
from tests.support.web import bearer, csrf_token
from wasl.accounts.models import Role, User
from wasl.administration.holidays import add_holiday
from wasl.db import db
from wasl.notifications.models import Notification
from wasl.tenancy.models import Tenant
from wasl.tenancy.scope import tenant_scope


def test_a_wefaq_researcher_joins_the_new_charity_with_the_same_account(client, factory, app):
    wefaq = factory.seed_tenant("wefaq")
    researcher = factory.member(wefaq, "social_researcher")
    _operator, token = operator_token(factory)
    assert client.post("/api/v1/operator/associations", json=payload(), headers=bearer(token)).status_code == 201
    charity = db.session.scalar(select(Tenant).where(Tenant.slug == "ytam-riyadh"))
    charity_admin = factory.member(charity, "admin", user=factory.user("admin2@ytam.example.org"))
    enrol(charity_admin)
    with tenant_scope(db.session, wefaq.id):
        add_holiday(date(2026, 9, 23), "إجازة وفاق", "Wefaq holiday")
    factory.commit()
    admin_client = app.test_client()
    sign_in_with_second_factor(admin_client, charity_admin)
    with tenant_scope(db.session, charity.id):
        role_id = db.session.scalar(select(Role.id).where(Role.key == "relations_officer"))
    response = post(admin_client, "/ytam-riyadh/admin/staff/invite",
                    {"email": researcher.email.upper(), "role_id": role_id}, "/ytam-riyadh/admin/staff")
    assert response.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(User).where(User.email == researcher.email)) == 1

    sign_in_as(client, researcher)
    assert "جمعية رعاية الأيتام بالرياض" not in client.get("/").get_data(as_text=True)  # not before accepting
    link = _invitation_link(admin_client, charity)
    accepted = client.post(link, data={"name": researcher.name, "password": "unused by a signed-in account",
                                       "confirm": "unused by a signed-in account",
                                       "csrf_token": csrf_token(client, link)})
    assert accepted.status_code == 302
    home = client.get("/").get_data(as_text=True)
    assert "جمعية وفاق" in home and "جمعية رعاية الأيتام بالرياض" in home
    switched = client.post("/switch", data={"slug": "ytam-riyadh", "csrf_token": csrf_token(client, "/")})
    assert switched.headers["Location"].endswith("/ytam-riyadh/")
    assert client.get("/ytam-riyadh/").status_code == 200
    assert client.get("/wefaq/").status_code == 200
    # Neither association sees the other's data: the charity's admin cannot reach Wefaq at all,
    # and its holidays are its own.
    assert admin_client.get("/wefaq/admin/holidays").status_code == 404
    holidays_page = admin_client.get("/ytam-riyadh/admin/holidays").get_data(as_text=True)
    assert "إجازة وفاق" not in holidays_page and "Wefaq holiday" not in holidays_page
    assert researcher.email in admin_client.get("/ytam-riyadh/admin/staff").get_data(as_text=True)



def _invitation_link(admin_client, charity) -> str:
    """The link from the e-mail waiting in the outbox, or from the notice shown to the inviter when not e-mailed."""
    with tenant_scope(db.session, charity.id):
        body = db.session.scalar(select(Notification.body).where(Notification.event == "staff.invited")) or ""
    text = body + admin_client.get(f"/{charity.slug}/admin/staff").get_data(as_text=True)
    return re.search(rf"/{charity.slug}/invitation/[\w-]+", text).group(0)
