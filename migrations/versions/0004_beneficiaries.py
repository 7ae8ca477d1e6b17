"""beneficiary registry, consents and per-association counters

Revision ID: 0004
Revises: 0001
Create Date: 2026-11-22 02:36:58.265261

"""
import sqlalchemy as sa
from alembic import op

from wasl.tenancy import rls


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('tenant_sequence',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('value', sa.BigInteger(), nullable=False),
    sa.Column('tenant_id', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_tenant_sequence_tenant_id_tenant'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tenant_sequence')),
    sa.UniqueConstraint('tenant_id', 'id', name=op.f('uq_tenant_sequence_tenant_id_id')),
    sa.UniqueConstraint('tenant_id', 'name', name=op.f('uq_tenant_sequence_tenant_id_name'))
    )
    op.create_table('beneficiary',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('national_id_encrypted', sa.Text(), nullable=False),
    sa.Column('national_id_index', sa.String(length=64), nullable=False),
    sa.Column('id_kind', sa.String(length=16), nullable=False),
    sa.Column('full_name_ar', sa.String(length=200), nullable=False),
    sa.Column('full_name_en', sa.String(length=200), nullable=True),
    sa.Column('name_search', sa.String(length=420), nullable=False),
    sa.Column('mobile_encrypted', sa.Text(), nullable=False),
    sa.Column('mobile_index', sa.String(length=64), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('gender', sa.String(length=8), nullable=False),
    sa.Column('birth_on', sa.Date(), nullable=True),
    sa.Column('birth_calendar', sa.String(length=9), nullable=True),
    sa.Column('city', sa.String(length=120), nullable=True),
    sa.Column('preferred_language', sa.String(length=2), nullable=False),
    sa.Column('preferred_channel', sa.String(length=16), nullable=False),
    sa.Column('opted_out_non_essential', sa.Boolean(), nullable=False),
    sa.Column('registered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('file_number', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('tenant_id', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_beneficiary_created_by_id_user_account')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_beneficiary_tenant_id_tenant'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_beneficiary')),
    sa.UniqueConstraint('tenant_id', 'file_number', name=op.f('uq_beneficiary_tenant_id_file_number')),
    sa.UniqueConstraint('tenant_id', 'id', name=op.f('uq_beneficiary_tenant_id_id')),
    sa.UniqueConstraint('tenant_id', 'national_id_index', name=op.f('uq_beneficiary_tenant_id_national_id_index'))
    )
    with op.batch_alter_table('beneficiary', schema=None) as batch_op:
        batch_op.create_index('ix_beneficiary_tenant_id_mobile_index', ['tenant_id', 'mobile_index'], unique=False)
        batch_op.create_index('ix_beneficiary_tenant_id_name_search', ['tenant_id', 'name_search'], unique=False)

    op.create_table('beneficiary_consent',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('beneficiary_id', sa.BigInteger(), nullable=False),
    sa.Column('purpose', sa.String(length=40), nullable=False),
    sa.Column('given_on', sa.Date(), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('taken_by_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('tenant_id', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['taken_by_id'], ['user_account.id'], name=op.f('fk_beneficiary_consent_taken_by_id_user_account')),
    sa.ForeignKeyConstraint(['tenant_id', 'beneficiary_id'], ['beneficiary.tenant_id', 'beneficiary.id'], name=op.f('fk_beneficiary_consent_tenant_id_beneficiary_id_beneficiary')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_beneficiary_consent_tenant_id_tenant'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_beneficiary_consent')),
    sa.UniqueConstraint('tenant_id', 'id', name=op.f('uq_beneficiary_consent_tenant_id_id'))
    )
    with op.batch_alter_table('beneficiary_consent', schema=None) as batch_op:
        batch_op.create_index('ix_beneficiary_consent_tenant_id_beneficiary_id', ['tenant_id', 'beneficiary_id'], unique=False)

    for table in ('tenant_sequence', 'beneficiary', 'beneficiary_consent'):
        rls.enable(op, table)


def downgrade():
    with op.batch_alter_table('beneficiary_consent', schema=None) as batch_op:
        batch_op.drop_index('ix_beneficiary_consent_tenant_id_beneficiary_id')
    op.drop_table('beneficiary_consent')
    with op.batch_alter_table('beneficiary', schema=None) as batch_op:
        batch_op.drop_index('ix_beneficiary_tenant_id_name_search')
        batch_op.drop_index('ix_beneficiary_tenant_id_mobile_index')
    op.drop_table('beneficiary')
    op.drop_table('tenant_sequence')
