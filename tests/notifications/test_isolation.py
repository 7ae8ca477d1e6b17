"""Row-level security guards the outbox even from raw SQL run in another association's scope."""

import pytest
from sqlalchemy import text

from tests.notifications.conftest import MOBILE, configure
from wasl.db import db
from wasl.notifications import Recipient, notify
from wasl.tenancy.scope import tenant_scope

pytestmark = pytest.mark.postgres


def test_raw_sql_in_one_association_sees_and_changes_nothing_of_another(factory, db_session):
    mine, theirs = factory.tenant(), factory.tenant()
    with tenant_scope(db.session, theirs.id):
        configure("sms", "console")
        row = notify(theirs.id, "case.received", Recipient(mobile=MOBILE), {"case_number": "1"}, essential=False)
        db.session.flush()
        their_id = row.id
    with tenant_scope(db.session, mine.id):
        seen = db.session.connection().execute(text("SELECT count(*) FROM notification WHERE id = :id"), {"id": their_id})
        assert seen.scalar() == 0
        changed = db.session.connection().execute(text("UPDATE notification SET status = 'sent' WHERE id = :id"),
                                     {"id": their_id})
        assert changed.rowcount == 0
        attempts = db.session.connection().execute(text("SELECT count(*) FROM notification_attempt"))
        assert attempts.scalar() == 0
    with tenant_scope(db.session, theirs.id):
        status = db.session.connection().execute(text("SELECT status FROM notification WHERE id = :id"), {"id": their_id})
        assert status.scalar() == "pending"
