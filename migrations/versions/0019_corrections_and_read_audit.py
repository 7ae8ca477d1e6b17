"""a beneficiary's history of corrections, and recording who reads personal data

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-03 19:10:00

"""
import sqlalchemy as sa
from alembic import op

from wasl.tenancy import rls

revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade():
    op.create_table('beneficiary_correction',
    sa.Column('id', BIG_ID, nullable=False),
    sa.Column('beneficiary_id', sa.BigInteger(), nullable=False),
    sa.Column('field', sa.String(length=40), nullable=False),
    sa.Column('old_plain', sa.Text(), nullable=True),
    sa.Column('new_plain', sa.Text(), nullable=True),
    sa.Column('old_encrypted', sa.Text(), nullable=True),
    sa.Column('new_encrypted', sa.Text(), nullable=True),
    sa.Column('reason', sa.String(length=500), nullable=True),
    sa.Column('corrected_by_id', sa.BigInteger(), nullable=True),
    sa.Column('corrected_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('tenant_id', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['corrected_by_id'], ['user_account.id'], name=op.f('fk_beneficiary_correction_corrected_by_id_user_account')),
    sa.ForeignKeyConstraint(['tenant_id', 'beneficiary_id'], ['beneficiary.tenant_id', 'beneficiary.id'], name=op.f('fk_beneficiary_correction_tenant_id_beneficiary_id_beneficiary')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_beneficiary_correction_tenant_id_tenant'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_beneficiary_correction')),
    sa.UniqueConstraint('tenant_id', 'id', name=op.f('uq_beneficiary_correction_tenant_id_id'))
    )
    with op.batch_alter_table('beneficiary_correction', schema=None) as batch_op:
        batch_op.create_index('ix_beneficiary_correction_tenant_id_beneficiary_id',
                              ['tenant_id', 'beneficiary_id', 'id'], unique=False)
    op.create_table('privacy_read_audit_setting',
    sa.Column('id', BIG_ID, nullable=False),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('updated_by_id', sa.BigInteger(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('tenant_id', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_privacy_read_audit_setting_tenant_id_tenant'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user_account.id'], name=op.f('fk_privacy_read_audit_setting_updated_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_privacy_read_audit_setting')),
    sa.UniqueConstraint('tenant_id', 'id', name=op.f('uq_privacy_read_audit_setting_tenant_id_id')),
    sa.UniqueConstraint('tenant_id', name=op.f('uq_privacy_read_audit_setting_tenant_id'))
    )
    for table in ('beneficiary_correction', 'privacy_read_audit_setting'):
        rls.enable(op, table)


def downgrade():
    op.drop_table('privacy_read_audit_setting')
    with op.batch_alter_table('beneficiary_correction', schema=None) as batch_op:
        batch_op.drop_index('ix_beneficiary_correction_tenant_id_beneficiary_id')
    op.drop_table('beneficiary_correction')
