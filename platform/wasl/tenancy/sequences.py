"""Gap-free, per-association counters (file numbers, case numbers), safe under concurrency.

Each counter is one row ``(tenant_id, name, value)``. ``next_number`` bumps it
with a single ``INSERT … ON CONFLICT DO UPDATE … RETURNING``: the row lock it
takes is held until the caller's transaction ends, so a concurrent caller
waits and then reads the committed value — two transactions never get the
same number, and a rolled-back transaction gives its number back.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, String, UniqueConstraint
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, mapped_column

from wasl.db import BigId, db
from wasl.tenancy.mixins import TenantOwned, tenant_key
from wasl.tenancy.scope import TenantScopeViolation, current_scope


class TenantSequence(TenantOwned, db.Model):
    """The last number handed out by one named counter of one association."""

    __tablename__ = "tenant_sequence"
    __table_args__ = (tenant_key(), UniqueConstraint("tenant_id", "name"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    value: Mapped[int] = mapped_column(BigInteger, default=0)


_DIALECT_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def next_number(tenant_id: int, name: str) -> int:
    """The next value (1, 2, 3 …) of counter ``name`` of the association ``tenant_id``.

    Joins the caller's transaction; the caller commits. Later callers in other
    transactions wait on the counter row until this transaction ends.
    """
    scope = current_scope(db.session)
    if scope is None or not scope.allows(tenant_id):
        raise TenantScopeViolation("next_number for a tenant outside the scope")
    table = TenantSequence.__table__
    insert = _DIALECT_INSERTS[db.session.get_bind().dialect.name](table)
    statement = (
        insert.values(tenant_id=tenant_id, name=name, value=1)
        .on_conflict_do_update(index_elements=[table.c.tenant_id, table.c.name], set_={"value": table.c.value + 1})
        .returning(table.c.value)
    )
    return int(db.session.execute(statement).scalar_one())
