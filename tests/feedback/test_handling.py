"""Staff handling: the queue and its clock, the admin-only complaints about staff, replying (which reaches
the outbox), closing only with a reply, rating once; pages and API, in a bounded number of statements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pytest
from marshmallow import ValidationError
from sqlalchemy import select

from tests.feedback.conftest import bearer, file_in_portal
from tests.support.web import csrf_token, sign_in
from wasl.db import db
from wasl.feedback import clock, filing, handling
from wasl.feedback.models import Feedback, FeedbackState
from wasl.i18n.dates import RIYADH
from wasl.notifications.models import Notification
from wasl.tenancy.scope import tenant_scope


def _file(wefaq, kind="enquiry", message="سؤال", staff_named=None, mobile="0551230001"):
    """The item's id and number (the row itself expires at the commit, and RLS hides it outside the scope)."""
    with tenant_scope(db.session, wefaq.tenant.id):
        item = filing.file_from_public(wefaq.tenant, {"kind": kind, "message": message, "name": "زائر",
                                                      "mobile": mobile, "staff_named": staff_named}, "ar")
        filed = Filed(item.id, item.number)
    db.session.commit()
    return filed


@dataclass(frozen=True)
class Filed:
    id: int
    number: str


def _staff(app, factory, wefaq, role: str):
    """A browser of its own, signed in as a new member of ``role`` (the fixture's members have no password)."""
    user = factory.member(wefaq.tenant, role)
    db.session.commit()
    client = app.test_client()
    assert sign_in(client, user).status_code == 302
    return client


def _post(client, url: str, **data):
    return client.post(url, data={"csrf_token": csrf_token(client, url.rsplit("/", 1)[0]), **data})


def test_the_response_window_counts_working_days_and_holidays(wefaq):
    from wasl.administration.holidays import add_holiday

    with tenant_scope(db.session, wefaq.tenant.id):
        assert clock.reply_due_on(date(2026, 12, 6)) == date(2026, 12, 13)  # Sunday + 5 working days
        add_holiday(date(2026, 12, 8), "إجازة", "Holiday")
        assert clock.reply_due_on(date(2026, 12, 6)) == date(2026, 12, 14)
        handling.update_settings({"response_days": 2})
        assert clock.reply_due_on(date(2026, 12, 10)) == date(2026, 12, 14)  # Thursday: Sun, (Tue holiday) Mon
        with pytest.raises(ValidationError):
            handling.update_settings({"response_days": 0})


def test_the_clock_reads_on_time_due_today_and_overdue():
    filed = datetime(2026, 12, 6, 9, tzinfo=RIYADH)
    due = date(2026, 12, 13)
    assert clock.standing(filed, due, False, date(2026, 12, 9), set()).state == clock.ON_TIME
    assert clock.standing(filed, due, False, date(2026, 12, 9), set()).days == 2
    assert clock.standing(filed, due, False, due, set()).state == clock.DUE_TODAY
    late = clock.standing(filed, due, False, date(2026, 12, 15), set())
    assert (late.state, late.days, late.age_days) == (clock.OVERDUE, 2, 7)


def test_the_queue_filters_by_kind_and_state_and_shows_the_clock(app, factory, wefaq):
    _file(wefaq, "enquiry", "متى الدوام؟")
    _file(wefaq, "suggestion", "افتحوا يوم السبت")
    officer = _staff(app, factory, wefaq, "relations_officer")
    page = officer.get(f"/{wefaq.slug}/feedback?lang=ar").get_data(as_text=True)
    assert page.count('data-feedback="') == 2 and "استفسار" in page and "اقتراح" in page
    assert 'data-clock="on_time"' in page and "بقيت" in page or "بقي" in page
    only = officer.get(f"/{wefaq.slug}/feedback?kind=suggestion").get_data(as_text=True)
    assert only.count('data-feedback="') == 1
    assert officer.get(f"/{wefaq.slug}/feedback?state=closed").get_data(as_text=True).count('data-feedback="') == 0
    assert officer.get(f"/{wefaq.slug}/feedback?kind=praise").status_code == 422
    assert _staff(app, factory, wefaq, "viewer").get(f"/{wefaq.slug}/feedback").status_code == 403


