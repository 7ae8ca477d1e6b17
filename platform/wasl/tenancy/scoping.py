"""Automatic tenant scoping for every ORM statement; fails closed.

Every SELECT, UPDATE and DELETE that touches a ``TenantOwned`` model gets
``tenant_id IN (scope)`` added through ``with_loader_criteria``; with no scope
it raises instead. INSERT statements must name tenants inside the scope.
Textual SQL cannot be scoped, so it is refused unless it declares that it
touches no tenant data (``execution_options(touches_tenant_data=False)``) or
runs in a deliberate all-tenants scope. New rows are stamped with the tenant in
scope before flush; deletes and changes outside the scope, and moving a row to
another tenant, are refused.
"""

from __future__ import annotations

from sqlalchemy import event, inspect
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Mapper, ORMExecuteState, Session, with_loader_criteria
from sqlalchemy.sql.elements import TextClause
from sqlalchemy.sql.util import find_tables

from wasl.db import WaslSession
from wasl.tenancy.mixins import TenantOwned
from wasl.tenancy.scope import (
    TenantContextMissing,
    TenantScopeViolation,
    apply_rls_setting,
    current_scope,
    forget_rls_setting,
)

_owned_names: list[frozenset[str]] = []  # computed once, forgotten when another class is mapped


@event.listens_for(Mapper, "instrument_class")
def _forget_owned_names(_mapper, _cls) -> None:
    _owned_names.clear()


def owned_table_names() -> frozenset[str]:
    if not _owned_names:
        from wasl.db import db

        _owned_names.append(frozenset(
            m.local_table.name for m in db.Model.registry.mappers if issubclass(m.class_, TenantOwned)))
    return _owned_names[0]


def _tenant_tables(state: ORMExecuteState) -> set[str]:
    """Tenant-owned tables the statement reads (empty when none): its entities first; only a statement with no
    tenant-owned entity is searched through (``select_from``, subqueries, bare tables), since one such entity
    settles it: the statement must be scoped."""
    owned = owned_table_names()
    names = {m.local_table.name for m in state.all_mappers} & owned
    if names:
        return names
    return {getattr(t, "name", None) for t in find_tables(state.statement, include_aliases=True)} & owned


def _scope_statement(state: ORMExecuteState) -> None:
    if isinstance(state.statement, TextClause):
        _check_text(state)
        return
    if state.is_insert:
        _check_insert(state)
        return
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


def _check_text(state: ORMExecuteState) -> None:
    if state.execution_options.get("touches_tenant_data", True) is False:
        return
    scope = current_scope(state.session)
    if scope is None or not scope.all_tenants:
        raise TenantScopeViolation(
            "textual SQL cannot be scoped to a tenant; use ORM statements, or declare "
            "execution_options(touches_tenant_data=False) when it reads no tenant data"
        )


def _check_insert(state: ORMExecuteState) -> None:
    tables = _tenant_tables(state)
    if not tables:
        return
    scope = current_scope(state.session)
    if scope is None:
        raise TenantContextMissing(f"insert into tenant-owned {', '.join(sorted(tables))} with no tenant in scope")
    if scope.all_tenants:
        return
    for tenant_id in _inserted_tenant_ids(state):
        if not scope.allows(tenant_id):
            raise TenantScopeViolation(
                f"insert into tenant-owned {', '.join(sorted(tables))} for a tenant outside the scope")


def _inserted_tenant_ids(state: ORMExecuteState) -> list:
    """Every ``tenant_id`` an INSERT would write, from its VALUES and its executemany rows; None when absent."""
    statement = state.statement
    value_sets = [statement._values or {}] if statement._values else []
    for multi in statement._multi_values or ():
        value_sets.extend(multi)
    found = [next((_bound(v) for k, v in values.items() if _name(k) == "tenant_id"), None) for values in value_sets]
    if not value_sets:
        rows = state.parameters if isinstance(state.parameters, list) else [state.parameters or {}]
        found = [row.get("tenant_id") for row in rows]
    return found or [None]


def _name(key) -> str:
    return key if isinstance(key, str) else getattr(key, "key", None) or getattr(key, "name", "")


def _bound(value):
    return getattr(value, "value", value)


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
        if not isinstance(obj, TenantOwned):
            continue
        if scope is None or not scope.allows(obj.tenant_id):
            raise TenantScopeViolation(f"{type(obj).__name__} changed outside the tenant scope")
        if inspect(obj).attrs.tenant_id.history.deleted:
            raise TenantScopeViolation(f"{type(obj).__name__} cannot move to another tenant")
    for obj in session.deleted:
        if isinstance(obj, TenantOwned) and (scope is None or not scope.allows(obj.tenant_id)):
            raise TenantScopeViolation(f"{type(obj).__name__} deleted outside the tenant scope")


def _set_rls_on_begin(session: Session, transaction, connection) -> None:
    # A top-level transaction starts with nothing set; inside a savepoint the enclosing one may have set it.
    apply_rls_setting(connection, current_scope(session), fresh=not connection.in_nested_transaction())


def install(session_class=WaslSession) -> None:
    """Attach the listeners once; idempotent so app factories may call it freely."""
    if event.contains(session_class, "do_orm_execute", _scope_statement):
        return
    event.listen(session_class, "do_orm_execute", _scope_statement)
    event.listen(session_class, "before_flush", _stamp_and_check)
    event.listen(session_class, "after_begin", _set_rls_on_begin)
    for ending in ("commit", "rollback", "rollback_savepoint"):
        event.listen(Engine, ending, forget_rls_setting)
