"""accounts prove their e-mail address; invitations wait for the e-mailed code

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 21:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email_verified_at', sa.DateTime(timezone=True), nullable=True))
    # Accounts that exist already were made by an operator or accepted before codes existed.
    op.execute("UPDATE user_account SET email_verified_at = created_at")
    with op.batch_alter_table('staff_invitation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('code_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('code_expires_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('code_attempts', sa.Integer(), server_default='0', nullable=False))


def downgrade():
    with op.batch_alter_table('staff_invitation', schema=None) as batch_op:
        batch_op.drop_column('code_attempts')
        batch_op.drop_column('code_expires_at')
        batch_op.drop_column('code_hash')
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_column('email_verified_at')
