"""how long each association keeps the personal data of people whose requests are all closed

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03 14:50:00

"""
import sqlalchemy as sa
from alembic import op

from wasl.tenancy import rls

revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade():
    op.create_table('privacy_retention_setting',
    sa.Column('id', BIG_ID, nullable=False),
    sa.Column('keep_months', sa.Integer(), nullable=True),
    sa.Column('updated_by_id', sa.BigInteger(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('tenant_id', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_privacy_retention_setting_tenant_id_tenant'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user_account.id'], name=op.f('fk_privacy_retention_setting_updated_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_privacy_retention_setting')),
    sa.UniqueConstraint('tenant_id', 'id', name=op.f('uq_privacy_retention_setting_tenant_id_id')),
    sa.UniqueConstraint('tenant_id', name=op.f('uq_privacy_retention_setting_tenant_id'))
    )
    rls.enable(op, 'privacy_retention_setting')


def downgrade():
    op.drop_table('privacy_retention_setting')
