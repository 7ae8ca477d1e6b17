"""Drill: the database drops every connection of the web server while it is under load.

A real gunicorn (two workers, on loopback) serves the API from the test
database; four client threads read and write for a few seconds while
``pg_terminate_backend`` ends every connection the app role holds, three
times. The server is never restarted. Afterwards every request succeeds again,
and what failed meanwhile is counted and printed: a read is tried once more by
the server itself, so only writes caught mid-statement may fail, and those
answer 503 with Retry-After, never 500.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections import Counter

import pytest
from sqlalchemy import create_engine, make_url, text

from tests.notifications.live import LiveWorld
from tests.notifications.servers import free_port
from wasl import PROJECT_ROOT

pytestmark = [pytest.mark.postgres, pytest.mark.no_db_session]

CLIENTS = 4
KILLS = 3
ADMIN_URL = os.environ.get("WASL_TEST_PG_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


@pytest.fixture
def world(test_database):
    if test_database.backend != "postgresql":
        pytest.skip("terminating connections is a PostgreSQL drill")
    world = LiveWorld(test_database)
    yield world
    world.remove()


@pytest.fixture
def web_server(test_database, tmp_path):
    gunicorn = shutil.which("gunicorn", path=str(PROJECT_ROOT / ".venv" / "bin")) or shutil.which("gunicorn")
    if gunicorn is None:
        pytest.skip("needs gunicorn to run the web server")
    port = free_port()
    env = dict(os.environ, WASL_ENV="test", DATABASE_URL=test_database.app_url, RATELIMIT_STORAGE_URI="memory://",
               NOTIFICATIONS_DELIVERY="deferred", WASL_INSTANCE_PATH=str(tmp_path))
    log = tmp_path / "gunicorn.log"
    server = subprocess.Popen([gunicorn, "-w", "2", "-b", f"127.0.0.1:{port}", "--timeout", "30", "wsgi:app"],
                              cwd=str(PROJECT_ROOT), env=env, stdout=subprocess.DEVNULL, stderr=log.open("wb"),
                              start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, server, log)
        yield base, log
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


def _wait_until_up(base: str, server, log) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"gunicorn exited: {log.read_text()[-2000:]}")
        with contextlib.suppress(OSError):
            urllib.request.urlopen(f"{base}/health", timeout=2)
            return
        time.sleep(0.2)
    pytest.fail("gunicorn did not start within 30 s")


def _call(base: str, path: str, token: str, body: dict | None = None) -> tuple[int, dict]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"{base}{path}", data=data, method="POST" if body is not None else "GET",
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


def _terminate_app_connections(database: str) -> int:
    engine = create_engine(make_url(ADMIN_URL), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        ended = connection.execute(text(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = :database AND usename = :role AND pid <> pg_backend_pid()"),
            {"database": database, "role": make_url_of_app_role()}).scalar()
    engine.dispose()
    return int(ended or 0)


def make_url_of_app_role() -> str:
    from tests.support.databases import APP_ROLE

    return APP_ROLE


def test_the_server_rides_out_terminated_connections(world, web_server, test_database):
    web_server, log = web_server
    tenant_id = world.tenant()
    token = world.token(world.member(tenant_id))
    slug = world.slug(tenant_id)
    outcomes: Counter = Counter()
    retry_after_missing = []
    stop = threading.Event()

    def client(n: int) -> None:
        sequence = 0
        while not stop.is_set():
            sequence += 1
            if sequence % 4 == 0:
                status, headers = _call(web_server, f"/api/v1/{slug}/admin/holidays", token,
                                        {"on": f"2031-{1 + n:02d}-{1 + sequence % 28:02d}",
                                         "name": {"ar": "عطلة", "en": "Holiday"}})
                kind = "write"
            else:
                status, headers = _call(web_server, f"/api/v1/{slug}/beneficiaries", token)
                kind = "read"
            outcomes[(kind, status)] += 1
            if status == 503 and "Retry-After" not in headers:
                retry_after_missing.append(kind)

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    ended = []
    for _ in range(KILLS):
        time.sleep(1.5)
        ended.append(_terminate_app_connections(make_url(test_database.app_url).database))
    time.sleep(1.5)
    stop.set()
    for thread in threads:
        thread.join(timeout=30)

    after = [_call(web_server, f"/api/v1/{slug}/beneficiaries", token)[0] for _ in range(20)]
    served = sum(outcomes.values())
    failed = {key: count for key, count in outcomes.items() if key[1] >= 400 and key[1] != 409}
    print(f"\n[drill] {served} requests, connections ended per kill {ended}, failed {failed or 'none'}")
    assert sum(ended) > 0, "the drill ended no connection: it proved nothing"
    assert after == [200] * 20
    assert not any(status >= 500 and status != 503 for _kind, status in failed), (failed, log.read_text()[-6000:])
    assert not any(kind == "read" for kind, _status in failed), failed
    assert not retry_after_missing
