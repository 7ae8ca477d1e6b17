"""How long does bringing in a 10,000-row register take? Upload, dry run and import, each timed.

A generated register (Arabic headers, Hijri and Gregorian birth dates, the
association's own words for the gender) goes through the real services: the
upload is checked and read, the proposed mapping saved, every row dry-run,
then the import job written as a worker runs it, 500 rows per savepoint.
The same file is imported a second time, which must add nobody.

    .venv/bin/python bench/import_bench.py --backend sqlite --rows 10000
    .venv/bin/python bench/import_bench.py --backend postgresql --rows 10000 --format xlsx

PostgreSQL is prepared like the test suite's: migrated as the owner role, then
used as the unprivileged application role under row-level security.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "platform")]


def _database(backend: str, folder: str):
    from tests.support import databases

    if backend == "postgresql":
        admin = os.environ.get("WASL_TEST_PG_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
        database = databases.prepare_postgres(admin, os.environ.get("WASL_BENCH_PG_DATABASE", "wasl_bench_import"))
        os.environ["WASL_MIGRATION_DATABASE_URL"] = database.owner_url
        return database
    return databases.prepare_sqlite(folder)


def _app(database, folder: str):
    os.environ["WASL_INSTANCE_PATH"] = str(Path(folder) / "instance")
    from flask_migrate import upgrade

    from wasl import create_app

    app = create_app({"WASL_ENV": "test", "SQLALCHEMY_DATABASE_URI": database.app_url,
                      "RATELIMIT_STORAGE_URI": "memory://", "WASL_UPLOAD_DIR": str(Path(folder) / "uploads"),
                      "REDIS_URL": "redis://127.0.0.1:9/0"})
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory, revision="heads")
    return app


def _register(rows: int, file_format: str) -> tuple[bytes, str]:
    from tests.imports.registers import csv_bytes, register_rows, xlsx_bytes

    people, _planted = register_rows(rows)
    if file_format == "xlsx":
        return xlsx_bytes(people), "register.xlsx"
    return csv_bytes(people), "register.csv"


def _timed(label: str, figures: dict, step):
    began = time.perf_counter()
    result = step()
    figures[label] = time.perf_counter() - began
    return result


def _import_once(data: bytes, name: str, tenant_id: int) -> tuple[dict, object]:
    from tests.imports.registers import upload
    from wasl.db import db
    from wasl.imports import services, writing

    figures: dict[str, float] = {}
    job = _timed("upload (checked, read, stored)", figures, lambda: services.upload(upload(data, name), None))
    services.save_mapping(job, services.proposed_mapping(job.headers), None)
    db.session.commit()
    _timed("dry run (every row checked)", figures, lambda: services.dry_run(job, None))
    db.session.commit()
    services.start(job, None)
    db.session.commit()
    _timed("import job (checked again and written)", figures, lambda: writing.run_import(job.id, tenant_id))
    db.session.refresh(job)
    return figures, job


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    args = parser.parse_args()
    from sqlalchemy import func, select

    with tempfile.TemporaryDirectory(prefix="wasl-import-bench-") as folder:
        app = _app(_database(args.backend, folder), folder)
        with app.app_context():
            from wasl.beneficiaries.models import Beneficiary
            from wasl.db import db
            from wasl.tenancy.models import Tenant
            from wasl.tenancy.scope import tenant_scope

            tenant = Tenant(slug="bench-import", name_ar="جمعية قياس الاستيراد", name_en="Import Bench")
            db.session.add(tenant)
            db.session.commit()
            data, name = _register(args.rows, args.format)
            print(f"{args.rows:,} rows, {args.format}, {len(data) / 1024:.0f} KiB, backend {args.backend}")
            with tenant_scope(db.session, tenant.id):
                for run in ("first import", "same file again"):
                    figures, job = _import_once(data, name, tenant.id)
                    total = sum(figures.values())
                    print(f"\n{run}: imported {job.imported_count:,}, skipped {job.skipped_count:,}, "
                          f"failed batches {job.failed_batches}")
                    for label, seconds in figures.items():
                        print(f"  {label:<42} {seconds:7.2f} s")
                    print(f"  {'total':<42} {total:7.2f} s  ({args.rows / total:,.0f} rows/s)")
                people = db.session.scalar(select(func.count(Beneficiary.id)))
            print(f"\nbeneficiaries in the registry: {people:,}")
            db.session.remove()
            db.engine.dispose()


if __name__ == "__main__":
    main()
