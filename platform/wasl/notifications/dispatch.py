"""Handing committed notifications to delivery: RQ jobs carrying ids only, or the in-process thread.

Job arguments are ids and nothing else: ``(tenant_id, [notification ids])``
for a batch of one association's fresh messages, ``(tenant_id,
notification_id)`` for a retry. Redis never holds a name, a number or a message. When Redis does not answer at
commit time the request still succeeds; the rows wait for the sweep.
"""

from __future__ import annotations

import logging
import math
import secrets
import time
from datetime import UTC, datetime

import redis
from flask import current_app
from rq import Queue
from rq.serializers import JSONSerializer

from wasl.notifications import config

log = logging.getLogger(__name__)

DELIVER = "wasl.notifications.tasks.deliver_notification"
DELIVER_BATCH = "wasl.notifications.tasks.deliver_notifications"
REDIS_KEY = "wasl_notifications_redis"
AUTO_KEY = "wasl_notifications_auto_mode"
AUTO_RECHECK_SECONDS = 30
DOWN_KEY = "wasl_notifications_redis_down_until"
DOWN_BACKOFF_SECONDS = 5


def redis_connection() -> redis.Redis:
    """The web side's client: short timeouts, so a Redis outage costs a request half a second at most."""
    client = current_app.extensions.get(REDIS_KEY)
    if client is None:
        client = redis.Redis.from_url(config.setting("REDIS_URL"), socket_connect_timeout=0.5, socket_timeout=2)
        current_app.extensions[REDIS_KEY] = client
    return client


def worker_connection() -> redis.Redis:
    """A worker blocks on Redis for minutes at a time, so its client has no read timeout."""
    return redis.Redis.from_url(config.setting("REDIS_URL"), socket_connect_timeout=5)


def notification_queue(connection: redis.Redis | None = None, name: str | None = None) -> Queue:
    return Queue(name or config.setting("QUEUE"), connection=connection or redis_connection(),
                 serializer=JSONSerializer, default_timeout=config.setting("JOB_TIMEOUT"))


def _job_id(queue: Queue, tenant_id: int, notification_id: int) -> str:
    return f"{queue.name}-{tenant_id}-{notification_id}-{secrets.token_hex(4)}"


def batches(pairs, size: int) -> list[tuple[int, list[int]]]:
    """``(tenant_id, [ids])`` groups of at most ``size``, one association each, in the order given."""
    by_tenant: dict[int, list[int]] = {}
    for tenant_id, notification_id in pairs:
        by_tenant.setdefault(int(tenant_id), []).append(int(notification_id))
    return [(tenant_id, ids[start:start + size]) for tenant_id, ids in by_tenant.items()
            for start in range(0, len(ids), size)]


def enqueue(pairs, queue: Queue | None = None) -> int:
    """Enqueue the delivery of ``(tenant_id, notification_id)`` pairs in per-association batches;
    returns the number of jobs; raises when Redis is down."""
    queue = queue or notification_queue()
    datas = [
        Queue.prepare_data(DELIVER_BATCH, args=(tenant_id, ids), timeout=config.setting("JOB_TIMEOUT"),
                           result_ttl=600, failure_ttl=7 * 24 * 3600, job_id=_job_id(queue, tenant_id, ids[0]))
        for tenant_id, ids in batches(pairs, config.setting("BATCH"))
    ]
    for start in range(0, len(datas), 1000):
        with queue.connection.pipeline() as pipe:
            queue.enqueue_many(datas[start:start + 1000], pipeline=pipe)
            pipe.execute()
    return len(datas)


def enqueue_retry(tenant_id: int, notification_id: int, delay_seconds: float) -> None:
    """Schedule the next attempt (the worker's scheduler moves it to the queue when due)."""
    queue = notification_queue()
    # RQ keeps scheduled times in whole seconds, cutting the fraction off: round up so a job never
    # reaches the queue before its notification is due.
    run_at = datetime.fromtimestamp(math.ceil(time.time() + max(delay_seconds, 0)), UTC)
    queue.enqueue_at(run_at, DELIVER, tenant_id, notification_id,
                     job_id=_job_id(queue, tenant_id, notification_id), result_ttl=600,
                     failure_ttl=7 * 24 * 3600, job_timeout=config.setting("JOB_TIMEOUT"))


def delivery_mode() -> str:
    mode = config.setting("DELIVERY")
    if mode != "auto":
        return mode
    cached = current_app.extensions.get(AUTO_KEY)
    if cached is None or cached[1] < time.monotonic():
        from wasl.ratelimit import redis_answers

        chosen = "rq" if redis_answers(config.setting("REDIS_URL"), 0.3) else "inline"
        cached = (chosen, time.monotonic() + AUTO_RECHECK_SECONDS)
        current_app.extensions[AUTO_KEY] = cached
    return cached[0]


def after_commit(pairs: list[tuple[int, int]]) -> None:
    """Called once a transaction that wrote notifications has committed; never raises."""
    mode = delivery_mode()
    if mode == "inline":
        from wasl.notifications import inline

        inline.submit(pairs)
    elif mode == "rq":
        if current_app.extensions.get(DOWN_KEY, 0) > time.monotonic():
            log.warning("Redis unavailable: %d notification(s) stay in the outbox until the next sweep", len(pairs))
            return
        try:
            enqueue(pairs)
        except (redis.RedisError, OSError) as error:
            # For a few seconds, commits stop paying the connection timeout while Redis is down.
            current_app.extensions[DOWN_KEY] = time.monotonic() + DOWN_BACKOFF_SECONDS
            log.warning("Redis unavailable (%s): %d notification(s) stay in the outbox until the next sweep",
                        error, len(pairs))


def retry_later(tenant_id: int, notification_id: int, delay_seconds: float) -> None:
    """After a failed attempt: schedule the retry where the mode allows; the sweep is the safety net."""
    if delivery_mode() != "rq":
        return
    try:
        enqueue_retry(tenant_id, notification_id, delay_seconds)
    except (redis.RedisError, OSError) as error:
        log.warning("Redis unavailable (%s): the retry of notification %s waits for the sweep",
                    error, notification_id)