def test_the_queue_runs_a_bounded_number_of_statements(app, factory, wefaq, count_queries):
    officer = _staff(app, factory, wefaq, "supervisor")

    def statements():
        officer.get(f"/{wefaq.slug}/feedback")
        with count_queries() as seen:
            assert officer.get(f"/{wefaq.slug}/feedback").status_code == 200
        return list(seen)

    _file(wefaq)
    few = statements()
    for n in range(8):
        _file(wefaq, message=f"سؤال {n}", mobile=f"05512300{10 + n}")
    many = statements()
    assert len(many) == len(few) and len(few) <= 16, "\n".join(many)


def test_a_complaint_naming_staff_is_seen_by_the_admin_only(app, factory, wefaq):
    named = _file(wefaq, "complaint", "تعامل غير لائق", staff_named="خالد")
    plain = _file(wefaq, "complaint", "طول الانتظار")
    for role in ("relations_officer", "supervisor"):
        member = _staff(app, factory, wefaq, role)
        queue = member.get(f"/{wefaq.slug}/feedback").get_data(as_text=True)
        assert f'data-feedback="{plain.id}"' in queue and f'data-feedback="{named.id}"' not in queue
        assert "خالد" not in queue
        assert member.get(f"/{wefaq.slug}/feedback/{named.id}").status_code == 404
        api = app.test_client()
        headers = bearer(wefaq.tokens[role])
        assert api.get(f"/api/v1/{wefaq.slug}/feedback/{named.id}", headers=headers).status_code == 404
        listed = api.get(f"/api/v1/{wefaq.slug}/feedback", headers=headers).get_json()
        assert [row["id"] for row in listed["items"]] == [plain.id] and listed["total"] == 1
        reply = api.post(f"/api/v1/{wefaq.slug}/feedback/{named.id}/reply", json={"reply": "x"}, headers=headers)
        assert reply.status_code == 404
    admin = _staff(app, factory, wefaq, "admin")
    assert "خالد" in admin.get(f"/{wefaq.slug}/feedback/{named.id}").get_data(as_text=True)
    listed = app.test_client().get(f"/api/v1/{wefaq.slug}/feedback", headers=bearer(wefaq.tokens["admin"]))
    assert {row["id"] for row in listed.get_json()["items"]} == {named.id, plain.id}


def test_visibility_fails_closed_without_a_membership(wefaq):
    named = _file(wefaq, "complaint", "تعامل غير لائق", staff_named="خالد")
    with tenant_scope(db.session, wefaq.tenant.id):
        assert handling.get_item(None, named.id) is None
        assert handling.queue(None, {}, 1, 25).total == 0


def test_an_item_closes_only_with_a_reply(app, factory, wefaq):
    item = _file(wefaq)
    headers = {**bearer(wefaq.tokens["relations_officer"]), "Accept-Language": "en"}
    api = app.test_client()
    url = f"/api/v1/{wefaq.slug}/feedback/{item.id}"
    early = api.post(f"{url}/close", headers=headers)
    assert early.status_code == 409 and "only once it has a reply" in early.get_json()["detail"]
    officer = _staff(app, factory, wefaq, "relations_officer")
    page = _post(officer, f"/{wefaq.slug}/feedback/{item.id}/close")
    assert page.status_code == 302
    assert "اكتب الرد أولًا" in officer.get(page.headers["Location"]).get_data(as_text=True)
    empty = api.post(f"{url}/reply", json={"reply": ""}, headers=headers)
    assert empty.status_code == 422 and empty.get_json()["errors"]["reply"] == ["“Reply” is required."]
    assert api.post(f"{url}/reply", json={"reply": "Open Sunday to Thursday."}, headers=headers).status_code == 200
    closed = api.post(f"{url}/close", headers=headers)
    assert closed.status_code == 200 and closed.get_json()["state"] == "closed"
    assert api.post(f"{url}/reply", json={"reply": "again"}, headers=headers).status_code == 409


