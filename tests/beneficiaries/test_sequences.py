"""Per-association counters: gap-free, separate per association and name, safe under concurrency."""

import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import create_engine, text

from wasl.db import db
from wasl.tenancy.models import Tenant
from wasl.tenancy.scope import TenantScopeViolation, tenant_scope
from wasl.tenancy.sequences import next_number


def test_counts_from_one_per_tenant_and_name(factory):
    first, second = factory.tenant(), factory.tenant()
    with tenant_scope(db.session, first.id):
        assert [next_number(first.id, "file") for _ in range(3)] == [1, 2, 3]
        assert next_number(first.id, "case") == 1
    with tenant_scope(db.session, second.id):
        assert next_number(second.id, "file") == 1


def test_a_rolled_back_number_is_given_again(factory):
    tenant = factory.tenant()
    with tenant_scope(db.session, tenant.id):
        assert next_number(tenant.id, "file") == 1
        savepoint = db.session.begin_nested()
        assert next_number(tenant.id, "file") == 2
        savepoint.rollback()
        assert next_number(tenant.id, "file") == 2


def test_refuses_a_tenant_outside_the_scope(factory):
    mine, theirs = factory.tenant(), factory.tenant()
    with tenant_scope(db.session, mine.id), pytest.raises(TenantScopeViolation):
        next_number(theirs.id, "file")


def _committed_tenant(app) -> int:
    with app.app_context():
        slug = f"seq-{uuid.uuid4().hex[:10]}"
        tenant = Tenant(slug=slug, name_ar="جمعية التزامن", name_en="Concurrency")
        db.session.add(tenant)
        db.session.commit()
        tenant_id = tenant.id
        db.session.remove()
    return tenant_id


def _remove_tenant(tenant_id: int) -> None:
    import os

    owner = create_engine(os.environ["WASL_MIGRATION_DATABASE_URL"])
    with owner.begin() as conn:
        for table in ("tenant_sequence", "audit_event", "beneficiary_consent", "beneficiary"):
            conn.execute(text(f"DELETE FROM {table} WHERE tenant_id = :t"), {"t": tenant_id})
        conn.execute(text("DELETE FROM tenant WHERE id = :t"), {"t": tenant_id})
    owner.dispose()


@pytest.mark.postgres
@pytest.mark.no_db_session
def test_concurrent_transactions_never_share_a_number(app):
    tenant_id = _committed_tenant(app)
    start = threading.Barrier(8)

    def take(count: int) -> list[int]:
        numbers = []
        with app.app_context():
            start.wait()
            for _ in range(count):
                with tenant_scope(db.session, tenant_id):
                    numbers.append(next_number(tenant_id, "case"))
                    time.sleep(0.002)  # hold the row a moment so the others pile up on it
                    db.session.commit()
            db.session.remove()
        return numbers

    try:
        with ThreadPoolExecutor(8) as pool:
            taken = [n for numbers in pool.map(take, [25] * 8) for n in numbers]
        assert sorted(taken) == list(range(1, 201))
    finally:
        _remove_tenant(tenant_id)


@pytest.mark.postgres
@pytest.mark.no_db_session
def test_a_second_transaction_waits_for_the_first(app):
    tenant_id = _committed_tenant(app)
    first_has_number = threading.Event()
    results = {}

    def first():
        with app.app_context(), tenant_scope(db.session, tenant_id):
            results["first"] = next_number(tenant_id, "file")
            first_has_number.set()
            time.sleep(0.4)
            db.session.commit()
            db.session.remove()

    def second():
        first_has_number.wait()
        with app.app_context(), tenant_scope(db.session, tenant_id):
            began = time.monotonic()
            results["second"] = next_number(tenant_id, "file")
            results["waited"] = time.monotonic() - began
            db.session.commit()
            db.session.remove()

    try:
        threads = [threading.Thread(target=first), threading.Thread(target=second)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(10)
        assert (results["first"], results["second"]) == (1, 2)
        assert results["waited"] > 0.2
    finally:
        _remove_tenant(tenant_id)
