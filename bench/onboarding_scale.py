"""Does onboarding stay flat as the platform grows? Onboard up to N associations and time each one.

Every association goes through the real onboarding service (tenant, six roles,
letterhead, a policy draft from the standard template, the first admin's
invitation, audit events), committed one at a time, on a fresh database.

    .venv/bin/python bench/onboarding_scale.py --backend sqlite --count 1000
    .venv/bin/python bench/onboarding_scale.py --backend postgresql --count 1000

PostgreSQL is prepared like the test suite's: migrated as the owner role, then
used as the unprivileged application role under row-level security.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "platform")]

CHECKPOINTS = (1, 10, 100, 250, 500, 750, 1000)


def _database(backend: str, folder: str):
    from tests.support import databases

    if backend == "postgresql":
        admin = os.environ.get("WASL_TEST_PG_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
        database = databases.prepare_postgres(admin, "wasl_bench_onboarding")
        os.environ["WASL_MIGRATION_DATABASE_URL"] = database.owner_url
        return database
    return databases.prepare_sqlite(folder)


def _app(database, folder: str):
    os.environ["WASL_INSTANCE_PATH"] = str(Path(folder) / "instance")
    from flask_migrate import upgrade

    from wasl import create_app

    app = create_app({"WASL_ENV": "test", "SQLALCHEMY_DATABASE_URI": database.app_url,
                      "RATELIMIT_STORAGE_URI": "memory://", "WASL_UPLOAD_DIR": str(Path(folder) / "uploads")})
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory, revision="heads")
    return app


def _request(n: int):
    from wasl.operator.onboarding import OnboardingRequest
    from wasl.operator.policy_start import PolicyStart

    definition = {
        "slug": f"bench-{n:05d}",
        "name": {"ar": f"جمعية القياس رقم {n}", "en": f"Benchmark Association {n}"},
        "registration_number": str(10000 + n),
        "city": {"ar": "الرياض", "en": "Riyadh"},
        "contacts": {"phone": "+966112345678"},
        "social": [],
        "default_locale": "ar",
        "terminology": {"beneficiary": {"ar": "المستفيد", "en": "beneficiary"},
                        "beneficiaries": {"ar": "المستفيدين", "en": "beneficiaries"}},
        "letterhead": {},
    }
    logo = (b'<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8" '
            b'fill="#%06x"/></svg>' % n)
    return OnboardingRequest(definition=definition, admin_email=f"admin{n}@bench.example.org",
                             policy=PolicyStart("standard"), logo=logo)


def run(backend: str, count: int) -> list[float]:
    from wasl.db import db
    from wasl.operator.onboarding import onboard_association

    folder = tempfile.mkdtemp(prefix="wasl-bench-onboarding-")
    app = _app(_database(backend, folder), folder)
    timings = []
    with app.app_context():
        for n in range(1, count + 1):
            started = time.perf_counter()
            onboard_association(_request(n), via="bench")
            db.session.commit()
            timings.append(time.perf_counter() - started)
            db.session.expunge_all()
        db.session.remove()
        db.engine.dispose()
    return timings


def report(backend: str, timings: list[float]) -> None:
    def ms(value: float) -> str:
        return f"{value * 1000:7.1f} ms"

    print(f"\nonboarding on {backend}: {len(timings)} associations")
    for point in CHECKPOINTS:
        if point <= len(timings):
            print(f"  association #{point:<5} {ms(timings[point - 1])}")
    head, tail = timings[:10], timings[-10:]
    print(f"  median of the first 10  {ms(statistics.median(head))}")
    print(f"  median of the last 10   {ms(statistics.median(tail))}")
    print(f"  last / first (medians of 10): {statistics.median(tail) / statistics.median(head):.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    report(args.backend, run(args.backend, args.count))


if __name__ == "__main__":
    main()
