"""documents: uploaded files checked by content, stored per association

Revision ID: 0007
Revises: 0001
Create Date: 2026-11-22 02:38:54.111097

"""
import sqlalchemy as sa
from alembic import op

from wasl.tenancy import rls

# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('document',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('original_name', sa.String(length=255), nullable=False),
    sa.Column('content_type', sa.String(length=64), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('storage_key', sa.String(length=160), nullable=False),
    sa.Column('kind', sa.String(length=64), nullable=True),
    sa.Column('expires_on', sa.Date(), nullable=True),
    sa.Column('case_id', sa.BigInteger(), nullable=True),
    sa.Column('uploaded_by_id', sa.BigInteger(), nullable=True),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('tenant_id', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_document_tenant_id_tenant'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['user_account.id'], name=op.f('fk_document_uploaded_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document')),
    sa.UniqueConstraint('tenant_id', 'id', name=op.f('uq_document_tenant_id_id')),
    sa.UniqueConstraint('tenant_id', 'storage_key', name=op.f('uq_document_tenant_id_storage_key'))
    )
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.create_index('ix_document_tenant_id_case_id', ['tenant_id', 'case_id'], unique=False)
    rls.enable(op, 'document')


def downgrade():
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.drop_index('ix_document_tenant_id_case_id')
    op.drop_table('document')
