"""In process: what a worker allocates while it serves pages (tracemalloc), for bench/web_memory.py --tracemalloc.

Builds the app as gunicorn would, signs in through the test client, serves a first round of every page
kind (what any worker holds once warm) and a second round, and prints what grew in each, by file.
"""

from __future__ import annotations

import os
import re
import sys
import tracemalloc
import urllib.parse
from pathlib import Path

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def rss_mib() -> float:
    status = Path("/proc/self/status").read_text().splitlines()
    return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:")) / 1024


def serve(client, targets: dict, csrf: str, pages: int) -> None:
    slug, ids = targets["slug"], targets["case_ids"]
    form = {"stage": "open", "beneficiary_id": targets["beneficiary_id"], "service": targets["service"],
            "channel": targets["channel"], "priority": "normal", "assignee_id": "", "csrf_token": csrf}
    for n in range(pages):
        client.get(f"/{slug}/cases")
        client.get(f"/{slug}/cases/{ids[n % len(ids)]}")
        client.post(f"/{slug}/cases/new", data=urllib.parse.urlencode({**form, "description": f"m {n}"}),
                    content_type="application/x-www-form-urlencoded")


def top_growth(before, after, limit: int = 25) -> list[str]:
    stats = after.compare_to(before, "filename")
    return [f"  {s.size_diff / 1024:9.1f} KiB  {s.count_diff:7d} blocks  {_shown(s.traceback[0].filename)}"
            for s in stats[:limit]]


def caches(app) -> str:
    from wasl.db import db

    with app.app_context():
        compiled = len(db.engine._compiled_cache)
    templates = len(app.jinja_env.cache or {})
    modules = sum(1 for name in sys.modules if not name.startswith("_"))
    return f"  caches: {compiled} compiled SQL statements, {templates} compiled templates, {modules} modules"


def report_growth(targets: dict, env: dict, pages: int) -> str:
    os.environ.update(env)
    tracemalloc.start()
    from wasl import create_app

    app = create_app()
    started = tracemalloc.take_snapshot()
    lines = [f"after create_app: RSS {rss_mib():.1f} MiB, traced {tracemalloc.get_traced_memory()[0] >> 20} MiB"]
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    client.post("/login", data={"email": targets["user"], "password": targets["password"],
                                "csrf_token": CSRF.search(page).group(1)})
    csrf = CSRF.search(client.get(f"/{targets['slug']}/cases/new").get_data(as_text=True)).group(1)
    serve(client, targets, csrf, 20)
    warm = tracemalloc.take_snapshot()
    lines.append(f"after 20 of each page: RSS {rss_mib():.1f} MiB, traced "
                 f"{tracemalloc.get_traced_memory()[0] >> 20} MiB; grew since create_app:")
    lines.append(caches(app))
    lines += top_growth(started, warm)
    serve(client, targets, csrf, pages)
    served = tracemalloc.take_snapshot()
    lines.append(f"after {pages} more of each: RSS {rss_mib():.1f} MiB, traced "
                 f"{tracemalloc.get_traced_memory()[0] >> 20} MiB; grew since the first 20:")
    lines.append(caches(app))
    lines += top_growth(warm, served)
    return "\n".join(lines)


def _shown(filename: str) -> str:
    """A file named from the libraries' or the project's root, so the output names no folder of this machine."""
    import sysconfig

    for marker in ("site-packages/", "platform/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    standard = sysconfig.get_paths()["stdlib"] + "/"
    return "<stdlib>/" + filename[len(standard):] if filename.startswith(standard) else filename

