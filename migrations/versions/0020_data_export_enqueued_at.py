"""an association's archive notes when its job was handed to Redis, so one left waiting is enqueued again

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-03 19:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('data_export', schema=None) as batch_op:
        batch_op.add_column(sa.Column('enqueued_at', sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table('data_export', schema=None) as batch_op:
        batch_op.drop_column('enqueued_at')
