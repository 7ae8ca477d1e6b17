"""Real Redis, real RQ workers (processes started here), real provider servers, committed data.

These are the guarantees of the outbox: a message is enqueued only once its
transaction commits, a Redis outage at commit loses nothing, a worker killed
mid-send leaves exactly one sent message, failures back off until dead and an
admin can resend, and a job of one association can never read another's rows.
"""

from __future__ import annotations

import json
import logging
import secrets
import signal
import threading
import time
import zlib

import pytest
from rq import Queue, SimpleWorker
from rq.job import Job
from rq.registry import ScheduledJobRegistry
from rq.serializers import JSONSerializer

from tests.notifications.conftest import (
    MOBILE,
    configure,
    finish,
    kill_tree,
    no_quiet_hours,
    start_worker,
    worker_env,
)
from tests.notifications.live import LiveWorld
from tests.notifications.servers import UNIFONIC_OK, Answer, Gateway, SmtpServer
from tests.support.web import bearer, post_form, sign_in
from wasl import events
from wasl.db import db
from wasl.notifications import Recipient, dispatch, notify, schedule
from wasl.notifications.models import NotificationStatus

pytestmark = [pytest.mark.redis, pytest.mark.no_db_session]


@pytest.fixture
def gateway():
    with Gateway(Answer(200, UNIFONIC_OK)) as server:
        yield server


@pytest.fixture
def world(app, test_database, redis_url, queue_name, gateway):
    live = LiveWorld(test_database, REDIS_URL=redis_url, NOTIFICATIONS_DELIVERY="rq", NOTIFICATIONS_QUEUE=queue_name,
                     NOTIFICATIONS_REQUEUE_AFTER=0, NOTIFICATIONS_SENDING_LEASE=2, NOTIFICATIONS_BACKOFF=(1,) * 5,
                     NOTIFICATIONS_JOB_TIMEOUT=20,
                     NOTIFICATIONS_PROVIDER_BASE_URLS={"unifonic": gateway.url, "taqnyat": gateway.url,
                                                       "whatsapp_cloud": gateway.url})
    yield live
    live.remove()


@pytest.fixture
def env(test_database, redis_url, queue_name, gateway):
    urls = {"unifonic": gateway.url, "taqnyat": gateway.url, "whatsapp_cloud": gateway.url}
    return worker_env(test_database, redis_url, queue_name, urls)


def with_unifonic(world) -> int:
    tenant_id = world.tenant()
    with world.scoped(tenant_id):
        configure("sms", "unifonic", {"sender_id": "WEFAQ"}, {"app_sid": "sid-1"})
        no_quiet_hours()
        db.session.commit()
    return tenant_id


def send_code(world, tenant_id: int, code: str = "482913") -> None:
    with world.scoped(tenant_id):
        events.emit("auth.one_time_code", tenant_id=tenant_id, mobile=MOBILE, code=code, expires_in_minutes=5)
        db.session.commit()


def queue_of(redis_client, name) -> Queue:
    return Queue(name, connection=redis_client, serializer=JSONSerializer)


def work_here(redis_client, queue: Queue) -> None:
    """An RQ worker in this process, for tests that must not run the start-up sweep of the command."""
    SimpleWorker([queue], connection=redis_client, serializer=JSONSerializer,
                 name=f"{queue.name}-{secrets.token_hex(3)}").work(burst=True)


def enqueue(queue: Queue, func: str, *args):
    return queue.enqueue(func, *args, job_id=f"{queue.name}-{secrets.token_hex(4)}")


def test_enqueued_after_commit_with_ids_only_then_delivered_by_a_worker_process(world, env, queue_name,
                                                                                redis_client):
    tenant_id = world.tenant()
    with world.scoped(tenant_id), SmtpServer() as smtp:
        configure("email", "smtp", {"host": "127.0.0.1", "port": smtp.port, "security": "none",
                                    "from_address": "no-reply@wefaq.org"})
        events.emit("staff.invited", tenant_id=tenant_id, email="new.staff@example.org", locale="ar",
                    invitation_url="https://wasl.example/invitations/abc", inviter_name="نورة")
        assert queue_of(redis_client, queue_name).count == 0  # nothing before the commit
        db.session.commit()
        [row] = world.notifications(tenant_id)
        [job] = queue_of(redis_client, queue_name).get_jobs()
        assert (job.func_name, job.args, job.kwargs, job.timeout) == (dispatch.DELIVER_BATCH, [tenant_id, [row["id"]]],
                                                                      {}, 20)
        stored = json.loads(zlib.decompress(redis_client.hget(job.key, "data")))
        assert stored == [dispatch.DELIVER_BATCH, None, [tenant_id, [row["id"]]], {}]  # JSON, nothing personal
        output = finish(start_worker(env, queue_name))
        [received] = smtp.messages
    assert "https://wasl.example/invitations/abc" in received["message"].get_content(), output
    assert received["to"] == ["new.staff@example.org"]
    assert "new.staff@example.org" not in output and "invitations/abc" not in output  # the worker's log
    [row] = world.notifications(tenant_id)
    assert (row["status"], row["attempts"]) == ("sent", 1)


