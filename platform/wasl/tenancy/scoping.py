"""Automatic tenant scoping for every ORM statement; fails closed.

Every SELECT, UPDATE and DELETE that touches a ``TenantOwned`` model gets
``tenant_id IN (scope)`` added through ``with_loader_criteria``; with no scope
it raises instead. New rows are stamped with the tenant in scope before flush.
"""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria
from sqlalchemy.sql.util import find_tables

from wasl.db import WaslSession
from wasl.tenancy.mixins import TenantOwned
from wasl.tenancy.scope import (
    TenantContextMissing,
    TenantScopeViolation,
    apply_rls_setting,
    current_scope,
)

_owned_cache: dict[int, frozenset[str]] = {}


def _owned_table_names() -> frozenset[str]:
    from wasl.db import db

    mappers = db.Model.registry.mappers
    if len(mappers) not in _owned_cache:
        _owned_cache.clear()
        _owned_cache[len(mappers)] = frozenset(
            m.local_table.name for m in mappers if issubclass(m.class_, TenantOwned))
    return _owned_cache[len(mappers)]


def _tenant_tables(state: ORMExecuteState) -> set[str]:
    """Tenant-owned tables the statement reads: entities, ``select_from``, subqueries and bare tables."""
    names = {m.local_table.name for m in state.all_mappers}
    names |= {getattr(t, "name", None) for t in find_tables(state.statement, include_aliases=True)}
    return names & _owned_table_names()


def _scope_statement(state: ORMExecuteState) -> None:
    if state.is_column_load or not (state.is_select or state.is_update or state.is_delete):
        return
    tables = _tenant_tables(state)
    if not tables:
        return
    scope = current_scope(state.session)
    if scope is None:
        raise TenantContextMissing(
            f"query on tenant-owned {', '.join(sorted(tables))} with no tenant in scope; "
            "set one with tenant_scope(), or tenant_scope(all_tenants=True) for a deliberate cross-tenant read"
        )
    if scope.all_tenants:
        return
    if not state.is_orm_statement:
        # Criteria can only be attached to ORM entities; a bare Table would go unfiltered.
        raise TenantScopeViolation(
            f"tenant-owned {', '.join(sorted(tables))} queried as bare tables; select ORM entities instead"
        )
    ids = tuple(sorted(scope.tenant_ids))
    state.statement = state.statement.options(
        with_loader_criteria(
            TenantOwned,
            lambda cls: cls.tenant_id.in_(ids),
            include_aliases=True,
        )
    )


def _stamp_and_check(session: Session, flush_context, instances) -> None:
    scope = current_scope(session)
    for obj in session.new:
        if not isinstance(obj, TenantOwned):
            continue
        if obj.tenant_id is None:
            if scope is None or scope.write_tenant_id is None:
                raise TenantScopeViolation(
                    f"new {type(obj).__name__} has no tenant and the scope does not name exactly one"
                )
            obj.tenant_id = scope.write_tenant_id
        elif scope is None or not scope.allows(obj.tenant_id):
            raise TenantScopeViolation(f"new {type(obj).__name__} belongs to a tenant outside the scope")
    for obj in session.dirty:
        if isinstance(obj, TenantOwned) and (scope is None or not scope.allows(obj.tenant_id)):
            raise TenantScopeViolation(f"{type(obj).__name__} changed outside the tenant scope")


def _set_rls_on_begin(session: Session, transaction, connection) -> None:
    apply_rls_setting(connection, current_scope(session))


def install(session_class=WaslSession) -> None:
    """Attach the listeners once; idempotent so app factories may call it freely."""
    if event.contains(session_class, "do_orm_execute", _scope_statement):
        return
    event.listen(session_class, "do_orm_execute", _scope_statement)
    event.listen(session_class, "before_flush", _stamp_and_check)
    event.listen(session_class, "after_begin", _set_rls_on_begin)
