"""Which tenants the current unit of work may see, kept on the database session.

The scope lives in ``session.info`` so that requests, RQ jobs, CLI commands and
tests all carry it the same way; the ORM listeners in ``scoping`` read it.
"""

from __future__ import annotations

from contextlib import contextmanager, suppress
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, scoped_session

SCOPE_KEY = "wasl.tenant_scope"
RLS_SETTING = "wasl.tenant_ids"


class TenantContextMissing(RuntimeError):
    """A tenant-owned table was queried with no tenant and no explicit all-tenants scope."""


class TenantScopeViolation(RuntimeError):
    """A write tried to place or move a row outside the tenants in scope."""


@dataclass(frozen=True)
class TenantScope:
    tenant_ids: frozenset[int]
    all_tenants: bool = False

    @property
    def write_tenant_id(self) -> int | None:
        """The tenant new rows are stamped with: only defined when exactly one is in scope."""
        if len(self.tenant_ids) == 1:
            return next(iter(self.tenant_ids))
        return None

    def allows(self, tenant_id: int | None) -> bool:
        return self.all_tenants or tenant_id in self.tenant_ids


def _real(session) -> Session:
    return session() if isinstance(session, scoped_session) else session


def current_scope(session: Session) -> TenantScope | None:
    return _real(session).info.get(SCOPE_KEY)


def set_scope(session: Session, scope: TenantScope | None) -> None:
    """Install ``scope`` on ``session`` and, on PostgreSQL, on its open transaction."""
    session = _real(session)
    if session.new or session.dirty or session.deleted:
        session.flush()  # pending writes are checked against the scope they were made in
    if scope is None:
        session.info.pop(SCOPE_KEY, None)
    else:
        session.info[SCOPE_KEY] = scope
    if session.in_transaction():
        apply_rls_setting(session.connection(), scope)


def apply_rls_setting(connection, scope: TenantScope | None, *, fresh: bool = False) -> None:
    """Tell PostgreSQL's row-level security which tenants this transaction may touch.

    The value set is remembered on the connection until its transaction (or a savepoint) ends, so
    setting the same scope again costs no round trip; ``fresh`` says the transaction has just begun
    and nothing can be set yet (the setting is transaction-local).
    """
    if connection.dialect.name != "postgresql":
        return
    ids = ""
    if scope is not None:
        ids = ",".join(str(i) for i in sorted(scope.tenant_ids))
    if fresh:
        connection.info[_APPLIED] = ""
    if connection.info.get(_APPLIED) == ids:
        return
    connection.execute(text("SELECT set_config(:name, :ids, true)"), {"name": RLS_SETTING, "ids": ids})
    connection.info[_APPLIED] = ids


_APPLIED = "wasl.rls_applied"


def forget_rls_setting(connection, *_args) -> None:
    """The transaction or savepoint ended: what it set may be gone, so the next scope is set again."""
    # A lost connection cannot say: the next one is a new DBAPI connection, whose info starts empty.
    with suppress(SQLAlchemyError):
        connection.info.pop(_APPLIED, None)


def set_tenant(session: Session, tenant_id: int) -> None:
    set_scope(session, TenantScope(frozenset({tenant_id})))


def set_tenants(session: Session, tenant_ids) -> None:
    set_scope(session, TenantScope(frozenset(tenant_ids)))


@contextmanager
def tenant_scope(session: Session, *tenant_ids: int, all_tenants: bool = False):
    """Run a block with the given tenants in scope, restoring the previous scope afterwards."""
    previous = current_scope(session)
    ids = frozenset(tenant_ids)
    if all_tenants:
        ids = _every_tenant_id(session)
    set_scope(session, TenantScope(ids, all_tenants=all_tenants))
    try:
        yield
    finally:
        set_scope(session, previous)


def _every_tenant_id(session: Session) -> frozenset[int]:
    from wasl.tenancy.models import Tenant

    return frozenset(session.scalars(Tenant.__table__.select().with_only_columns(Tenant.id)))


_NARROWER_KEYS: set[str] = set()


def narrows_rows(info_key: str) -> None:
    """Declare a scope kept under ``session.info[info_key]`` that narrows the rows an association's reads see
    (the portal: one person's rows); ``get_in_scope`` then always asks the database, through that scope."""
    _NARROWER_KEYS.add(info_key)


def get_in_scope(session: Session, model, ident):
    """``session.get`` for a tenant-owned row: what the session holds already costs no statement, and is
    answered only when its association is in scope (a read goes through the scoped SELECT as any other)."""
    scope = current_scope(session)
    if scope is None:
        raise TenantContextMissing(f"get of tenant-owned {model.__name__} with no tenant in scope")
    if any(key in _real(session).info for key in _NARROWER_KEYS):
        return session.scalar(select(model).where(model.id == ident))
    row = session.get(model, ident)
    return row if row is None or scope.allows(row.tenant_id) else None
