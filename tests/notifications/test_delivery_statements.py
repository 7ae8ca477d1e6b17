"""One delivery is a fixed, small number of statements: the claim returns the row, a batch reads its
association's provider once, and a sent message is recorded without reading anything back."""

from __future__ import annotations

from tests.notifications.conftest import MOBILE, configure, no_quiet_hours
from wasl.db import db
from wasl.notifications import Recipient, notify
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
