"""PostgreSQL row-level security for tenant-owned tables, used by migrations.

The application connects as a role that owns nothing and cannot bypass RLS;
each transaction names its tenants with ``set_config('wasl.tenant_ids', …, true)``
(see ``scope.apply_rls_setting``), and these policies admit only those rows.
"""

from __future__ import annotations

from sqlalchemy import text

ALLOWED_TENANTS_FUNCTION = """
CREATE OR REPLACE FUNCTION wasl_allowed_tenants() RETURNS bigint[]
LANGUAGE sql STABLE AS $$
  SELECT coalesce(
    string_to_array(nullif(current_setting('wasl.tenant_ids', true), ''), ',')::bigint[],
    '{}'::bigint[])
$$
"""

# Tables whose rows the application may add but never change or remove.
APPEND_ONLY_TABLES = ("audit_event", "platform_audit_event")


def create_allowed_tenants_function(op) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(ALLOWED_TENANTS_FUNCTION)


def enable(op, table: str) -> None:
    """ENABLE and FORCE row-level security on ``table`` with the tenant isolation policy."""
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
    op.execute(
        f"CREATE POLICY tenant_isolation ON {table} "
        "USING (tenant_id = ANY (wasl_allowed_tenants())) "
        "WITH CHECK (tenant_id = ANY (wasl_allowed_tenants()))"
    )


def grant_app_role(connection, role: str) -> None:
    """Give the application role data rights (not ownership) on everything the migrations made."""
    if connection.dialect.name != "postgresql":
        return
    exists = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).scalar()
    if not exists:
        return
    quoted = connection.dialect.identifier_preparer.quote(role)
    connection.execute(text(f"GRANT USAGE ON SCHEMA public TO {quoted}"))
    connection.execute(text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted}"))
    connection.execute(text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}"))
    connection.execute(text(f"REVOKE ALL ON alembic_version FROM {quoted}"))
    connection.execute(text(f"GRANT SELECT ON alembic_version TO {quoted}"))
    for table in APPEND_ONLY_TABLES:
        connection.execute(text(f"REVOKE UPDATE, DELETE ON {table} FROM {quoted}"))
