"""One delivery at a time, in process: claim, send, record; backoff, dead, resend; the sweep's rules."""

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from tests.notifications.conftest import MOBILE, configure, no_quiet_hours
from tests.notifications.servers import TAQNYAT_OK, Answer
from wasl.db import db, utcnow
from wasl.kernel.moments import aware
from wasl.notifications import Recipient, notify, services, sweep
from wasl.notifications.delivery import deliver
from wasl.notifications.models import Notification, NotificationAttempt, NotificationStatus
from wasl.tenancy.models import TenantStatus
from wasl.tenancy.scope import tenant_scope


@pytest.fixture
def taqnyat(scoped, base_urls, gateway):
    configure("sms", "taqnyat", {"sender": "WEFAQ"}, {"bearer_token": "tq"})
    no_quiet_hours()
    gateway.state.default = Answer(201, TAQNYAT_OK)
    return scoped


def queued(tenant, event="case.received", **facts) -> Notification:
    row = notify(tenant.id, event, Recipient(name="نورة", mobile=MOBILE), {"case_number": "1447-9", **facts},
                 essential=True)
    db.session.commit()
    return row


def attempts_of(row):
    return db.session.scalars(select(NotificationAttempt).where(NotificationAttempt.notification_id == row.id)
                              .order_by(NotificationAttempt.number)).all()


def make_due(row):
    db.session.execute(update(Notification).where(Notification.id == row.id)
                       .values(next_attempt_at=utcnow() - timedelta(seconds=1)))
    db.session.commit()


def test_sent_with_the_provider_message_id(taqnyat, gateway):
    row = queued(taqnyat)
    assert deliver(row.id) == "sent"
    db.session.refresh(row)
    assert (row.status, row.provider, row.provider_message_id, row.attempts) == ("sent", "taqnyat", "5452899970", 1)
    [attempt] = attempts_of(row)
    assert (attempt.outcome, attempt.status_code, attempt.number) == ("sent", 201, 1)
    assert "5452899970" in attempt.detail and attempt.finished_at is not None
    assert len(gateway.received) == 1


def test_a_sent_notification_is_never_sent_again(taqnyat, gateway):
    row = queued(taqnyat)
    deliver(row.id)
    assert deliver(row.id) == "skipped"
    assert len(gateway.received) == 1


def test_retries_back_off_then_the_notification_is_dead(taqnyat, gateway):
    gateway.state.default = Answer(500, {"statusCode": 500, "message": "down"})
    row = queued(taqnyat)
    waits = []
    for attempt in range(1, 7):
        before = utcnow()
        assert deliver(row.id) == "retryable"
        db.session.refresh(row)
        assert row.attempts == attempt
        if attempt < 6:
            assert row.status == "failed"
            waits.append(round((aware(row.next_attempt_at) - before).total_seconds()))
            assert deliver(row.id) == "not-due"  # the job books itself again for when it is
            make_due(row)
    assert waits == [30, 120, 600, 1800, 3600]
    assert row.status == "dead" and "down" in row.last_error
    assert [a.status_code for a in attempts_of(row)] == [500] * 6
    assert len(gateway.received) == 6


def test_a_permanent_refusal_is_dead_at_once(taqnyat, gateway):
    gateway.state.default = Answer(400, {"statusCode": 400, "message": "invalid sender"})
    row = queued(taqnyat)
    assert deliver(row.id) == "permanent"
    db.session.refresh(row)
    assert (row.status, row.attempts) == ("dead", 1) and "invalid sender" in row.last_error


def test_resend_gives_a_dead_notification_fresh_attempts(taqnyat, gateway):
    gateway.answer(Answer(400, {"message": "no credit"}))
    row = queued(taqnyat)
    deliver(row.id)
    db.session.refresh(row)
    services.resend(row)
    db.session.commit()
    assert (row.status, row.attempts) == ("pending", 0)
    assert deliver(row.id) == "sent"
    assert [a.outcome for a in attempts_of(row)] == ["permanent", "sent"]
    assert len({r.json()["body"] for r in gateway.received}) == 1


def test_only_dead_notifications_can_be_resent(taqnyat):
    row = queued(taqnyat)
    with pytest.raises(services.ResendRefused):
        services.resend(row)


def test_a_sign_in_code_is_scrubbed_once_sent_and_cannot_be_resent(taqnyat, gateway):
    row = queued(taqnyat, event="auth.one_time_code", code="735519", expires_in_minutes=5)
    assert "735519" in row.body
    deliver(row.id)
    db.session.refresh(row)
    assert row.status == "sent" and row.body == "" and "735519" in gateway.received[0].json()["body"]
    row.status = NotificationStatus.DEAD
    with pytest.raises(services.ResendRefused):
        services.resend(row)


def test_a_job_in_one_association_cannot_reach_another(taqnyat, factory, gateway):
    other = factory.tenant()
    with tenant_scope(db.session, other.id):
        configure("sms", "console")
        theirs = queued(other).id
    assert deliver(theirs) == "not-found"  # the scope of ``taqnyat`` is the one in force
    with tenant_scope(db.session, other.id):
        assert db.session.get(Notification, theirs).status == "pending"
    assert gateway.received == []


def test_a_suspended_association_is_paused(taqnyat, gateway):
    row = queued(taqnyat)
    db.session.execute(update(Notification).where(Notification.id == row.id)
                       .values(enqueued_at=utcnow() - timedelta(minutes=5)))
    taqnyat.status = TenantStatus.SUSPENDED
    db.session.commit()
    assert deliver(row.id) == "paused"
    assert (taqnyat.id, row.id) not in sweep.sweep()
    taqnyat.status = TenantStatus.ACTIVE
    db.session.commit()
    assert (taqnyat.id, row.id) in sweep.sweep()
    assert deliver(row.id) == "sent" and len(gateway.received) == 1


def test_sweep_reopens_a_row_stuck_in_sending_and_marks_the_attempt_interrupted(taqnyat, app):
    row = queued(taqnyat)
    db.session.execute(update(Notification).where(Notification.id == row.id).values(
        status=NotificationStatus.SENDING, attempts=1, claimed_at=utcnow() - timedelta(hours=1)))
    db.session.add(NotificationAttempt(notification_id=row.id, number=1, provider="taqnyat",
                                       started_at=utcnow() - timedelta(hours=1)))
    db.session.commit()
    assert (taqnyat.id, row.id) in sweep.sweep()
    db.session.refresh(row)
    assert row.status == "pending" and row.attempts == 1
    assert [a.outcome for a in attempts_of(row)] == ["interrupted"]
    assert deliver(row.id) == "sent"


def test_sweep_gives_up_on_a_stuck_row_without_attempts_left(taqnyat):
    row = queued(taqnyat)
    db.session.execute(update(Notification).where(Notification.id == row.id).values(
        status=NotificationStatus.SENDING, attempts=6, claimed_at=utcnow() - timedelta(hours=1)))
    db.session.commit()
    assert (taqnyat.id, row.id) not in sweep.sweep()
    db.session.refresh(row)
    assert row.status == "dead"


def test_sweep_leaves_fresh_rows_to_their_own_job(taqnyat, app):
    row = queued(taqnyat)
    assert (taqnyat.id, row.id) not in sweep.sweep()  # enqueued a moment ago: its job is on its way
    db.session.execute(update(Notification).where(Notification.id == row.id)
                       .values(enqueued_at=utcnow() - timedelta(minutes=5)))
    db.session.commit()
    assert (taqnyat.id, row.id) in sweep.sweep()
    assert (taqnyat.id, row.id) not in sweep.sweep()  # collected once per re-queue interval
