"""join the feature branches; documents point at their case within the same association

Revision ID: 0008
Revises: 0003, 0005, 0006, 0007
Create Date: 2026-11-22 03:55:00

"""
from alembic import op

revision = '0008'
down_revision = ('0003', '0005', '0006', '0007')
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.create_foreign_key(
            batch_op.f('fk_document_tenant_id_case_id_service_case'), 'service_case',
            ['tenant_id', 'case_id'], ['tenant_id', 'id'])


def downgrade():
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_document_tenant_id_case_id_service_case'), type_='foreignkey')
