"""Benchmark data in the peer harness's shape: 20 associations, 200 staff, 100,000 cases.

Mirrors ``shared/bench/peer_helpdesk/seed.py``: 10 staff per association, cases
spread unevenly (the largest association holds about 18,000), 2-5 timeline
events per case (about 3.5), 80 % assigned. Rows go in through the ORM's bulk
INSERT as the application role, one association at a time under its tenant
scope, so row-level security checks every row. Writes ``targets.json`` next to
the database results for ``run_cases_bench.sh``.

    .venv/bin/python bench/seed_cases.py --database-url … --owner-url … --out bench/results/targets.json
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
BENCH_PASSWORD = "bench-pass-123"
SEEDS = ("wefaq", "shaair", "modeem", "hope", "quwayiyah")
FIRST = ["محمد", "أحمد", "فاطمة", "نورة", "عبدالله", "سارة", "خالد", "ريم", "سلطان", "منى", "فهد", "هند"]
LAST = ["الحربي", "الزهراني", "القحطاني", "الغامدي", "العتيبي", "الشهري", "الدوسري", "المالكي", "عسيري"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True, help="the application role's URL")
    parser.add_argument("--owner-url", required=True, help="the schema owner's URL (runs migrations)")
    parser.add_argument("--tenants", type=int, default=20)
    parser.add_argument("--staff-per-tenant", type=int, default=10)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--largest", type=int, default=18_317)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", type=Path, required=True)
    return parser.parse_args()


def tenant_sizes(total: int, tenants: int, largest: int, rng: random.Random) -> list[int]:
    """The largest association first, the rest uneven around the median, summing to ``total``."""
    rest = total - largest
    weights = [rng.uniform(0.6, 1.7) for _ in range(tenants - 1)]
    scale = rest / sum(weights)
    sizes = [int(w * scale) for w in weights]
    sizes[0] += rest - sum(sizes)
    return [largest, *sizes]


def tenant_folder(base: Path, index: int) -> Path:
    """A copy of one of the five seed associations under a new slug."""
    seed = SEEDS[index % len(SEEDS)]
    folder = base / f"bench-{index + 1:02d}"
    folder.mkdir(parents=True)
    definition = yaml.safe_load((ROOT / "tenants" / seed / "tenant.yaml").read_text(encoding="utf-8"))
    definition["slug"] = folder.name
    definition["name"] = {"ar": f"{definition['name']['ar']} ({index + 1})",
                          "en": f"{definition['name']['en']} ({index + 1})"}
    (folder / "tenant.yaml").write_text(yaml.safe_dump(definition, allow_unicode=True), encoding="utf-8")
    (folder / "policy.yaml").write_text((ROOT / "tenants" / seed / "policy.yaml").read_text(encoding="utf-8"),
                                        encoding="utf-8")
    return folder


def national_id(rng: random.Random) -> str:
    body = str(rng.choice((1, 2))) + "".join(str(rng.randrange(10)) for _ in range(8))
    total = 0
    for position, digit in enumerate(int(c) for c in body):
        doubled = digit * 2 if position % 2 == 0 else digit
        total += doubled - 9 if doubled > 9 else doubled
    return body + str((10 - total % 10) % 10)


def main() -> int:
    args = parse_args()
    os.environ["WASL_MIGRATION_DATABASE_URL"] = args.owner_url
    os.environ.setdefault("WASL_ENV", "test")
    sys.path.insert(0, str(ROOT))
    from flask_migrate import upgrade

    from wasl import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": args.database_url, "RATELIMIT_STORAGE_URI": "memory://"})
    rng = random.Random(args.seed)
    timings = {}
    with app.app_context():
        started = time.perf_counter()
        upgrade(directory=app.extensions["migrate"].directory, revision="heads")
        timings["migrate_s"] = round(time.perf_counter() - started, 1)
        targets = seed(args, rng, timings)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({**targets, "timings": timings}, indent=2), encoding="utf-8")
    print(json.dumps(timings))
    return 0


def seed(args, rng: random.Random, timings: dict) -> dict:
    from wasl.db import db
    from wasl.onboarding.definitions import onboard

    started = time.perf_counter()
    sizes = tenant_sizes(args.cases, args.tenants, args.largest, rng)
    with tempfile.TemporaryDirectory() as tmp:
        tenants = [onboard(tenant_folder(Path(tmp), i)).tenant for i in range(args.tenants)]
        db.session.commit()
    timings["tenants_s"] = round(time.perf_counter() - started, 1)
    started = time.perf_counter()
    from wasl.accounts.passwords import hash_password

    password_hash = hash_password(BENCH_PASSWORD)
    staff = {tenant.id: make_staff(tenant, args.staff_per_tenant, password_hash) for tenant in tenants}
    db.session.commit()
    timings["staff_s"] = round(time.perf_counter() - started, 1)
    started = time.perf_counter()
    case_ids = {}
    for tenant, size in zip(tenants, sizes, strict=True):
        case_ids[tenant.id] = seed_tenant_cases(tenant, size, staff[tenant.id], rng)
    timings["cases_s"] = round(time.perf_counter() - started, 1)
    db.session.commit()
    analyze(args.owner_url)
    largest = tenants[0]
    return {
        **create_form_values(largest),
        "slug": largest.slug,
        "user": staff[largest.id][0][0],
        "password": BENCH_PASSWORD,
        "case_ids": rng.sample(case_ids[largest.id], min(1000, len(case_ids[largest.id]))),
        "cases_in_largest": sizes[0],
        "sizes": sizes,
    }


def analyze(owner_url: str) -> None:
    """Fresh planner statistics, as the peer's seed takes; only the tables' owner may gather them."""
    from sqlalchemy import create_engine, text

    from wasl.db import db

    engine = create_engine(owner_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        for table in db.metadata.sorted_tables:
            connection.execute(text(f'ANALYZE "{table.name}"'))
    engine.dispose()


def create_form_values(tenant) -> dict:
    """Valid values for the intake form of ``tenant``: an existing beneficiary, a service, a channel."""
    from sqlalchemy import select

    from wasl.beneficiaries.models import Beneficiary
    from wasl.cases.catalogue import Catalogue
    from wasl.db import db
    from wasl.policy.services import published_version
    from wasl.tenancy.scope import tenant_scope

    with tenant_scope(db.session, tenant.id):
        catalogue = Catalogue(published_version(tenant).content)
        beneficiary_id = db.session.scalars(select(Beneficiary.id).limit(1)).one()
    return {"beneficiary_id": beneficiary_id, "service": (list(catalogue.services) or ["general"])[0],
            "channel": catalogue.enabled_channels[0]}


def make_staff(tenant, count: int, password_hash: str) -> list[tuple[str, int]]:
    from wasl.accounts.services import create_user, grant_membership

    people = []
    for n in range(count):
        role = "relations_officer" if n == 0 else ("supervisor" if n % 3 == 0 else "relations_officer")
        user = create_user(f"staff{n + 1:02d}@{tenant.slug}.bench", f"موظف {n + 1}")
        user.password_hash = password_hash  # one argon2 hash for all: seeding speed, not security, matters here
        grant_membership(user, tenant, role)
        people.append((user.email, user.id))
    return people


def seed_tenant_cases(tenant, size: int, staff: list, rng: random.Random) -> list[int]:
    from sqlalchemy import insert, select

    from wasl.cases.catalogue import Catalogue
    from wasl.cases.models import Case, CaseEvent
    from wasl.db import db
    from wasl.policy.services import published_version
    from wasl.tenancy.scope import tenant_scope
    from wasl.tenancy.sequences import TenantSequence

    with tenant_scope(db.session, tenant.id):
        version = published_version(tenant)
        catalogue = Catalogue(version.content)
        beneficiary_ids = insert_beneficiaries(tenant, max(1, int(size * 0.6)), rng)
        now = datetime.now(UTC)
        rows = [case_row(tenant, version, catalogue, n, beneficiary_ids, staff, now, rng) for n in range(size)]
        for start in range(0, len(rows), 5000):
            db.session.execute(insert(Case), rows[start:start + 5000])
        ids = list(db.session.scalars(select(Case.id)))
        created = dict(db.session.execute(select(Case.id, Case.created_at)).all())
        events = [e for case_id in ids for e in case_events(tenant.id, case_id, created[case_id], staff, rng)]
        for start in range(0, len(events), 10000):
            db.session.execute(insert(CaseEvent), events[start:start + 10000])
        db.session.add(TenantSequence(name=f"case-{now.year}", value=size))
        db.session.commit()
    return ids


def insert_beneficiaries(tenant, count: int, rng: random.Random) -> list[int]:
    from sqlalchemy import insert, select

    from wasl.beneficiaries.models import MOBILE_KIND, NATIONAL_ID_KIND, Beneficiary
    from wasl.beneficiaries.names import search_text
    from wasl.crypto import blind_index, encrypt
    from wasl.db import db

    rows, seen = [], set()
    while len(rows) < count:
        nid = national_id(rng)
        if nid in seen:
            continue
        seen.add(nid)
        mobile = "+9665" + "".join(str(rng.randrange(10)) for _ in range(8))
        name = f"{rng.choice(FIRST)} {rng.choice(FIRST)} {rng.choice(LAST)}"
        rows.append({
            "tenant_id": tenant.id, "national_id_encrypted": encrypt(nid), "id_kind": "citizen" if nid[0] == "1" else "resident",
            "national_id_index": blind_index(NATIONAL_ID_KIND, nid, tenant.id),
            "full_name_ar": name, "name_search": search_text(name, None),
            "mobile_encrypted": encrypt(mobile), "mobile_index": blind_index(MOBILE_KIND, mobile, tenant.id),
            "gender": rng.choice(("male", "female")), "preferred_language": "ar", "preferred_channel": "sms",
        })
    for start in range(0, len(rows), 5000):
        db.session.execute(insert(Beneficiary), rows[start:start + 5000])
    return list(db.session.scalars(select(Beneficiary.id)))


STATUS_MIX = (("closed", 0.60), ("open", 0.23), ("rejected", 0.15), ("withdrawn", 0.02))


def case_row(tenant, version, catalogue, n, beneficiary_ids, staff, now, rng) -> dict:
    created = now - timedelta(seconds=rng.randrange(2 * 365 * 24 * 3600))
    status = rng.choices([s for s, _ in STATUS_MIX], [w for _, w in STATUS_MIX])[0]
    steps = catalogue.step_types
    step = steps[-1] if status == "closed" else rng.choice(steps)
    spec = catalogue.step(step)
    services = list(catalogue.services) or ["general"]
    return {
        "tenant_id": tenant.id, "number": f"B{tenant.id:02d}-{created.year}-{n + 1:06d}",
        "beneficiary_id": rng.choice(beneficiary_ids), "policy_version_id": version.id,
        "service_key": rng.choice(services), "channel": rng.choice(catalogue.enabled_channels),
        "step": step, "status": status, "waiting_role": spec.responsible_role if status == "open" else None,
        "priority": rng.choice(("low", "normal", "normal", "high")),
        "assignee_id": rng.choice(staff)[1] if rng.random() < 0.8 else None,
        "received_on": created.date(), "review_round": 1,
        "decision_due_on": (created + timedelta(days=14)).date(),
        "created_at": created, "updated_at": created, "lock_version": 1,
    }


def case_events(tenant_id: int, case_id: int, created: datetime, staff, rng) -> list[dict]:
    """2-5 entries: the opening, reception notes, and the reception's completion last."""
    count = rng.randint(2, 5)
    events = [{"tenant_id": tenant_id, "case_id": case_id, "kind": "opened", "step": "reception",
               "actor_id": rng.choice(staff)[1], "details": {}, "created_at": created}]
    for k in range(1, count):
        kind = "interaction_recorded" if k < count - 1 else "reception_completed"
        events.append({"tenant_id": tenant_id, "case_id": case_id, "kind": kind, "action": kind,
                       "step": "reception", "actor_id": rng.choice(staff)[1],
                       "details": {"notes": "متابعة الطلب مع المستفيد", "enquiries": []},
                       "created_at": created + timedelta(hours=k)})
    return events


if __name__ == "__main__":
    sys.exit(main())
