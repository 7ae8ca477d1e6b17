"""Building test data through the same services the application uses."""

from __future__ import annotations

from pathlib import Path

from wasl import PROJECT_ROOT
from wasl.accounts.models import Membership, User
from wasl.accounts.services import create_user, grant_membership, issue_token
from wasl.db import db
from wasl.onboarding.definitions import ensure_role_templates, onboard
from wasl.tenancy.models import Tenant
from wasl.tenancy.scope import tenant_scope

PASSWORD = "correct horse battery"
SEED_SLUGS = ("wefaq", "shaair", "modeem", "hope", "quwayiyah")


class Factory:
    def __init__(self, session):
        self.session = session
        self._counter = 0

    def _next(self) -> int:
        self._counter += 1
        return self._counter

    def tenant(self, slug: str | None = None, **fields) -> Tenant:
        n = self._next()
        tenant = Tenant(slug=slug or f"assoc-{n}", name_ar=fields.pop("name_ar", f"جمعية الاختبار {n}"),
                        name_en=fields.pop("name_en", f"Test Association {n}"), **fields)
        db.session.add(tenant)
        db.session.flush()
        with tenant_scope(db.session, tenant.id):
            ensure_role_templates(tenant)
        return tenant

    def seed_tenant(self, slug: str) -> Tenant:
        return onboard(PROJECT_ROOT / "tenants" / slug).tenant

    def user(self, email: str | None = None, *, operator: bool = False, password: str = PASSWORD) -> User:
        return create_user(email or f"person{self._next()}@example.org", "مستخدم اختبار", password,
                           is_operator=operator)

    def member(self, tenant: Tenant, role: str = "admin", user: User | None = None) -> User:
        user = user or self.user()
        grant_membership(user, tenant, role)
        db.session.flush()
        return user

    def membership(self, user: User, tenant: Tenant) -> Membership:
        return db.session.query(Membership).filter_by(user_id=user.id, tenant_id=tenant.id).one()

    def token(self, user: User) -> str:
        return issue_token(user, "tests")

    def commit(self) -> None:
        db.session.commit()


def tenants_dir() -> Path:
    return PROJECT_ROOT / "tenants"
