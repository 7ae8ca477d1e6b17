"""satisfaction surveys (one per case, the link kept as a keyed hash)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 09:30:00

"""
import sqlalchemy as sa
from alembic import op

from wasl.tenancy import rls

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade():
    op.create_table('satisfaction_survey',
    sa.Column('id', BIG_ID, nullable=False),
    sa.Column('case_id', sa.BigInteger(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('service_key', sa.String(length=64), nullable=False),
    sa.Column('channel', sa.String(length=64), nullable=False),
    sa.Column('invited_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('language', sa.String(length=2), nullable=True),
    sa.Column('score', sa.Integer(), nullable=True),
    sa.Column('answers', sa.JSON(), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('tenant_id', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id', 'case_id'], ['service_case.tenant_id', 'service_case.id'], name=op.f('fk_satisfaction_survey_tenant_id_case_id_service_case')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_satisfaction_survey_tenant_id_tenant'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_satisfaction_survey')),
    sa.UniqueConstraint('tenant_id', 'case_id', name=op.f('uq_satisfaction_survey_tenant_id_case_id')),
    sa.UniqueConstraint('tenant_id', 'id', name=op.f('uq_satisfaction_survey_tenant_id_id')),
    sa.UniqueConstraint('tenant_id', 'token_hash', name=op.f('uq_satisfaction_survey_tenant_id_token_hash'))
    )
    with op.batch_alter_table('satisfaction_survey', schema=None) as batch_op:
        batch_op.create_index('ix_satisfaction_survey_tenant_invited', ['tenant_id', 'invited_at'], unique=False)

    rls.enable(op, 'satisfaction_survey')


def downgrade():
    with op.batch_alter_table('satisfaction_survey', schema=None) as batch_op:
        batch_op.drop_index('ix_satisfaction_survey_tenant_invited')
    op.drop_table('satisfaction_survey')
