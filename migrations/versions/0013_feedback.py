"""enquiries, suggestions and complaints (feedback_item), the response window, feedback.handle for staff

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 14:00:00

"""
import json

import sqlalchemy as sa
from alembic import op

import wasl.db
from wasl.tenancy import rls

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('feedback_settings',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('response_days', sa.Integer(), nullable=False),
    sa.Column('updated_at', wasl.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('tenant_id', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_feedback_settings_tenant_id_tenant'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback_settings')),
    sa.UniqueConstraint('tenant_id', 'id', name=op.f('uq_feedback_settings_tenant_id_id')),
    sa.UniqueConstraint('tenant_id', name=op.f('uq_feedback_settings_tenant_id'))
    )
    op.create_table('feedback_item',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.Enum('enquiry', 'suggestion', 'complaint', name='feedbackkind', native_enum=False, length=16), nullable=False),
    sa.Column('state', sa.Enum('open', 'answered', 'closed', name='feedbackstate', native_enum=False, length=16), nullable=False),
    sa.Column('source', sa.Enum('portal', 'public', name='feedbacksource', native_enum=False, length=8), nullable=False),
    sa.Column('beneficiary_id', sa.BigInteger(), nullable=True),
    sa.Column('case_id', sa.BigInteger(), nullable=True),
    sa.Column('visitor_name', sa.String(length=120), nullable=True),
    sa.Column('visitor_mobile_encrypted', sa.Text(), nullable=True),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('staff_named', sa.String(length=120), nullable=True),
    sa.Column('names_staff', sa.Boolean(), nullable=False),
    sa.Column('filed_at', wasl.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('reply', sa.Text(), nullable=True),
    sa.Column('replied_at', wasl.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('replied_by_id', sa.BigInteger(), nullable=True),
    sa.Column('closed_at', wasl.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('closed_by_id', sa.BigInteger(), nullable=True),
    sa.Column('rating', sa.Integer(), nullable=True),
    sa.Column('rated_at', wasl.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('tenant_id', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['closed_by_id'], ['user_account.id'], name=op.f('fk_feedback_item_closed_by_id_user_account')),
    sa.ForeignKeyConstraint(['replied_by_id'], ['user_account.id'], name=op.f('fk_feedback_item_replied_by_id_user_account')),
    sa.ForeignKeyConstraint(['tenant_id', 'beneficiary_id'], ['beneficiary.tenant_id', 'beneficiary.id'], name=op.f('fk_feedback_item_tenant_id_beneficiary_id_beneficiary')),
    sa.ForeignKeyConstraint(['tenant_id', 'case_id'], ['service_case.tenant_id', 'service_case.id'], name=op.f('fk_feedback_item_tenant_id_case_id_service_case')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_feedback_item_tenant_id_tenant'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback_item')),
    sa.UniqueConstraint('tenant_id', 'id', name=op.f('uq_feedback_item_tenant_id_id')),
    sa.UniqueConstraint('tenant_id', 'number', name=op.f('uq_feedback_item_tenant_id_number'))
    )
    with op.batch_alter_table('feedback_item', schema=None) as batch_op:
        batch_op.create_index('ix_feedback_item_tenant_beneficiary', ['tenant_id', 'beneficiary_id'], unique=False)
        batch_op.create_index('ix_feedback_item_tenant_state_filed', ['tenant_id', 'state', 'filed_at'], unique=False)

    rls.enable(op, 'feedback_settings')
    rls.enable(op, 'feedback_item')
    _grant_to_seeded_roles(op.get_bind())


# The role templates that handle feedback (see accounts.permissions); admins hold every permission.
HANDLERS = ('admin', 'relations_officer', 'supervisor')
PERMISSION = 'feedback.handle'


def _grant_to_seeded_roles(connection, grant=True):
    role = sa.table('role', sa.column('id', sa.BigInteger()), sa.column('key', sa.String()),
                    sa.column('permissions', sa.JSON()))
    for role_id, permissions in connection.execute(sa.select(role.c.id, role.c.permissions)
                                                   .where(role.c.key.in_(HANDLERS))).all():
        current = json.loads(permissions) if isinstance(permissions, str) else list(permissions or [])
        wanted = sorted(set(current) | {PERMISSION}) if grant else [p for p in current if p != PERMISSION]
        if wanted != current:
            connection.execute(role.update().where(role.c.id == role_id).values(permissions=wanted))


def downgrade():
    _grant_to_seeded_roles(op.get_bind(), grant=False)
    with op.batch_alter_table('feedback_item', schema=None) as batch_op:
        batch_op.drop_index('ix_feedback_item_tenant_state_filed')
        batch_op.drop_index('ix_feedback_item_tenant_beneficiary')

    op.drop_table('feedback_item')
    op.drop_table('feedback_settings')
