"""a consent may be withdrawn: when, and by whom it was recorded

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03 15:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('beneficiary_consent', schema=None) as batch_op:
        batch_op.add_column(sa.Column('withdrawn_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('withdrawn_by_id', sa.BigInteger(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_beneficiary_consent_withdrawn_by_id_user_account'),
                                    'user_account', ['withdrawn_by_id'], ['id'])


def downgrade():
    with op.batch_alter_table('beneficiary_consent', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_beneficiary_consent_withdrawn_by_id_user_account'),
                                 type_='foreignkey')
        batch_op.drop_column('withdrawn_by_id')
        batch_op.drop_column('withdrawn_at')