def test_a_rolled_back_change_sends_nothing(world, queue_name, redis_client, gateway):
    tenant_id = with_unifonic(world)
    with world.scoped(tenant_id):
        events.emit("auth.one_time_code", tenant_id=tenant_id, mobile=MOBILE, code="1")
        db.session.flush()
        db.session.rollback()
    assert queue_of(redis_client, queue_name).count == 0
    with world.context():
        work_here(redis_client, queue_of(redis_client, queue_name))
    assert world.notifications(tenant_id) == [] and gateway.received == []


def test_redis_down_at_commit_then_the_sweep_delivers_exactly_once(world, env, queue_name, test_database, gateway,
                                                                   caplog):
    tenant_id = with_unifonic(world)
    token = world.token(world.member(tenant_id))
    down = LiveWorld(test_database, REDIS_URL="redis://127.0.0.1:1/0", NOTIFICATIONS_DELIVERY="rq",
                     NOTIFICATIONS_QUEUE=queue_name)
    with caplog.at_level(logging.WARNING, logger="wasl.notifications.dispatch"):
        send_code(down, tenant_id, "111111")  # the commit succeeds although Redis is down
        with down.scoped(tenant_id):  # a dead one, resent through the API while Redis is down
            dead = notify(tenant_id, "case.decided", Recipient(email="k@example.org"), {"case_number": "5"},
                          essential=True)
            db.session.commit()
            configure("email", "console")
            db.session.commit()
            dead_id = dead.id
        response = down.app.test_client().post(f"/api/v1/{world.slug(tenant_id)}/notifications/{dead_id}/resend",
                                               headers=bearer(token))
    assert response.status_code == 200, response.get_data(as_text=True)
    assert caplog.text.count("Redis unavailable") == 2
    assert [r["status"] for r in world.notifications(tenant_id)] == ["pending", "pending"]
    finish(start_worker(env, queue_name))  # Redis is back: the worker's start-up sweep finds both
    finish(start_worker(env, queue_name))  # and a second run finds nothing left to send
    rows = world.notifications(tenant_id)
    assert [(r["status"], r["attempts"]) for r in rows] == [("sent", 1), ("sent", 1)]
    assert len(gateway.received) == 1 and "111111" in gateway.received[0].body.decode()


def test_a_worker_killed_mid_send_ends_sent_exactly_once_with_the_same_key(world, env, queue_name, gateway):
    tenant_id = with_unifonic(world)
    gateway.answer(Answer(200, UNIFONIC_OK, hold=threading.Event()))  # the first send hangs at the provider
    send_code(world, tenant_id, "246810")
    worker = start_worker(env, queue_name, burst=False)
    try:
        assert len(gateway.wait_for(1, timeout=60)) == 1
    finally:
        kill_tree(worker)  # the worker, its scheduler and its work-horse, mid-send
    [row] = world.notifications(tenant_id)
    assert (row["status"], row["attempts"]) == ("sending", 1)
    time.sleep(2.5)  # past the lease
    finish(start_worker(env, queue_name))
    finish(start_worker(env, queue_name))
    [row] = world.notifications(tenant_id)
    assert (row["status"], row["attempts"], row["provider_message_id"]) == ("sent", 2, "42000348806924")
    keys = [dict(p.split("=", 1) for p in r.body.decode().split("&"))["CorrelationID"] for r in gateway.received]
    assert keys == [row["key"], row["key"]]  # the provider saw the repeat under the same key
    assert [a["outcome"] for a in world.attempts(tenant_id, row["id"])] == ["interrupted", "sent"]


