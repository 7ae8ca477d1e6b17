"""Notification throughput: enqueue 10,000 notifications, drain them with two worker processes.

    .venv/bin/python bench/notifications_throughput.py [--count 10000] [--workers 2]
        [--backend postgresql|sqlite] [--pg-admin-url URL] [--redis-url URL] [--fork] [--profile DIR]

Everything is real: notifications are written through ``notify`` and enqueued
on Redis after each commit (ids only), two ``flask --app wsgi worker --burst``
processes claim, send and record them, and the provider is Taqnyat's HTTP API
answered by a local sink in this process. Prints the rates and the machine.
Not a test; it leaves nothing behind (its database and Redis keys are removed).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SINK_ANSWER = json.dumps({"statusCode": 201, "messageId": 1, "cost": "0.05", "currency": "SAR", "totalCount": 1,
                          "msgLength": 1, "accepted": "[966501234567,]", "rejected": "[]"}).encode()


class Sink(BaseHTTPRequestHandler):
    """Taqnyat's ``POST /v1/messages``, answered at once."""

    protocol_version = "HTTP/1.1"  # keep-alive, like the real gateway
    disable_nagle_algorithm = True  # headers and body in separate writes must not wait for an ACK
    received = 0
    lock = threading.Lock()

    def log_message(self, *args):
        pass

    def do_POST(self):  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        with Sink.lock:
            Sink.received += 1
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(SINK_ANSWER)))
        self.end_headers()
        self.wfile.write(SINK_ANSWER)


def start_sink() -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Sink)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def prepare_database(args, scratch: Path) -> tuple[str, callable]:
    """A fresh database URL and how to drop it afterwards."""
    if args.backend == "sqlite":
        return f"sqlite:///{scratch / 'bench.sqlite3'}", lambda: None
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"wasl_bench_{secrets.token_hex(3)}"
    admin = create_engine(args.pg_admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop():
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return make_url(args.pg_admin_url).set(database=name).render_as_string(hide_password=False), drop


def environment(args, database_url: str, queue: str, sink_url: str, scratch: Path) -> dict:
    env = dict(os.environ)
    env.update({
        "WASL_ENV": "development", "WASL_INSTANCE_PATH": str(scratch), "DATABASE_URL": database_url,
        "REDIS_URL": args.redis_url, "RATELIMIT_STORAGE_URI": "memory://", "NOTIFICATIONS_DELIVERY": "rq",
        "NOTIFICATIONS_QUEUE": queue, "NOTIFICATIONS_PROVIDER_BASE_URLS": json.dumps({"taqnyat": sink_url}),
    })
    return env


def migrate_and_fill(count: int, batch: int) -> tuple[int, float]:
    """In this process: migrate, set up one association, write ``count`` notifications. Returns (tenant, seconds)."""
    from datetime import time as clock

    from flask_migrate import upgrade

    from wasl import create_app
    from wasl.db import db
    from wasl.notifications import Recipient, notify, outbox
    from wasl.notifications.models import NotificationSettings, ProviderConfig
    from wasl.tenancy.models import Tenant
    from wasl.tenancy.scope import tenant_scope

    app = create_app()
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory, revision="heads")
        tenant = Tenant(slug="bench", name_ar="جمعية القياس", name_en="Benchmark Association")
        db.session.add(tenant)
        db.session.commit()
        with tenant_scope(db.session, tenant.id):
            config = ProviderConfig(channel="sms", provider="taqnyat", settings={"sender": "BENCH"})
            config.secrets = {"bearer_token": "bench"}
            db.session.add_all([config, NotificationSettings(quiet_hours_enabled=False, quiet_start=clock(22),
                                                             quiet_end=clock(7), fallback_order=["sms", "email",
                                                                                                 "whatsapp"])])
            db.session.commit()
            started = time.perf_counter()
            for start in range(0, count, batch):
                rules = outbox.load_rules(tenant.id)  # as an event handler does for a batch of recipients
                for n in range(start, min(start + batch, count)):
                    notify(tenant.id, "case.received", Recipient(name="مستفيد", mobile="+966501234567"),
                           {"case_number": f"1447-{n:05d}"}, essential=False, tenant_rules=rules)
                db.session.commit()  # after this commit the batch's jobs go to Redis
            return tenant.id, time.perf_counter() - started


