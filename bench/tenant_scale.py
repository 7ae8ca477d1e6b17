"""Does a small association stay as fast when the platform holds many more? Case list and case page, in process.

    .venv/bin/python bench/tenant_scale.py [--associations 20,1000] [--cases-each 100] [--requests 200]

For each platform size a fresh PostgreSQL database is filled through the
benchmark seed (``bench/seed_cases.py``: onboarding, staff, cases with their
timeline, as the application role under row-level security); then one
association's member of staff signs in through the real form and asks for
the case list and case pages of their own association. Prints p50/p95 per
size and the ratio of the largest to the smallest; drops its databases.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]


def fill(app_url: str, owner_url: str, associations: int, cases_each: int) -> dict:
    """Migrate and seed; returns the sign-in and case ids of the last association onboarded."""
    import seed_cases
    from flask_migrate import upgrade

    from wasl import create_app

    os.environ["WASL_MIGRATION_DATABASE_URL"] = owner_url
    app = create_app({"SQLALCHEMY_DATABASE_URI": app_url, "RATELIMIT_STORAGE_URI": "memory://"})
    total = associations * cases_each
    args = SimpleNamespace(cases=total, tenants=associations, largest=cases_each, staff_per_tenant=2,
                           owner_url=owner_url)
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory, revision="heads")
        seed_cases.tenant_sizes = lambda total, tenants, largest, rng: [cases_each] * tenants  # all the same size
        return seed_cases.seed(args, random.Random(7), {})


def measure_once(app_url: str, targets: dict, requests: int) -> dict:
    from profile_case_page import measure, signed_in_client

    from wasl import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": app_url, "RATELIMIT_STORAGE_URI": "memory://"})
    client = signed_in_client(app, targets)
    pages = [f"/{targets['slug']}/cases/{case_id}" for case_id in targets["case_ids"]]
    result = {}
    for label, urls in (("case list", [f"/{targets['slug']}/cases"]), ("case page", pages)):
        measure(client, urls, 20)
        times = measure(client, urls, requests)
        result[label] = (statistics.median(times), statistics.quantiles(times, n=20)[18])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--associations", default="20,1000")
    parser.add_argument("--cases-each", type=int, default=100)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--pg-admin-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    from cryptography.fernet import Fernet

    os.environ.update({"WASL_ENV": "test", "WASL_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
                       "WASL_BLIND_INDEX_KEY": secrets.token_urlsafe(48), "LOGIN_RATE_LIMIT": "1000 per minute",
                       "WASL_INSTANCE_PATH": tempfile.mkdtemp(prefix="wasl-scale-")})
    from sqlalchemy import create_engine, text

    from tests.support.databases import prepare_postgres

    rows = []
    for count in (int(n) for n in args.associations.split(",")):
        name = f"wasl_scale_{secrets.token_hex(3)}"
        database = prepare_postgres(args.pg_admin_url, name)
        try:
            started = time.perf_counter()
            targets = fill(database.app_url, database.owner_url, count, args.cases_each)
            seeded = time.perf_counter() - started
            targets["case_ids"] = targets["case_ids"][:100]
            rows.append((count, seeded, measure_once(database.app_url, targets, args.requests)))
            print(json.dumps({"associations": count, "seeded_s": round(seeded, 1), "load_average": os.getloadavg(),
                              **rows[-1][2]}), flush=True)
        finally:
            admin = create_engine(args.pg_admin_url, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
    report(rows, args.cases_each)


def report(rows, cases_each: int) -> None:
    print(f"\n| associations × {cases_each} cases | case list p50 / p95 ms | case page p50 / p95 ms |")
    print("| ---: | ---: | ---: |")
    for count, _, result in rows:
        print(f"| {count:,} | {result['case list'][0]:.1f} / {result['case list'][1]:.1f} | "
              f"{result['case page'][0]:.1f} / {result['case page'][1]:.1f} |")
    first, last = rows[0][2], rows[-1][2]
    for label in ("case list", "case page"):
        print(f"{label}: p95 with {rows[-1][0]:,} ÷ with {rows[0][0]:,} = {last[label][1] / first[label][1]:.2f}")
    import subprocess

    print("nproc:", subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip())
    print(subprocess.run(["free", "-h"], capture_output=True, text=True).stdout.rstrip())


if __name__ == "__main__":
    main()
