"""Delivering a batch of one association's notifications a chunk at a time.

A chunk is claimed in one ``UPDATE … RETURNING`` and its attempts written in
one multi-row ``INSERT``, both committed before anything leaves the building;
then each message goes to its provider; the sent ones are recorded together
in two ``UPDATE``s and one commit. Anything else (a failure, a sign-in code to
scrub) is recorded one by one as a single delivery would be. A worker killed
mid-chunk leaves at most one chunk in ``sending`` for the sweep to re-open
once the lease is over, resent under the same idempotency keys. When the job
runs short of time, the claimed messages not yet sent are given back, with
their attempt undone, and handed on with the rest.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from sqlalchemy import case, delete, insert, update

from wasl.db import db, utcnow
from wasl.notifications import config, delivery
from wasl.notifications.models import Notification, NotificationAttempt, NotificationStatus, Outcome
from wasl.notifications.providers import OutgoingMessage, SendResult


@dataclass
class Claimed:
    """What sending and recording one claimed message needs, read before the claim's commit."""

    notification_id: int
    attempt_id: int
    message: OutgoingMessage
    sensitive: bool
    provider_key: str | None


@dataclass
class BatchOutcome:
    counts: dict[str, int] = field(default_factory=dict)
    left: list[int] = field(default_factory=list)

    def add(self, outcome: str, number: int = 1) -> None:
        self.counts[outcome] = self.counts.get(outcome, 0) + number


def deliver_batch(ids: list[int], round_: delivery.Round, deadline: float, clock=time.monotonic) -> BatchOutcome:
    """Deliver ``ids`` of the association in scope; what is not reached by ``deadline`` (on ``clock``) is left."""
    result = BatchOutcome()
    if round_.is_paused():
        result.add("paused", len(ids))  # a suspended association's messages wait for its reactivation
        return result
    size = config.setting("CLAIM_CHUNK")
    for start in range(0, len(ids), size):
        if clock() > deadline:
            result.left.extend(ids[start:])
            break
        _deliver_chunk(ids[start:start + size], round_, lambda: clock() > deadline, result)
        if result.left:
            result.left.extend(ids[start + size:])
            break
    return result


def _deliver_chunk(ids: list[int], round_: delivery.Round, late, result: BatchOutcome) -> None:
    now = utcnow()
    claimed = _claim(ids, now, round_)
    db.session.commit()  # the claims are durable before any provider hears anything
    for notification_id in set(ids) - {c.notification_id for c in claimed}:
        result.add(delivery._unclaimed(notification_id, now))
    sent: list[tuple[Claimed, SendResult]] = []
    for position, item in enumerate(claimed):
        if late():
            _give_back(claimed[position:])
            result.left.extend(c.notification_id for c in claimed[position:])
            break
        provider_key, provider = round_.provider_for(item.message.channel)
        answer = delivery._send(provider, item.message)
        if answer.outcome == Outcome.SENT and not item.sensitive:
            sent.append((item, answer))
        else:
            result.add(delivery._record(item.notification_id, item.attempt_id, answer, provider_key))
    _record_sent(sent)
    result.add(str(Outcome.SENT), len(sent))


def _claim(ids: list[int], now, round_: delivery.Round) -> list[Claimed]:
    """The free rows of ``ids``, now ``sending`` with one more attempt each, and their attempts written."""
    rows = db.session.scalars(
        update(Notification)
        .where(Notification.id.in_(ids),
               Notification.status.in_([NotificationStatus.PENDING, NotificationStatus.FAILED]),
               Notification.next_attempt_at <= now,
               Notification.attempts < Notification.max_attempts)
        .values(status=NotificationStatus.SENDING, attempts=Notification.attempts + 1, claimed_at=now,
                updated_at=now)
        .returning(Notification)
        .execution_options(synchronize_session=False, populate_existing=True)
    ).all()
    rows.sort(key=lambda row: ids.index(row.id))
    if not rows:
        return []
    providers = {row.id: round_.provider_for(str(row.channel))[0] for row in rows}
    attempt_of = dict(db.session.execute(
        insert(NotificationAttempt).returning(NotificationAttempt.notification_id, NotificationAttempt.id),
        [{"tenant_id": row.tenant_id, "notification_id": row.id, "number": row.attempts, "provider": providers[row.id], "started_at": now}
         for row in rows]).all())
    return [Claimed(row.id, attempt_of[row.id], delivery._message(row), row.sensitive, providers[row.id])
            for row in rows]


def _record_sent(sent: list[tuple[Claimed, SendResult]]) -> None:
    """The sent messages' answers in two statements, nothing read back (as ``delivery._record_sent`` for one)."""
    if not sent:
        return
    now = utcnow()
    attempts = {item.attempt_id: answer for item, answer in sent}
    db.session.execute(
        update(NotificationAttempt).where(NotificationAttempt.id.in_(attempts)).values(
            outcome=Outcome.SENT, finished_at=now,
            status_code=_each(NotificationAttempt.id, {k: a.status_code for k, a in attempts.items()}),
            provider_message_id=_each(NotificationAttempt.id, {k: a.message_id for k, a in attempts.items()}),
            detail=_each(NotificationAttempt.id, {k: (a.detail or "")[:1000] or None for k, a in attempts.items()}),
        ).execution_options(synchronize_session=False))
    rows = {item.notification_id: (item, answer) for item, answer in sent}
    db.session.execute(  # a repeat after a lost answer keeps the first provider message id
        update(Notification)
        .where(Notification.id.in_(rows), Notification.status != NotificationStatus.SENT)
        .values(status=NotificationStatus.SENT, sent_at=now, updated_at=now, last_error=None,
                provider=_each(Notification.id, {k: item.provider_key for k, (item, _) in rows.items()}),
                provider_message_id=_each(Notification.id, {k: (a.message_id or "")[:128] or None
                                                            for k, (_, a) in rows.items()}))
        .execution_options(synchronize_session=False))
    db.session.commit()


def _each(column, values: dict):
    """A value per row in one statement: the value itself when every row has the same, else a CASE on ``column``."""
    distinct = set(values.values())
    if len(distinct) == 1:
        return distinct.pop()
    return case({key: value for key, value in values.items() if value is not None}, value=column, else_=None)


def _give_back(unsent: list[Claimed]) -> None:
    """Undo the claim of messages that never reached a provider: their attempt did not happen."""
    ids = [item.notification_id for item in unsent]
    db.session.execute(delete(NotificationAttempt)
                       .where(NotificationAttempt.id.in_([item.attempt_id for item in unsent]))
                       .execution_options(synchronize_session=False))
    db.session.execute(update(Notification)
                       .where(Notification.id.in_(ids), Notification.status == NotificationStatus.SENDING)
                       .values(status=NotificationStatus.PENDING, attempts=Notification.attempts - 1,
                               claimed_at=None, updated_at=utcnow())
                       .execution_options(synchronize_session=False))
    db.session.commit()