def test_provider_failing_backs_off_ends_dead_and_an_admin_resends_it(world, env, queue_name, gateway):
    gateway.state.default = Answer(500, {"success": False, "message": "internal error"})
    tenant_id = with_unifonic(world)
    admin_id = world.member(tenant_id)
    with world.scoped(tenant_id):
        notify(tenant_id, "case.received", Recipient(mobile=MOBILE), {"case_number": "1447-77"}, essential=False)
        db.session.commit()
    worker = start_worker(env, queue_name, burst=False)
    output = ""
    try:
        rows = world.wait_until(tenant_id, lambda rs: rs and rs[0]["status"] == "dead", timeout=90)
        if rows[0]["status"] != "dead":
            worker.send_signal(signal.SIGTERM)
            output = finish(worker, 30)
        assert rows[0]["status"] == "dead", (rows, output)
        row_id = rows[0]["id"]
        attempts = world.attempts(tenant_id, row_id)
        assert [a["status_code"] for a in attempts] == [500] * 6
        gaps = [(b["started_at"] - a["started_at"]).total_seconds() for a, b in zip(attempts, attempts[1:], strict=False)]
        assert all(gap >= 0.9 for gap in gaps), gaps  # each retry waited its backoff
        client = world.app.test_client()
        with world.context():
            sign_in(client, world.user(admin_id), second_factor=True)
        log = client.get(f"/{world.slug(tenant_id)}/admin/notifications?status=dead").get_data(as_text=True)
        assert log.count('class="notification-row"') == 1
        detail = f"/{world.slug(tenant_id)}/admin/notifications/{row_id}"
        assert f'action="{detail}/resend"' in client.get(detail).get_data(as_text=True)
        gateway.state.default = Answer(200, UNIFONIC_OK)
        assert post_form(client, f"{detail}/resend", token_from=detail).status_code == 302
        rows = world.wait_until(tenant_id, lambda rs: rs[0]["status"] == "sent", timeout=60)
        assert (rows[0]["status"], rows[0]["attempts"]) == ("sent", 1)
    finally:
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
            finish(worker, 30)
    assert len(gateway.received) == 7


def test_a_job_for_one_association_cannot_read_another_and_a_job_without_one_is_refused(world, queue_name,
                                                                                         redis_client, gateway):
    mine, theirs = with_unifonic(world), with_unifonic(world)
    send_code(world, theirs, "999999")
    [their_row] = world.notifications(theirs)
    queue = queue_of(redis_client, queue_name)
    queue.empty()
    crossing = enqueue(queue, dispatch.DELIVER, mine, their_row["id"])
    without = enqueue(queue, dispatch.DELIVER, None, their_row["id"])
    with world.context():
        work_here(redis_client, queue)
    crossing = Job.fetch(crossing.id, connection=redis_client, serializer=JSONSerializer)
    without = Job.fetch(without.id, connection=redis_client, serializer=JSONSerializer)
    assert crossing.return_value() == "not-found"
    assert without.is_failed and "TenantRequired" in without.latest_result().exc_string
    assert world.notifications(theirs)[0]["status"] == "pending" and gateway.received == []


def test_periodic_jobs_are_booked_once_per_slot(world, queue_name, redis_client):
    queue = queue_of(redis_client, queue_name)
    with world.context():
        first = schedule.ensure_all(queue)
        again = schedule.ensure_all(queue)
    assert first == again and len(set(first)) == len(schedule.PERIODIC_JOBS) == 4
    registry = ScheduledJobRegistry(queue=queue)
    assert sorted(registry.get_job_ids()) == sorted(first)
    jobs = {Job.fetch(i, connection=redis_client, serializer=JSONSerializer).func_name for i in first}
    assert jobs == {p.func for p in schedule.PERIODIC_JOBS}


def test_reminder_jobs_run_without_the_cases_module_hook(world, queue_name, redis_client):
    queue = queue_of(redis_client, queue_name)
    jobs = [enqueue(queue, p.func) for p in schedule.PERIODIC_JOBS if p.name != "outbox-sweep"]
    with world.context():
        work_here(redis_client, queue)
    for job in jobs:
        fetched = Job.fetch(job.id, connection=redis_client, serializer=JSONSerializer)
        assert fetched.is_finished and isinstance(fetched.return_value(), int)