def sent_count(tenant_id: int) -> int:
    from sqlalchemy import func, select

    from wasl.db import db
    from wasl.notifications.models import Notification
    from wasl.tenancy.scope import tenant_scope

    with tenant_scope(db.session, tenant_id):
        count = db.session.scalar(select(func.count()).select_from(Notification)
                                  .where(Notification.status == "sent"))
        db.session.rollback()
    return count


def sending_window(tenant_id: int) -> float:
    """Seconds from the first message sent to the last: the drain without the workers' start-up."""
    from sqlalchemy import func, select

    from wasl.db import db
    from wasl.notifications.models import Notification
    from wasl.tenancy.scope import tenant_scope

    with tenant_scope(db.session, tenant_id):
        first, last = db.session.execute(select(func.min(Notification.sent_at), func.max(Notification.sent_at))).one()
        db.session.rollback()
    return (last - first).total_seconds()


def forget_queue(redis_url: str, queue: str) -> None:
    import redis

    client = redis.Redis.from_url(redis_url)
    for key in list(client.scan_iter(match=f"*{queue}*", count=1000)):
        client.delete(key)
    for set_key in ("rq:queues", "rq:workers"):
        members = [m for m in client.smembers(set_key) if queue.encode() in m]
        if members:
            client.srem(set_key, *members)


def machine() -> str:
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    memory = subprocess.run(["free", "-h"], capture_output=True, text=True).stdout.rstrip()
    return f"nproc: {nproc}\n{memory}"


def run(args) -> None:
    scratch = Path(tempfile.mkdtemp(prefix="wasl-bench-"))
    queue = f"bench-{secrets.token_hex(4)}"
    sink = start_sink()
    database_url, drop = prepare_database(args, scratch)
    os.environ.update(environment(args, database_url, queue, f"http://127.0.0.1:{sink.server_port}", scratch))
    workers = []
    try:
        tenant_id, write_seconds = migrate_and_fill(args.count, args.batch)
        from wasl import create_app

        app = create_app()
        started = time.perf_counter()
        command = ["-m", "flask", "--app", "wsgi", "worker", "--burst", "--log-level", "WARNING"]
        command += ["--fork"] if args.fork else []
        workers = [subprocess.Popen([sys.executable, *_profiled(args, i), *command, "--name", f"{queue}-w{i}", queue],
                                    cwd=str(ROOT), env=os.environ.copy(), stdout=subprocess.DEVNULL,
                                    stderr=subprocess.STDOUT) for i in range(args.workers)]
        with app.app_context():
            while (done := sent_count(tenant_id)) < args.count:
                if all(w.poll() is not None for w in workers):
                    break
                time.sleep(0.25)
            drain_seconds = time.perf_counter() - started
            window = sending_window(tenant_id)
        for worker in workers:
            worker.wait(120)
        report(args, done, write_seconds, drain_seconds, window)
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
        sink.shutdown()
        forget_queue(args.redis_url, queue)
        drop()
        shutil.rmtree(scratch, ignore_errors=True)


def _profiled(args, number: int) -> list[str]:
    """``-m cProfile -o FILE`` for worker ``number`` when ``--profile`` is given."""
    if not args.profile:
        return []
    Path(args.profile).mkdir(parents=True, exist_ok=True)
    return ["-m", "cProfile", "-o", str(Path(args.profile) / f"worker-{number}.prof")]


def report(args, done: int, write_seconds: float, drain_seconds: float, window: float) -> None:
    kind = "forking RQ workers, a work-horse per job" if args.fork else "RQ workers running jobs in-process"
    print(f"backend: {args.backend}; workers: {args.workers} ({kind})")
    print(f"written and enqueued: {args.count} notifications in {write_seconds:.1f} s "
          f"({args.count / write_seconds:.0f}/s, commits of {args.batch})")
    print(f"delivered: {done} of {args.count} in {drain_seconds:.1f} s ({done / drain_seconds:.1f} notifications/s)")
    print(f"sending: first to last message sent in {window:.1f} s ({done / max(window, 1e-9):.1f} notifications/s, "
          "the workers' start-up left out)")
    print(f"sink received: {Sink.received} requests")
    print(machine())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch", type=int, default=500, help="notifications per transaction")
    parser.add_argument("--backend", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--pg-admin-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--fork", action="store_true", help="fork a work-horse per job")
    parser.add_argument("--profile", metavar="DIR", help="run each worker under cProfile, writing DIR/worker-N.prof")
    run(parser.parse_args())


if __name__ == "__main__":
    main()