def test_a_reply_reaches_the_outbox_for_a_visitor_and_for_the_portal_person(app, factory, client, wefaq,
                                                                           noura_signed_in):
    visitor = _file(wefaq, "enquiry", "متى الدوام؟", mobile="0551230099")
    assert file_in_portal(client, wefaq.slug, kind="complaint", message="تأخر طلبي").status_code == 302
    with tenant_scope(db.session, wefaq.tenant.id):
        row = db.session.scalars(select(Feedback).where(Feedback.beneficiary_id.is_not(None))).one()
        mine = Filed(row.id, row.number)
    officer = _staff(app, factory, wefaq, "relations_officer")
    for item, text in ((visitor, "من الأحد إلى الخميس"), (mine, "نعتذر، وسيُبت في طلبك هذا الأسبوع")):
        answer = _post(officer, f"/{wefaq.slug}/feedback/{item.id}/reply", reply=text)
        assert answer.status_code == 302
    with tenant_scope(db.session, wefaq.tenant.id):
        bodies = [n.body for n in db.session.scalars(
            select(Notification).where(Notification.event == "feedback.replied"))]
    assert len(bodies) == 2
    assert any("من الأحد إلى الخميس" in body and visitor.number in body for body in bodies)
    assert any(f"/{wefaq.slug}/portal/feedback/{mine.id}" in body for body in bodies)
    page = client.get(f"/{wefaq.slug}/portal/feedback/{mine.id}").get_data(as_text=True)
    assert "نعتذر، وسيُبت في طلبك هذا الأسبوع" in page and 'id="rating-form"' in page


def test_the_person_rates_the_reply_once(app, client, wefaq, noura_signed_in, noura_token):
    assert file_in_portal(client, wefaq.slug, kind="enquiry", message="ما الأوراق المطلوبة؟").status_code == 302
    with tenant_scope(db.session, wefaq.tenant.id):
        row = db.session.scalars(select(Feedback)).one()
        item = Filed(row.id, row.number)
    url = f"/api/v1/{wefaq.slug}/portal/feedback/{item.id}/rating"
    headers = {**bearer(noura_token), "Accept-Language": "en"}
    assert client.post(url, json={"rating": 5}, headers=headers).status_code == 409  # no reply yet
    with tenant_scope(db.session, wefaq.tenant.id):
        handling.reply(db.session.get(Feedback, item.id), {"reply": "الهوية فقط"}, None)
    db.session.commit()
    assert client.post(url, json={"rating": 6}, headers=headers).status_code == 422
    rated = client.post(url, json={"rating": 4}, headers=headers)
    assert rated.status_code == 200 and rated.get_json()["rating"] == 4
    assert client.post(url, json={"rating": 1}, headers=headers).status_code == 409
    page = client.post(f"/{wefaq.slug}/portal/feedback/{item.id}/rating",
                       data={"rating": "2", "csrf_token": csrf_token(client, f"/{wefaq.slug}/portal/feedback/")})
    assert page.status_code == 302
    with tenant_scope(db.session, wefaq.tenant.id):
        assert db.session.get(Feedback, item.id).rating == 4
        assert db.session.get(Feedback, item.id).state == FeedbackState.ANSWERED


def test_the_response_window_is_the_admins_to_set(app, wefaq):
    api = app.test_client()
    url = f"/api/v1/{wefaq.slug}/feedback/settings"
    officer = {**bearer(wefaq.tokens["relations_officer"]), "Accept-Language": "en"}
    assert api.get(url, headers=officer).get_json() == {"response_days": 5}
    assert api.put(url, json={"response_days": 3}, headers=officer).status_code == 403
    admin = {**bearer(wefaq.tokens["admin"]), "Accept-Language": "en"}
    refused = api.put(url, json={"response_days": 90}, headers=admin)
    assert refused.status_code == 422 and "response_days" in refused.get_json()["errors"]
    assert api.put(url, json={"response_days": 3}, headers=admin).get_json() == {"response_days": 3}
    assert api.get(url, headers=officer).get_json() == {"response_days": 3}


def test_the_admin_sets_the_window_on_the_settings_page(app, factory, wefaq):
    admin = app.test_client()
    user = factory.member(wefaq.tenant, "admin")
    db.session.commit()
    sign_in(admin, user, second_factor=True)
    url = f"/{wefaq.slug}/admin/feedback"
    assert "مهلة الرد" in admin.get(f"{url}?lang=ar").get_data(as_text=True)
    wrong = _post(admin, url, response_days="٠")
    assert wrong.status_code == 422 and 'is-invalid' in wrong.get_data(as_text=True)
    assert _post(admin, url, response_days="٧").status_code == 302
    with tenant_scope(db.session, wefaq.tenant.id):
        assert clock.response_days() == 7
