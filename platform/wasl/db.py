"""Database plumbing: the SQLAlchemy object, naming conventions and timestamp helpers."""

from datetime import UTC, datetime

from flask_sqlalchemy import SQLAlchemy
from flask_sqlalchemy.session import Session as FlaskSession
from sqlalchemy import BigInteger, DateTime, Integer, MetaData
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

from wasl.kernel.moments import aware

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class WaslSession(FlaskSession):
    """The session class every request, job and test uses; tenancy listens to it."""

    def get(self, entity, ident, **kwargs):
        # ``get`` may answer from the identity map without a query, so the ORM criteria
        # never see it: check the tenant of what it returns against the scope here.
        obj = super().get(entity, ident, **kwargs)
        if obj is None:
            return None
        from wasl.tenancy.mixins import TenantOwned
        from wasl.tenancy.scope import TenantContextMissing, current_scope

        if not isinstance(obj, TenantOwned):
            return obj
        scope = current_scope(self)
        if scope is None:
            raise TenantContextMissing(f"get() of tenant-owned {type(obj).__name__} with no tenant in scope")
        return obj if scope.allows(obj.tenant_id) else None


db = SQLAlchemy(model_class=Base, session_options={"class_": WaslSession})


def utcnow() -> datetime:
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator):
    """A moment, stored in UTC and always read back time-zone aware.

    PostgreSQL keeps the offset itself; SQLite keeps only the wall clock, so a
    Riyadh-local value must be turned into UTC before it is written or compared.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is not None:
            return value.astimezone(UTC)
        return value

    def process_result_value(self, value, dialect):
        return aware(value)


# SQLite only auto-increments a column declared exactly INTEGER PRIMARY KEY.
BigId = BigInteger().with_variant(Integer(), "sqlite")


def configure_engine(engine) -> None:
    """SQLite needs foreign keys switched on, and explicit BEGINs so that savepoints behave."""
    if engine.dialect.name != "sqlite":
        return
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # let SQLAlchemy, not the driver, open transactions
        dbapi_connection.execute("PRAGMA foreign_keys = ON")

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        connection.exec_driver_sql("BEGIN")
