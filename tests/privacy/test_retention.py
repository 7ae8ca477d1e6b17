"""Retention: each association's period erases exactly the people whose requests all closed before it,
on the daily job, the command, the page and the API alike, and says what it did."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select, update

from tests.cases.pages import desk
from tests.cases.support import finish_step, open_case, person, scope
from tests.support.web import bearer, post_form, sign_in
from wasl.audit.models import AuditEvent
from wasl.beneficiaries.models import Beneficiary
from wasl.cases.models import ACTIVE_STATUSES, Case
from wasl.db import db
from wasl.notifications.schedule import PERIODIC_JOBS
from wasl.privacy import retention, tasks
from wasl.privacy.erasure import ERASED_KIND

TODAY = date(2026, 12, 3)


def _closed_on(association, n: int, closed: datetime):
    case = open_case(association, beneficiary=person(n))
    while case.status in ACTIVE_STATUSES:
        finish_step(association, case)
    with scope(association.tenant):
        db.session.execute(update(Case).where(Case.id == case.id).values(closed_at=closed))
    return case.beneficiary_id


@pytest.fixture
def register(factory):
    """Four people of Wefaq, counted by hand against a 24-month period ending 2024-12-03."""
    wefaq = desk(factory)
    people = {
        "closed three years ago": _closed_on(wefaq, 61, datetime(2023, 11, 20, 9, tzinfo=UTC)),
        "closed 25 months ago": _closed_on(wefaq, 62, datetime(2024, 11, 1, 9, tzinfo=UTC)),
        "closed six months ago": _closed_on(wefaq, 63, datetime(2026, 6, 1, 9, tzinfo=UTC)),
    }
    old_and_open = _closed_on(wefaq, 64, datetime(2022, 1, 5, 9, tzinfo=UTC))
    open_case(wefaq, beneficiary_id=old_and_open)
    people["closed long ago but has an open request"] = old_and_open
    db.session.commit()
    return wefaq, people


def _erased(association, ids) -> set[int]:
    with scope(association.tenant):
        return set(db.session.scalars(select(Beneficiary.id).where(Beneficiary.id.in_(list(ids)),
                                                                   Beneficiary.id_kind == ERASED_KIND)))


def test_the_due_are_exactly_the_hand_count_and_a_run_erases_them_once(register):
    wefaq, people = register
    due_by_hand = {people["closed three years ago"], people["closed 25 months ago"]}
    with scope(wefaq.tenant):
        assert retention.keep_months() is None and retention.apply(wefaq.tenant, TODAY).erased == 0
        retention.choose(wefaq.tenant, 24, wefaq.users["admin"])
        assert retention.cutoff_for(TODAY, 24) == date(2024, 12, 3)
        assert set(retention.due_people(date(2024, 12, 3))) == due_by_hand
        report = retention.apply(wefaq.tenant, TODAY)
        db.session.commit()
    assert report.erased == 2 and _erased(wefaq, people.values()) == due_by_hand
    with scope(wefaq.tenant):
        assert retention.apply(wefaq.tenant, TODAY).erased == 0  # the erased are not due again
        runs = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "privacy.retention_applied")
                                  .order_by(AuditEvent.id)).all()
        assert [run.details["erased"] for run in runs] == [2, 0]
        assert runs[0].details["cutoff"] == "2024-12-03" and runs[0].details["keep_months"] == 24


def test_a_period_outside_the_choices_is_refused(register):
    wefaq, _people = register
    with scope(wefaq.tenant), pytest.raises(ValueError):
        retention.choose(wefaq.tenant, 18, None)


def test_the_daily_job_and_the_command_apply_each_association_its_own_period(app, register, factory):
    wefaq, people = register
    shaair = desk(factory, "shaair")
    kept = _closed_on(shaair, 65, datetime(2020, 1, 1, 9, tzinfo=UTC))  # Shaair never set a period
    with scope(wefaq.tenant):
        retention.choose(wefaq.tenant, 36, None)
    db.session.commit()
    assert "personal-data-retention" in {job.name for job in PERIODIC_JOBS}
    reports = tasks.apply_everywhere(TODAY)
    assert reports["wefaq"].erased == 1 and reports["shaair"].keep_months is None
    assert _erased(wefaq, people.values()) == {people["closed three years ago"]}
    assert _erased(shaair, [kept]) == set()
    with scope(wefaq.tenant):
        retention.choose(wefaq.tenant, 24, None)
    db.session.commit()
    out = app.test_cli_runner().invoke(args=["privacy", "retention"])
    assert out.exit_code == 0, out.output
    assert "wefaq: 1 erased (kept 24 months" in out.output and "shaair: kept until erased by hand" in out.output


def test_the_api_sets_the_period_shows_who_is_due_and_runs_it(client, factory):
    wefaq = desk(factory)
    token = factory.token(wefaq.users["admin"])
    person_id = _closed_on(wefaq, 66, datetime(2023, 1, 1, 9, tzinfo=UTC))
    db.session.commit()
    url, admin = f"/api/v1/{wefaq.slug}/admin/retention", bearer(token)
    refused = client.put(url, headers=admin, json={"keep_months": 18})
    assert refused.status_code == 422 and "keep_months" in refused.get_json()["errors"]
    assert client.put(url, headers=admin, json={}).status_code == 422
    state = client.put(url, headers=admin, json={"keep_months": 12})
    assert state.status_code == 200 and state.get_json()["keep_months"] == 12 and state.get_json()["due"] == 1
    assert client.get(url, headers=admin).get_json()["keep_months"] == 12
    run = client.post(url + "/run", headers=admin)
    assert run.status_code == 200 and run.get_json()["erased"] == 1
    assert _erased(wefaq, [person_id]) == {person_id}
    assert client.get(url, headers=admin).get_json()["last_run_erased"] == 1


def test_the_admin_page_in_arabic_saves_the_period_and_asks_before_erasing(app, register):
    wefaq, people = register
    client = app.test_client()
    sign_in(client, wefaq.users["admin"], second_factor=True)
    page_url = f"/{wefaq.slug}/admin/personal-data/retention"
    page = client.get(page_url).get_data(as_text=True)
    assert "الاحتفاظ بالبيانات" in page and "حتى يحذفها مسؤول الجمعية" in page
    bad = post_form(client, page_url, {"keep_months": "18"}, token_from=page_url)
    assert bad.status_code == 422
    saved = post_form(client, page_url, {"keep_months": "24"}, token_from=page_url)
    assert saved.status_code == 302
    page = client.get(page_url).get_data(as_text=True)
    assert "شخصان أُغلق آخر طلب لهما قبل" in page
    unconfirmed = post_form(client, page_url + "/apply", {}, token_from=page_url)
    assert unconfirmed.status_code == 422 and "أكّد أنك تدرك" in unconfirmed.get_data(as_text=True)
    assert _erased(wefaq, people.values()) == set()
    done = post_form(client, page_url + "/apply", {"confirm": "y"}, token_from=page_url)
    assert done.status_code == 302
    assert len(_erased(wefaq, people.values())) == 2
    assert "حُذفت بيانات شخصين" in client.get(page_url).get_data(as_text=True)


def test_a_member_who_is_not_an_admin_cannot_open_it(app, register):
    wefaq, _people = register
    client = app.test_client()
    sign_in(client, wefaq.users["relations_officer"])
    assert client.get(f"/{wefaq.slug}/admin/personal-data/retention").status_code == 403
