"""A world that commits for real (workers in other processes read it), and removes itself afterwards."""

from __future__ import annotations

import time
from contextlib import contextmanager

from sqlalchemy import create_engine, select

from tests.conftest import make_app
from tests.support.factories import Factory
from wasl.db import db
from wasl.notifications.models import Notification, NotificationAttempt
from wasl.tenancy.models import Tenant
from wasl.tenancy.scope import tenant_scope


class LiveWorld:
    def __init__(self, test_database, **config):
        self.test_database = test_database
        self.app = make_app(test_database, **config)
        self.tenant_ids: list[int] = []
        self.user_ids: list[int] = []

    @contextmanager
    def context(self):
        with self.app.app_context():
            try:
                yield
            finally:
                db.session.rollback()
                db.session.remove()

    def tenant(self) -> int:
        with self.context():
            tenant = Factory(db.session).tenant(f"live-{len(self.tenant_ids)}-{time.time_ns() % 10**9}")
            db.session.commit()
            self.tenant_ids.append(tenant.id)
            return tenant.id

    def member(self, tenant_id: int, role: str = "admin") -> int:
        with self.context():
            factory = Factory(db.session)
            user = factory.member(db.session.get(Tenant, tenant_id), role)
            db.session.commit()
            self.user_ids.append(user.id)
            return user.id

    def token(self, user_id: int) -> str:
        from wasl.accounts.models import User
        from wasl.accounts.services import issue_token

        with self.context():
            raw = issue_token(db.session.get(User, user_id), "tests")
            db.session.commit()
            return raw

    def user(self, user_id: int):
        from wasl.accounts.models import User

        with self.context():
            user = db.session.get(User, user_id)
            db.session.expunge(user)
            return user

    def slug(self, tenant_id: int) -> str:
        with self.context():
            return db.session.get(Tenant, tenant_id).slug

    @contextmanager
    def scoped(self, tenant_id: int):
        """An app context with the association in scope; commit inside to make things real."""
        with self.context(), tenant_scope(db.session, tenant_id):
            yield

    def notifications(self, tenant_id: int) -> list[dict]:
        with self.scoped(tenant_id):
            rows = db.session.scalars(select(Notification).order_by(Notification.id)).all()
            return [{"id": r.id, "status": str(r.status), "attempts": r.attempts, "key": r.idempotency_key,
                     "provider_message_id": r.provider_message_id, "last_error": r.last_error} for r in rows]

    def attempts(self, tenant_id: int, notification_id: int) -> list[dict]:
        with self.scoped(tenant_id):
            rows = db.session.scalars(select(NotificationAttempt)
                                      .where(NotificationAttempt.notification_id == notification_id)
                                      .order_by(NotificationAttempt.number)).all()
            return [{"number": a.number, "outcome": a.outcome and str(a.outcome), "status_code": a.status_code,
                     "started_at": a.started_at} for a in rows]

    def wait_until(self, tenant_id: int, predicate, timeout: float = 60) -> list[dict]:
        deadline = time.monotonic() + timeout
        while True:
            rows = self.notifications(tenant_id)
            if predicate(rows) or time.monotonic() > deadline:
                return rows
            time.sleep(0.2)

    def remove(self) -> None:
        """Delete everything the world made, as the schema owner (audit rows are append-only for the app)."""
        from wasl.notifications import inline

        inline.stop(self.app)  # an in-process delivery thread must not outlive its test
        url = self.test_database.owner_url or self.test_database.app_url
        engine = create_engine(url)
        ids, users = self.tenant_ids, self.user_ids
        with engine.begin() as conn:
            for table in reversed(db.metadata.sorted_tables):
                if "tenant_id" in table.c and ids:
                    conn.execute(table.delete().where(table.c.tenant_id.in_(ids)))
            if ids:
                conn.execute(Tenant.__table__.delete().where(Tenant.__table__.c.id.in_(ids)))
            if users:
                # Every row kept per person (tokens, authenticators, recovery codes), then the people: on
                # SQLite a later test's user may be given the same id, and must not inherit any of it.
                per_user = [(t.name, "user_id") for t in reversed(db.metadata.sorted_tables)
                            if "user_id" in t.c and "tenant_id" not in t.c]
                for name, column in (("platform_audit_event", "actor_user_id"), *per_user, ("user_account", "id")):
                    table = db.metadata.tables[name]
                    conn.execute(table.delete().where(table.c[column].in_(users)))
        engine.dispose()
        with self.app.app_context():
            db.engine.dispose()
