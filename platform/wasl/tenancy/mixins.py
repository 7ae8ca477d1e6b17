"""The mixin that marks a model as owned by one tenant, and keys that keep relations inside it."""

from sqlalchemy import BigInteger, ForeignKey, ForeignKeyConstraint, UniqueConstraint
from sqlalchemy.orm import Mapped, declared_attr, mapped_column


class TenantOwned:
    """Every row belongs to exactly one tenant; queries and inserts are scoped automatically.

    Each such table declares ``tenant_key()`` in ``__table_args__``: a unique
    ``(tenant_id, id)`` that leads its indexes with the tenant and is the target
    of ``tenant_fk`` from other tenant-owned rows, so two related rows can never
    belong to different tenants.
    """

    @declared_attr
    def tenant_id(cls) -> Mapped[int]:  # noqa: N805
        return mapped_column(BigInteger, ForeignKey("tenant.id", ondelete="RESTRICT"), nullable=False)


def tenant_key() -> UniqueConstraint:
    return UniqueConstraint("tenant_id", "id")


def tenant_fk(column: str, target_table: str, ondelete: str | None = None) -> ForeignKeyConstraint:
    """A foreign key that includes ``tenant_id`` on both sides."""
    return ForeignKeyConstraint(
        ["tenant_id", column],
        [f"{target_table}.tenant_id", f"{target_table}.id"],
        ondelete=ondelete,
    )
