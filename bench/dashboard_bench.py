"""Dashboard, scorecard and transparency figures on the 100,000-case benchmark data, in process.

    .venv/bin/python bench/dashboard_bench.py [--cases 100000] [--repeat 20] [--keep]

Seeds (``bench/seed_cases.py``) a fresh PostgreSQL database of 20 associations and 100,000
cases, then, as the application role under row-level security, times the service function
behind each page for the largest association (about 18,000 cases) over the default period
and over the last two years, and counts the SQL statements each sends. Prints the figures and
the machine. Not a test; the database is dropped afterwards unless ``--keep``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--database", default="wasl_dashboard_bench")
    parser.add_argument("--keep", action="store_true", help="leave the benchmark database in place")
    return parser.parse_args()


def seeded(args, out: Path) -> tuple[str, dict]:
    from tests.support.databases import prepare_postgres

    database = prepare_postgres(ADMIN_URL, args.database)
    subprocess.run([sys.executable, str(ROOT / "bench" / "seed_cases.py"), "--database-url", database.app_url,
                    "--owner-url", database.owner_url, "--cases", str(args.cases), "--out", str(out)],
                   check=True, cwd=str(ROOT), env=dict(os.environ, WASL_ENV="test"))
    return database.app_url, json.loads(out.read_text(encoding="utf-8"))


def timed(call, repeat: int) -> tuple[float, float, int]:
    """Median and worst milliseconds over ``repeat`` calls after one warm-up, and the statements of one call."""
    from sqlalchemy import event

    from wasl.db import db

    call()
    sent = []
    listener = lambda *a: sent.append(1)  # noqa: E731 - a counter, nothing more
    event.listen(db.engine, "before_cursor_execute", listener)
    call()
    event.remove(db.engine, "before_cursor_execute", listener)
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        runs.append((time.perf_counter() - started) * 1000)
    return statistics.median(runs), max(runs), len(sent)


def measure(app_url: str, slug: str, repeat: int) -> list[tuple[str, float, float, int]]:
    from sqlalchemy import select

    from wasl import create_app
    from wasl.cases.catalogue import catalogue_of
    from wasl.dashboards.services import dashboard, period_of
    from wasl.db import db, utcnow
    from wasl.i18n.dates import local_date
    from wasl.policy.services import published_version
    from wasl.scorecard.services import scorecard
    from wasl.tenancy.models import Tenant
    from wasl.tenancy.scope import tenant_scope
    from wasl.transparency.figures import transparency

    app = create_app({"SQLALCHEMY_DATABASE_URI": app_url, "RATELIMIT_STORAGE_URI": "memory://"})
    rows = []
    with app.test_request_context(f"/{slug}/dashboard?lang=ar"):
        tenant = db.session.scalar(select(Tenant).where(Tenant.slug == slug))
        with tenant_scope(db.session, tenant.id):
            version = published_version(tenant)
            catalogue = catalogue_of(version)
            today = local_date(utcnow())
            two_years = {"from": today - timedelta(days=729), "to": today}
            year = period_of({"from": today - timedelta(days=364)}, today, catalogue)
            for name, call in (
                ("dashboard, last 90 days", lambda: dashboard(tenant, version, {})),
                ("dashboard, last two years", lambda: dashboard(tenant, version, dict(two_years))),
                ("scorecard, last 12 months", lambda: scorecard(version, year)),
                ("transparency figures, last 12 months", lambda: transparency(year, catalogue, "ar")),
            ):
                rows.append((name, *timed(call, repeat)))
                db.session.rollback()
        db.session.remove()
        db.engine.dispose()
    return rows


def drop(database: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
    engine.dispose()


def main() -> int:
    args = parse_args()
    sys.path.insert(0, str(ROOT / "platform"))
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("WASL_ENV", "test")
    out = ROOT / "bench" / "results" / "dashboard-targets.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    app_url, targets = seeded(args, out)
    print(f"seeded {args.cases} cases in {time.perf_counter() - started:.0f} s; "
          f"largest association {targets['slug']}")
    try:
        rows = measure(app_url, targets["slug"], args.repeat)
    finally:
        if not args.keep:
            drop(args.database)
    print(f"{'figure':<40} {'median ms':>10} {'worst ms':>10} {'statements':>11}")
    for name, median, worst, statements in rows:
        print(f"{name:<40} {median:>10.1f} {worst:>10.1f} {statements:>11}")
    print("nproc:", subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip())
    print(subprocess.run(["free", "-h"], capture_output=True, text=True).stdout.rstrip())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