def test_inline_delivery_without_redis(app, test_database, gateway):
    live = LiveWorld(test_database, NOTIFICATIONS_DELIVERY="inline", REDIS_URL="redis://127.0.0.1:1/0",
                     NOTIFICATIONS_PROVIDER_BASE_URLS={"unifonic": gateway.url})
    try:
        tenant_id = with_unifonic(live)
        send_code(live, tenant_id, "135790")
        rows = live.wait_until(tenant_id, lambda rs: rs and rs[0]["status"] == "sent", timeout=30)
        assert rows[0]["status"] == NotificationStatus.SENT and "135790" in gateway.received[0].body.decode()
    finally:
        live.remove()


def test_demo_says_how_messages_go_out_and_sets_console_providers(app, test_database):
    from wasl.notifications.demo import prepare_demo_delivery
    from wasl.tenancy.models import Tenant

    live = LiveWorld(test_database, NOTIFICATIONS_DELIVERY="rq", REDIS_URL="redis://127.0.0.1:1/0")
    try:
        tenant_id = live.tenant()
        said = []
        with live.context():
            mode = prepare_demo_delivery([db.session.get(Tenant, tenant_id)], said.append)
        assert mode == "inline" and "in-process" in said[0]
        with live.scoped(tenant_id):
            from wasl.notifications.rules import configured_channels

            assert configured_channels() == {"email", "sms", "whatsapp"}
    finally:
        live.remove()


def test_fresh_messages_go_in_batches_of_one_association_each(app):
    pairs = [(1, 10), (2, 20), (1, 11), (1, 12), (2, 21)]
    assert dispatch.batches(pairs, 2) == [(1, [10, 11]), (1, [12]), (2, [20, 21])]


def test_a_commit_of_twelve_messages_is_three_jobs_and_each_message_is_sent_once(world, env, queue_name,
                                                                                redis_client, gateway):
    tenant_id = with_unifonic(world)
    world.app.config["NOTIFICATIONS_BATCH"] = 5
    try:
        with world.scoped(tenant_id):
            for n in range(12):
                events.emit("auth.one_time_code", tenant_id=tenant_id, mobile=MOBILE, code=f"{n:06d}",
                            expires_in_minutes=5)
            db.session.commit()
    finally:
        world.app.config["NOTIFICATIONS_BATCH"] = 50
    jobs = queue_of(redis_client, queue_name).get_jobs()
    assert sorted(len(job.args[1]) for job in jobs) == [2, 5, 5]
    finish(start_worker(env, queue_name))
    rows = world.notifications(tenant_id)
    assert [(r["status"], r["attempts"]) for r in rows] == [("sent", 1)] * 12
    keys = [dict(p.split("=", 1) for p in r.body.decode().split("&"))["CorrelationID"] for r in gateway.received]
    assert sorted(keys) == sorted(r["key"] for r in rows)  # every message reached the provider exactly once


def test_a_worker_killed_mid_chunk_loses_nothing_and_repeats_only_under_the_same_keys(world, env, queue_name,
                                                                                     gateway):
    """Ten messages claimed in one commit; the worker dies at the provider with the fifth. After the lease
    every one ends sent; what reached the provider before the kill is repeated once, under its own key
    (Unifonic's CorrelationID), and nothing else is sent twice."""
    tenant_id = with_unifonic(world)
    gateway.answer(*[Answer(200, UNIFONIC_OK)] * 4, Answer(200, UNIFONIC_OK, hold=threading.Event()))
    with world.scoped(tenant_id):
        for n in range(10):
            notify(tenant_id, "case.received", Recipient(mobile=MOBILE), {"case_number": f"1447-{n}"},
                   essential=False)
        db.session.commit()
    worker = start_worker(env, queue_name, burst=False)
    try:
        assert len(gateway.wait_for(5, timeout=60)) == 5
    finally:
        kill_tree(worker)
    assert {r["status"] for r in world.notifications(tenant_id)} == {"sending"}  # the whole chunk was claimed
    time.sleep(2.5)  # past the lease
    finish(start_worker(env, queue_name))
    rows = world.notifications(tenant_id)
    assert [(r["status"], r["attempts"]) for r in rows] == [("sent", 2)] * 10
    keys = [dict(p.split("=", 1) for p in r.body.decode().split("&"))["CorrelationID"] for r in gateway.received]
    before, after = keys[:5], keys[5:]
    assert sorted(after) == sorted(r["key"] for r in rows)  # every message once after the recovery
    assert set(before) <= set(after) and len(set(before)) == 5  # the repeats carry the keys already sent
