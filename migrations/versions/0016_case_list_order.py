"""the case list's whole order in its index: (tenant_id, created_at, id)

The list is ordered newest first with the id as tie-break; with the id in the
index, PostgreSQL reads a page straight off it instead of sorting each run of
equal creation times.

Revision ID: 0016
Revises: 0014
Create Date: 2026-12-03 14:20:00

"""
from alembic import op

revision = '0016'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('service_case', schema=None) as batch_op:
        batch_op.drop_index('ix_service_case_tenant_created')
        batch_op.create_index('ix_service_case_tenant_created', ['tenant_id', 'created_at', 'id'], unique=False)


def downgrade():
    with op.batch_alter_table('service_case', schema=None) as batch_op:
        batch_op.drop_index('ix_service_case_tenant_created')
        batch_op.create_index('ix_service_case_tenant_created', ['tenant_id', 'created_at'], unique=False)
