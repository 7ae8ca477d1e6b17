"""Does a small association stay as fast when the platform holds many more? Case list and case page, in process.

    .venv/bin/python bench/tenant_scale.py [--associations 20,1000] [--cases-each 100] [--requests 200]
        [--rounds 4]

For each platform size a fresh PostgreSQL database is filled through the
benchmark seed (``bench/seed_cases.py``: onboarding, staff, cases with their
timeline, as the application role under row-level security). Then, in rounds
that alternate the order of the sizes, one association's member of staff (signed
in through the real form) asks for the case list and case pages of their own
association, and two more associations are onboarded through the operator's
onboarding service. Prints p50/p95 per size over all rounds and the ratio of the
largest to the smallest; drops its databases.
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


def signed_in(app_url: str, targets: dict):
    from profile_case_page import signed_in_client

    from wasl import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": app_url, "RATELIMIT_STORAGE_URI": "memory://"})
    return app, signed_in_client(app, targets)


def measure_round(app, client, targets: dict, requests: int, first_number: int) -> dict:
    """One round on one platform: the case list and case pages of the association, then two onboardings."""
    from onboarding_scale import _request
    from profile_case_page import measure

    from wasl.db import db
    from wasl.operator.onboarding import onboard_association

    pages = [f"/{targets['slug']}/cases/{case_id}" for case_id in targets["case_ids"]]
    result = {}
    for label, urls in (("case list", [f"/{targets['slug']}/cases"]), ("case page", pages)):
        measure(client, urls, 20)
        result[label] = measure(client, urls, requests)
    onboardings = []
    with app.app_context():
        for n in (first_number, first_number + 1):
            started = time.perf_counter()
            onboard_association(_request(n), via="bench")
            db.session.commit()
            onboardings.append((time.perf_counter() - started) * 1000)
        db.session.remove()
    result["onboarding"] = onboardings
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--associations", default="20,1000")
    parser.add_argument("--cases-each", type=int, default=100)
    parser.add_argument("--requests", type=int, default=200, help="of each page per round")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--pg-admin-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    from cryptography.fernet import Fernet

    os.environ.update({"WASL_ENV": "test", "WASL_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
                       "WASL_BLIND_INDEX_KEY": secrets.token_urlsafe(48), "LOGIN_RATE_LIMIT": "1000 per minute",
                       "WASL_INSTANCE_PATH": tempfile.mkdtemp(prefix="wasl-scale-")})
    from sqlalchemy import create_engine, text

    from tests.support.databases import prepare_postgres

    sizes = [int(n) for n in args.associations.split(",")]
    names = {count: f"wasl_scale_{secrets.token_hex(3)}" for count in sizes}
    try:
        platforms = {}
        for count in sizes:  # every platform is filled first, then all are measured in turn
            database = prepare_postgres(args.pg_admin_url, names[count])
            started = time.perf_counter()
            targets = fill(database.app_url, database.owner_url, count, args.cases_each)
            targets["case_ids"] = targets["case_ids"][:100]
            print(json.dumps({"associations": count, "seeded_s": round(time.perf_counter() - started, 1)}),
                  flush=True)
            platforms[count] = (*signed_in(database.app_url, targets), targets)
        # Rounds alternate the order, so a machine that is slower for a while weighs on every size alike.
        pooled = {count: {"case list": [], "case page": [], "onboarding": []} for count in sizes}
        for round_number in range(args.rounds):
            order = sizes if round_number % 2 == 0 else sizes[::-1]
            for count in order:
                app, client, targets = platforms[count]
                result = measure_round(app, client, targets, args.requests, 90_000 + 10 * round_number)
                for label, times in result.items():
                    pooled[count][label].extend(times)
                print(json.dumps({"round": round_number, "associations": count, "load_average": os.getloadavg(),
                                  **{label: round(statistics.median(times), 1) for label, times in result.items()}}),
                      flush=True)
    finally:
        admin = create_engine(args.pg_admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            for name in names.values():
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    report(pooled, args.cases_each)


def report(pooled: dict, cases_each: int) -> None:
    def p50_p95(times: list[float]) -> tuple[float, float]:
        return statistics.median(times), statistics.quantiles(times, n=20)[18]

    sizes = list(pooled)
    print(f"\n| associations × {cases_each:,} cases | case list p50 / p95 ms | case page p50 / p95 ms "
          "| onboarding one more, median ms |")
    print("| ---: | ---: | ---: | ---: |")
    for count in sizes:
        (lm, lp), (pm, pp) = p50_p95(pooled[count]["case list"]), p50_p95(pooled[count]["case page"])
        print(f"| {count:,} | {lm:.1f} / {lp:.1f} | {pm:.1f} / {pp:.1f} | "
              f"{statistics.median(pooled[count]['onboarding']):.0f} |")
    small, large = pooled[sizes[0]], pooled[sizes[-1]]
    for label in ("case list", "case page"):
        print(f"{label}: p95 with {sizes[-1]:,} ÷ with {sizes[0]:,} = "
              f"{p50_p95(large[label])[1] / p50_p95(small[label])[1]:.2f}")
    print(f"onboarding: median with {sizes[-1]:,} ÷ with {sizes[0]:,} = "
          f"{statistics.median(large['onboarding']) / statistics.median(small['onboarding']):.2f}")
    import subprocess

    print("nproc:", subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip())
    print(subprocess.run(["free", "-h"], capture_output=True, text=True).stdout.rstrip())


if __name__ == "__main__":
    main()
