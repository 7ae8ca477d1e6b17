"""Two staff registering the same person at the same moment: one record, and the other told who it is."""

import threading
import time

import pytest

from tests.beneficiaries.conftest import person
from tests.beneficiaries.test_sequences import _committed_tenant, _remove_tenant
from wasl.beneficiaries.services import DuplicateBeneficiary, register_beneficiary
from wasl.db import db
from wasl.tenancy.scope import tenant_scope


@pytest.mark.postgres
@pytest.mark.no_db_session
def test_simultaneous_registrations_of_one_id_end_in_one_record(app):
    tenant_id = _committed_tenant(app)
    first_inserted = threading.Event()
    outcome = {}

    def first():
        with app.app_context(), tenant_scope(db.session, tenant_id):
            outcome["first"] = register_beneficiary(person(), None).id
            first_inserted.set()
            time.sleep(0.4)  # still uncommitted while the second one checks and inserts
            db.session.commit()
            db.session.remove()

    def second():
        first_inserted.wait()
        with app.app_context(), tenant_scope(db.session, tenant_id):
            try:
                register_beneficiary(person(full_name_ar="نفس الشخص"), None)
                outcome["second"] = "created"
            except DuplicateBeneficiary as duplicate:
                outcome["second"] = duplicate.existing.id
            db.session.rollback()
            db.session.remove()

    try:
        threads = [threading.Thread(target=first), threading.Thread(target=second)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(10)
        assert outcome["second"] == outcome["first"]
    finally:
        _remove_tenant(tenant_id)
