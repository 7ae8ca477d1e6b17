"""One delivery is a fixed, small number of statements: the claim returns the row, a batch reads its
association's provider once, and a sent message is recorded without reading anything back."""

from __future__ import annotations

import time
from urllib.parse import parse_qs

from tests.notifications.conftest import MOBILE, configure, no_quiet_hours
from tests.notifications.servers import UNIFONIC_OK, Answer
from wasl.db import db
from wasl.notifications import Recipient, claims, notify
from wasl.notifications.delivery import Round, deliver
from wasl.notifications.models import Notification, NotificationAttempt, NotificationStatus, Outcome
from wasl.tenancy.scope import tenant_scope

DATA = ("SELECT", "INSERT", "UPDATE", "DELETE")


def _data(statements: list[str]) -> list[str]:
    return [s for s in statements if s.lstrip().upper().startswith(DATA) and "set_config" not in s]


def test_a_batch_sends_each_message_in_four_statements(factory, gateway, base_urls, count_queries):
    tenant = factory.tenant()
    with tenant_scope(db.session, tenant.id):
        configure("sms", "unifonic", {"sender_id": "WEFAQ"}, {"app_sid": "sid-1"})
        no_quiet_hours()
        rows = [notify(tenant.id, "case.received", Recipient(mobile=MOBILE), {"case_number": f"1447-{n}"},
                       essential=False) for n in range(3)]
        db.session.flush()
        ids = [row.id for row in rows]
        db.session.commit()
        batch, counted = Round(), []
        for notification_id in ids:
            with count_queries() as statements:
                assert deliver(notification_id, batch) == "sent"
            counted.append(_data(statements))
        first, *others = counted
        # the claim (UPDATE … RETURNING), the attempt, its answer and the row's new state
        assert all(len(statements) == 4 for statements in others), others
        assert len(first) <= 6, first  # the first also reads whether the association is paused and its provider
        sent = db.session.query(Notification).filter(Notification.id.in_(ids)).all()
        assert {(n.status, n.provider, n.attempts) for n in sent} == {(NotificationStatus.SENT, "unifonic", 1)}
        attempts = db.session.query(NotificationAttempt).filter(NotificationAttempt.notification_id.in_(ids)).all()
        assert sorted(a.notification_id for a in attempts) == sorted(ids)
        assert {(a.outcome, a.finished_at is not None) for a in attempts} == {(Outcome.SENT, True)}
    assert len(gateway.received) == 3


def _written(tenant, count: int) -> list[int]:
    configure("sms", "unifonic", {"sender_id": "WEFAQ"}, {"app_sid": "sid-1"})
    no_quiet_hours()
    rows = [notify(tenant.id, "case.received", Recipient(mobile=MOBILE), {"case_number": f"1447-{n}"},
                   essential=False) for n in range(count)]
    db.session.flush()
    ids = [row.id for row in rows]
    db.session.commit()
    return ids


def test_a_chunk_is_claimed_and_recorded_in_a_fixed_number_of_statements(app, factory, gateway, base_urls,
                                                                           count_queries):
    tenant = factory.tenant()
    app.config["NOTIFICATIONS_CLAIM_CHUNK"] = 25
    with tenant_scope(db.session, tenant.id):
        ids = _written(tenant, 25)
        with count_queries() as statements:
            outcome = claims.deliver_batch(ids, Round(), time.monotonic() + 60)
        assert outcome.counts == {"sent": 25} and outcome.left == []
        # paused?, provider, the claim, the attempts (one INSERT), the answers (two UPDATEs): 25 messages
        assert len(_data(statements)) <= 6, _data(statements)
        sent = db.session.query(Notification).filter(Notification.id.in_(ids)).all()
        assert {(n.status, n.provider, n.attempts) for n in sent} == {(NotificationStatus.SENT, "unifonic", 1)}
        assert len({n.provider_message_id for n in sent}) == 1  # the gateway answers one id to every message
        attempts = db.session.query(NotificationAttempt).filter(NotificationAttempt.notification_id.in_(ids)).all()
        assert sorted(a.notification_id for a in attempts) == sorted(ids)
        assert {(a.outcome, a.status_code, a.finished_at is not None) for a in attempts} == {(Outcome.SENT, 200, True)}
    assert len(gateway.received) == 25
    keys = {parse_qs(r.body.decode())["CorrelationID"][0] for r in gateway.received}
    assert len(keys) == 25  # each message under its own idempotency key


def test_a_chunk_records_a_failure_on_its_own_and_the_rest_as_sent(app, factory, gateway, base_urls):
    tenant = factory.tenant()
    gateway.answer(Answer(200, UNIFONIC_OK), Answer(500, {"success": False, "message": "down"}))
    with tenant_scope(db.session, tenant.id):
        ids = _written(tenant, 4)
        outcome = claims.deliver_batch(ids, Round(), time.monotonic() + 60)
        assert outcome.counts == {"sent": 3, "retryable": 1}
        states = dict(db.session.query(Notification.id, Notification.status).filter(Notification.id.in_(ids)).all())
        assert states[ids[1]] == NotificationStatus.FAILED
        assert [states[i] for i in (ids[0], ids[2], ids[3])] == [NotificationStatus.SENT] * 3


def test_what_the_deadline_cuts_off_is_given_back_unsent_and_left(app, factory, gateway, base_urls):
    """Claimed but not sent in time: back to pending with the attempt undone, handed on to the next job."""
    tenant = factory.tenant()
    app.config["NOTIFICATIONS_CLAIM_CHUNK"] = 10
    with tenant_scope(db.session, tenant.id):
        ids = _written(tenant, 12)
        outcome = claims.deliver_batch(ids, Round(), time.monotonic() - 1)
        assert outcome.left == ids and outcome.counts == {}
        ticks = iter([0.0, 0.0, 0.0, 100.0])  # the chunk starts in time; the deadline passes after two sends
        outcome = claims.deliver_batch(ids, Round(), 50.0, clock=lambda: next(ticks, 100.0))
        assert outcome.counts == {"sent": 2}
        assert outcome.left == ids[2:]
        rows = {n.id: n for n in db.session.query(Notification).filter(Notification.id.in_(ids))
                .execution_options(populate_existing=True)}
        assert [(rows[i].status, rows[i].attempts) for i in ids[:2]] == [(NotificationStatus.SENT, 1)] * 2
        assert {(rows[i].status, rows[i].attempts) for i in ids[2:]} == {(NotificationStatus.PENDING, 0)}
        kept = db.session.query(NotificationAttempt.notification_id).filter(
            NotificationAttempt.notification_id.in_(ids)).all()
        assert sorted(n for (n,) in kept) == sorted(ids[:2])
    assert len(gateway.received) == 2
