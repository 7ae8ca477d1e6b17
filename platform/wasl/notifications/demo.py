"""The demo's notifications: console providers for the seed associations, and who delivers.

With a local Redis answering, a worker process (``flask --app wsgi worker``)
is started next to the web server; without one, the web process delivers
in-process (``NOTIFICATIONS_DELIVERY=auto`` resolves to ``inline``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from wasl import PROJECT_ROOT
from wasl.db import db
from wasl.notifications import config
from wasl.notifications.models import Channel, ProviderConfig
from wasl.ratelimit import redis_answers
from wasl.tenancy.scope import tenant_scope


def console_providers(tenants) -> int:
    """Give each association a console provider on every channel it has not configured; returns how many."""
    added = 0
    for tenant in tenants:
        with tenant_scope(db.session, tenant.id):
            have = {str(c) for c in db.session.scalars(select(ProviderConfig.channel))}
            for channel in Channel:
                if channel.value not in have:
                    db.session.add(ProviderConfig(channel=channel, provider="console", settings={}))
                    added += 1
    db.session.commit()
    return added


def _running(pid_file: Path) -> int | None:
    try:
        pid = int(pid_file.read_text())
        os.kill(pid, 0)
    except (OSError, ValueError):
        return None
    return pid


def start_worker() -> tuple[int, Path]:
    """A worker in the background (same process group, so Ctrl-C stops it with the server)."""
    instance = Path(current_app.instance_path)
    pid_file, log_file = instance / "worker.pid", instance / "worker.log"
    pid = _running(pid_file)
    if pid is None:
        with open(log_file, "ab") as log:
            process = subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "worker"],
                                       cwd=str(PROJECT_ROOT), stdout=log, stderr=subprocess.STDOUT)
        pid = process.pid
        pid_file.write_text(str(pid))
    return pid, log_file


def _where_messages_go() -> str:
    folder = current_app.config.get("NOTIFICATIONS_CONSOLE_OUTBOX")
    if folder:
        return (f"each message (sign-in codes included) is written to {folder}/<association id>/; "
                "the logs show only masked addresses.")
    return "the logs show only masked addresses; set NOTIFICATIONS_CONSOLE_OUTBOX to keep whole messages."


def prepare_demo_delivery(tenants, echo) -> str:
    """Set up delivery for the demo and say how messages will go out; returns the mode chosen."""
    console_providers(tenants)
    url = config.setting("REDIS_URL")
    if config.setting("DELIVERY") in ("rq", "auto") and redis_answers(url, 0.5):
        pid, log_file = start_worker()
        echo(f"\nNotifications: an RQ worker (pid {pid}) delivers them from Redis at {url} (log: {log_file}); "
             f"{_where_messages_go()}")
        return "rq"
    echo(f"\nNotifications: Redis at {url} does not answer, so the web process delivers them in-process "
         f"(NOTIFICATIONS_DELIVERY=inline); {_where_messages_go()}")
    return "inline"
