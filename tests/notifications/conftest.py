"""Fixtures for notifications: providers configured for an association, real servers, Redis, committed worlds."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import subprocess
import sys
from datetime import time

import pytest
import redis as redis_lib

from tests.notifications.servers import (
    TAQNYAT_OK,
    UNIFONIC_OK,
    WHATSAPP_OK,
    Answer,
    Gateway,
    SmtpServer,
)
from wasl import PROJECT_ROOT
from wasl.db import db
from wasl.notifications.models import NotificationSettings, ProviderConfig
from wasl.tenancy.scope import tenant_scope

MOBILE = "+966501234567"
NATIONAL_IDS = ("1012345672", "1123456780", "2012345670", "2345678904")
REDIS_DB = int(os.environ.get("WASL_TEST_REDIS_DB", "12"))


def configure(channel: str, provider: str, settings: dict | None = None, secrets_: dict | None = None,
              enabled: bool = True) -> ProviderConfig:
    """Give the association in scope a provider for ``channel``."""
    row = ProviderConfig(channel=channel, provider=provider, enabled=enabled, settings=settings or {})
    row.secrets = secrets_ or {}
    db.session.add(row)
    db.session.flush()
    return row


def no_quiet_hours() -> NotificationSettings:
    row = NotificationSettings(quiet_hours_enabled=False, quiet_start=time(22), quiet_end=time(7),
                               fallback_order=["sms", "whatsapp", "email"])
    db.session.add(row)
    db.session.flush()
    return row


def beneficiary(n: int = 0, **fields):
    """A registered beneficiary of the association in scope, through the registry's own service."""
    from wasl.beneficiaries.services import register_beneficiary

    data = {"national_id": NATIONAL_IDS[n], "full_name_ar": f"مستفيدة رقم {n + 1}",
            "full_name_en": f"Beneficiary {n + 1}", "mobile": f"05012345{60 + n}", "gender": "female"}
    data.update(fields)
    return register_beneficiary(data, None)


@pytest.fixture
def tenant(factory):
    return factory.tenant()


@pytest.fixture
def scoped(db_session, tenant):
    with tenant_scope(db_session, tenant.id):
        yield tenant


@pytest.fixture
def smtp_server():
    with SmtpServer() as server:
        yield server


@pytest.fixture
def gateway():
    with Gateway(Answer(200, UNIFONIC_OK)) as server:
        yield server


@pytest.fixture
def base_urls(app, gateway):
    """Point every HTTP provider at the local gateway for the duration of a test."""
    previous = app.config["NOTIFICATIONS_PROVIDER_BASE_URLS"]
    urls = {"unifonic": gateway.url, "taqnyat": gateway.url, "whatsapp_cloud": gateway.url}
    app.config["NOTIFICATIONS_PROVIDER_BASE_URLS"] = urls
    yield urls
    app.config["NOTIFICATIONS_PROVIDER_BASE_URLS"] = previous


# --- Redis and workers -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def run_token() -> str:
    return "wasltest" + secrets.token_hex(4)


@pytest.fixture(scope="session")
def redis_url() -> str:
    return f"redis://127.0.0.1:6379/{REDIS_DB}"


@pytest.fixture(scope="session")
def redis_client(redis_url, run_token):
    client = redis_lib.Redis.from_url(redis_url)
    yield client
    _forget_run(client, run_token)


def _forget_run(client, token: str) -> None:
    """Delete every key this run made (their names carry the run token), never anyone else's."""
    for key in list(client.scan_iter(match=f"*{token}*", count=500)):
        client.delete(key)
    for set_key in (b"rq:queues", b"rq:workers"):
        members = [m for m in client.smembers(set_key) if token.encode() in m]
        if members:
            client.srem(set_key, *members)


@pytest.fixture
def queue_name(run_token, redis_client) -> str:
    name = f"{run_token}-{secrets.token_hex(3)}"
    yield name
    _forget_run(redis_client, name)


def worker_env(test_database, redis_url: str, queue: str, base_urls: dict | None = None, **settings) -> dict:
    env = dict(os.environ)
    env.update({
        "WASL_ENV": "test", "DATABASE_URL": test_database.app_url, "REDIS_URL": redis_url,
        "NOTIFICATIONS_DELIVERY": "rq", "NOTIFICATIONS_QUEUE": queue, "NOTIFICATIONS_REQUEUE_AFTER": "0",
        "NOTIFICATIONS_SENDING_LEASE": "2", "NOTIFICATIONS_JOB_TIMEOUT": "20", "NOTIFICATIONS_HTTP_TIMEOUT": "10",
        "NOTIFICATIONS_BACKOFF": "1,1,1,1,1", "RATELIMIT_STORAGE_URI": "memory://",
        "NOTIFICATIONS_PROVIDER_BASE_URLS": json.dumps(base_urls or {}),
    })
    env.update({k: str(v) for k, v in settings.items()})
    return env


def start_worker(env: dict, queue: str, *, burst: bool = True, name: str | None = None) -> subprocess.Popen:
    """``flask --app wsgi worker`` as a real process, in its own process group (so it can be killed whole)."""
    command = [sys.executable, "-m", "flask", "--app", "wsgi", "worker", "--name",
               name or f"{queue}-{secrets.token_hex(3)}"]
    if burst:
        command.append("--burst")
    command.append(queue)
    return subprocess.Popen(command, cwd=str(PROJECT_ROOT), env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True)


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                parent = int(stat.read().rpartition(")")[2].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if parent == pid:
            found.append(int(entry))
    return found


def kill_tree(process: subprocess.Popen) -> None:
    """SIGKILL a worker and every process under it: RQ's work-horse runs in a session of its own."""
    pending, everyone = [process.pid], []
    while pending:
        pid = pending.pop()
        everyone.append(pid)
        pending.extend(_children(pid))
    for pid in everyone:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    process.wait(10)


def finish(process: subprocess.Popen, timeout: float = 60) -> str:
    output, _ = process.communicate(timeout=timeout)
    return output.decode("utf-8", "replace")


__all__ = ["MOBILE", "TAQNYAT_OK", "UNIFONIC_OK", "WHATSAPP_OK", "Answer", "Gateway", "SmtpServer", "beneficiary",
           "configure", "finish", "kill_tree", "no_quiet_hours", "start_worker", "worker_env"]
