"""association administration, second factor, invitations, holidays and data exports

Revision ID: 0005
Revises: 0001
Create Date: 2026-11-22 02:32:55.362184

"""
import sqlalchemy as sa
from alembic import op

from wasl.tenancy import rls


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('data_export',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('requested_by_user_id', sa.BigInteger(), nullable=True),
    sa.Column('status', sa.Enum('pending', 'running', 'done', 'failed', name='exportstatus', native_enum=False, length=16), nullable=False),
    sa.Column('progress', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=120), nullable=True),
    sa.Column('size_bytes', sa.BigInteger(), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('tenant_id', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['requested_by_user_id'], ['user_account.id'], name=op.f('fk_data_export_requested_by_user_id_user_account')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_data_export_tenant_id_tenant'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_data_export')),
    sa.UniqueConstraint('tenant_id', 'id', name=op.f('uq_data_export_tenant_id_id'))
    )
    with op.batch_alter_table('data_export', schema=None) as batch_op:
        batch_op.create_index('ix_data_export_tenant_created', ['tenant_id', 'created_at'], unique=False)

    op.create_table('holiday',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('name', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('tenant_id', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_holiday_tenant_id_tenant'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_holiday')),
    sa.UniqueConstraint('tenant_id', 'id', name=op.f('uq_holiday_tenant_id_id')),
    sa.UniqueConstraint('tenant_id', 'on', name=op.f('uq_holiday_tenant_id_on'))
    )
    op.create_table('recovery_code',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_recovery_code_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recovery_code')),
    sa.UniqueConstraint('code_hash', name=op.f('uq_recovery_code_code_hash'))
    )
    with op.batch_alter_table('recovery_code', schema=None) as batch_op:
        batch_op.create_index('ix_recovery_code_user_id', ['user_id'], unique=False)

    op.create_table('totp_credential',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('secret_encrypted', sa.String(length=255), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_step', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_totp_credential_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_totp_credential')),
    sa.UniqueConstraint('user_id', name=op.f('uq_totp_credential_user_id'))
    )
    op.create_table('staff_invitation',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=True),
    sa.Column('role_id', sa.BigInteger(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('accepted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('accepted_user_id', sa.BigInteger(), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('invited_by_user_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('tenant_id', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['accepted_user_id'], ['user_account.id'], name=op.f('fk_staff_invitation_accepted_user_id_user_account')),
    sa.ForeignKeyConstraint(['invited_by_user_id'], ['user_account.id'], name=op.f('fk_staff_invitation_invited_by_user_id_user_account')),
    sa.ForeignKeyConstraint(['tenant_id', 'role_id'], ['role.tenant_id', 'role.id'], name=op.f('fk_staff_invitation_tenant_id_role_id_role')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_staff_invitation_tenant_id_tenant'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_invitation')),
    sa.UniqueConstraint('tenant_id', 'id', name=op.f('uq_staff_invitation_tenant_id_id')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_staff_invitation_token_hash'))
    )
    with op.batch_alter_table('staff_invitation', schema=None) as batch_op:
        batch_op.create_index('ix_staff_invitation_tenant_email', ['tenant_id', 'email'], unique=False)
    for table in ("data_export", "staff_invitation", "holiday"):
        rls.enable(op, table)


def downgrade():
    with op.batch_alter_table('staff_invitation', schema=None) as batch_op:
        batch_op.drop_index('ix_staff_invitation_tenant_email')

    op.drop_table('staff_invitation')
    op.drop_table('totp_credential')
    with op.batch_alter_table('recovery_code', schema=None) as batch_op:
        batch_op.drop_index('ix_recovery_code_user_id')

    op.drop_table('recovery_code')
    op.drop_table('holiday')
    with op.batch_alter_table('data_export', schema=None) as batch_op:
        batch_op.drop_index('ix_data_export_tenant_created')

    op.drop_table('data_export')
