"""beneficiary portal: one-time sign-in codes and portal sessions, both kept as keyed hashes

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 08:30:00

"""
import sqlalchemy as sa
from alembic import op

from wasl.tenancy import rls

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade():
    op.create_table('portal_sign_in_code',
    sa.Column('id', BIG_ID, nullable=False),
    sa.Column('beneficiary_id', sa.BigInteger(), nullable=True),
    sa.Column('challenge_hash', sa.String(length=64), nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('tenant_id', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id', 'beneficiary_id'], ['beneficiary.tenant_id', 'beneficiary.id'], name=op.f('fk_portal_sign_in_code_tenant_id_beneficiary_id_beneficiary')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_portal_sign_in_code_tenant_id_tenant'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_portal_sign_in_code')),
    sa.UniqueConstraint('tenant_id', 'challenge_hash', name=op.f('uq_portal_sign_in_code_tenant_id_challenge_hash')),
    sa.UniqueConstraint('tenant_id', 'id', name=op.f('uq_portal_sign_in_code_tenant_id_id'))
    )
    with op.batch_alter_table('portal_sign_in_code', schema=None) as batch_op:
        batch_op.create_index('ix_portal_sign_in_code_tenant_beneficiary', ['tenant_id', 'beneficiary_id'], unique=False)

    op.create_table('portal_session',
    sa.Column('id', BIG_ID, nullable=False),
    sa.Column('beneficiary_id', sa.BigInteger(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('client', sa.String(length=8), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('tenant_id', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id', 'beneficiary_id'], ['beneficiary.tenant_id', 'beneficiary.id'], name=op.f('fk_portal_session_tenant_id_beneficiary_id_beneficiary')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_portal_session_tenant_id_tenant'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_portal_session')),
    sa.UniqueConstraint('tenant_id', 'id', name=op.f('uq_portal_session_tenant_id_id')),
    sa.UniqueConstraint('tenant_id', 'token_hash', name=op.f('uq_portal_session_tenant_id_token_hash'))
    )
    with op.batch_alter_table('portal_session', schema=None) as batch_op:
        batch_op.create_index('ix_portal_session_tenant_beneficiary', ['tenant_id', 'beneficiary_id'], unique=False)

    for table in ('portal_sign_in_code', 'portal_session'):
        rls.enable(op, table)


def downgrade():
    with op.batch_alter_table('portal_session', schema=None) as batch_op:
        batch_op.drop_index('ix_portal_session_tenant_beneficiary')
    op.drop_table('portal_session')
    with op.batch_alter_table('portal_sign_in_code', schema=None) as batch_op:
        batch_op.drop_index('ix_portal_sign_in_code_tenant_beneficiary')
    op.drop_table('portal_sign_in_code')
