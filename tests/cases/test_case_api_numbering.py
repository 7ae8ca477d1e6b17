"""Case numbers under concurrency: two openings at the same moment, on two connections, never share one."""

from __future__ import annotations

import os
import shutil
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import yaml
from sqlalchemy import create_engine, text

from tests.cases.support import person
from wasl import PROJECT_ROOT
from wasl.accounts.services import create_user, grant_membership
from wasl.cases.services import open_case
from wasl.db import db
from wasl.onboarding.definitions import onboard
from wasl.tenancy.scope import tenant_scope

THREADS, EACH = 2, 6


def _committed_association(app, folder) -> tuple[int, int]:
    with app.app_context():
        result = onboard(folder)
        user = create_user(f"officer-{uuid.uuid4().hex[:8]}@cases.example", "موظف التزامن")
        grant_membership(user, result.tenant, "relations_officer")
        db.session.commit()
        ids = result.tenant.id, user.id
        db.session.remove()
    return ids


def _copy_of_wefaq(tmp_path) -> object:
    slug = f"conc-{uuid.uuid4().hex[:8]}"
    folder = tmp_path / slug
    shutil.copytree(PROJECT_ROOT / "tenants" / "wefaq", folder)
    definition = yaml.safe_load((folder / "tenant.yaml").read_text(encoding="utf-8"))
    definition["slug"] = slug
    (folder / "tenant.yaml").write_text(yaml.safe_dump(definition, allow_unicode=True), encoding="utf-8")
    return folder


def _remove(tenant_id: int, user_id: int) -> None:
    """Delete everything the test committed, as the schema owner; a published policy is kept by a trigger
    that this transaction switches off for itself only (ALTER TABLE is transactional in PostgreSQL)."""
    owner = create_engine(os.environ["WASL_MIGRATION_DATABASE_URL"])
    with owner.begin() as conn:
        conn.execute(text("ALTER TABLE policy_version DISABLE TRIGGER policy_version_frozen"))
        for table in reversed(db.metadata.sorted_tables):
            if "tenant_id" in table.c:
                conn.execute(table.delete().where(table.c.tenant_id == tenant_id))
        conn.execute(text("DELETE FROM user_account WHERE id = :u"), {"u": user_id})
        conn.execute(text("DELETE FROM tenant WHERE id = :t"), {"t": tenant_id})
        conn.execute(text("ALTER TABLE policy_version ENABLE TRIGGER policy_version_frozen"))
    owner.dispose()


@pytest.mark.postgres
@pytest.mark.no_db_session
def test_concurrent_openings_never_get_the_same_number(app, tmp_path):
    tenant_id, user_id = _committed_association(app, _copy_of_wefaq(tmp_path))
    start = threading.Barrier(THREADS)

    def open_some(thread: int) -> list[str]:
        numbers = []
        with app.app_context(), app.test_request_context():
            from wasl.accounts.models import User

            actor = db.session.get(User, user_id)
            for n in range(EACH):
                with tenant_scope(db.session, tenant_id):
                    if n == 0:
                        start.wait()  # both transactions reach the counter together
                    data = {"service": "support_request", "channel": "phone",
                            "beneficiary": person(1000 + thread * 100 + n)}
                    numbers.append(open_case(data, actor).number)
                    db.session.commit()
            db.session.remove()
        return numbers

    try:
        with ThreadPoolExecutor(THREADS) as pool:
            numbers = [number for chunk in pool.map(open_some, range(THREADS)) for number in chunk]
        assert len(numbers) == len(set(numbers)) == THREADS * EACH
        assert sorted(int(n[-6:]) for n in numbers) == list(range(1, THREADS * EACH + 1))
    finally:
        _remove(tenant_id, user_id)
