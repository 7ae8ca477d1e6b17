"""Small helpers shared by the case models: enum columns and relations inside one tenant."""

from __future__ import annotations

import enum

from sqlalchemy import Enum
from sqlalchemy.orm import relationship


def enum_column(cls: type[enum.Enum], length: int = 16) -> Enum:
    return Enum(cls, native_enum=False, length=length, values_callable=lambda e: [m.value for m in e])


def same_tenant(owner: str, target: str, column: str, **kwargs):
    """A read-only to-one relation through a composite (tenant_id, id) foreign key; ids are set explicitly."""
    return relationship(
        target,
        primaryjoin=f"and_({owner}.{column} == {target}.id, {owner}.tenant_id == {target}.tenant_id)",
        foreign_keys=f"[{owner}.tenant_id, {owner}.{column}]",
        viewonly=True,
        **kwargs,
    )
