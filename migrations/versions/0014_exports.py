"""list exports (CSV/XLSX by a background job) and the public transparency setting

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 14:10:00

"""
import json

import sqlalchemy as sa
from alembic import op

from wasl.tenancy import rls

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')
# Roles seeded before these permissions existed receive them as their templates now do.
GRANTS = {'admin': ('exports.create', 'exports.personal_data'), 'supervisor': ('exports.create',)}


def upgrade():
    op.create_table('export_job',
    sa.Column('id', BIG_ID, nullable=False),
    sa.Column('dataset', sa.String(length=32), nullable=False),
    sa.Column('file_format', sa.String(length=8), nullable=False),
    sa.Column('personal_data', sa.Boolean(), nullable=False),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('status', sa.Enum('queued', 'running', 'done', 'failed', name='exportjobstatus', native_enum=False, length=16), nullable=False),
    sa.Column('row_count', sa.Integer(), nullable=False),
    sa.Column('processed_rows', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=120), nullable=True),
    sa.Column('size_bytes', sa.BigInteger(), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('requested_by_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('enqueued_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('heartbeat_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('tenant_id', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['requested_by_id'], ['user_account.id'], name=op.f('fk_export_job_requested_by_id_user_account')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_export_job_tenant_id_tenant'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_export_job')),
    sa.UniqueConstraint('tenant_id', 'id', name=op.f('uq_export_job_tenant_id_id'))
    )
    with op.batch_alter_table('export_job', schema=None) as batch_op:
        batch_op.create_index('ix_export_job_tenant_created', ['tenant_id', 'created_at'], unique=False)
    op.create_table('transparency_setting',
    sa.Column('id', BIG_ID, nullable=False),
    sa.Column('published', sa.Boolean(), nullable=False),
    sa.Column('period_days', sa.Integer(), nullable=False),
    sa.Column('updated_by_id', sa.BigInteger(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('tenant_id', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_transparency_setting_tenant_id_tenant'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user_account.id'], name=op.f('fk_transparency_setting_updated_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_transparency_setting')),
    sa.UniqueConstraint('tenant_id', 'id', name=op.f('uq_transparency_setting_tenant_id_id')),
    sa.UniqueConstraint('tenant_id', name=op.f('uq_transparency_setting_tenant_id'))
    )
    rls.enable(op, 'export_job')
    rls.enable(op, 'transparency_setting')
    _grant_permissions()


def _grant_permissions(grant=True):
    """Give (or, going down, take back) the new permissions of the roles seeded before them."""
    bind = op.get_bind()
    role = sa.table('role', sa.column('id', sa.BigInteger()), sa.column('key', sa.String()),
                    sa.column('permissions', sa.JSON()))
    for row in bind.execute(sa.select(role.c.id, role.c.key, role.c.permissions).where(role.c.key.in_(GRANTS))):
        held = row.permissions if isinstance(row.permissions, list) else json.loads(row.permissions or '[]')
        changed = set(held) | set(GRANTS[row.key]) if grant else set(held) - set(GRANTS[row.key])
        if sorted(changed) != sorted(held):
            bind.execute(role.update().where(role.c.id == row.id).values(permissions=sorted(changed)))


def downgrade():
    _grant_permissions(grant=False)
    op.drop_table('transparency_setting')
    with op.batch_alter_table('export_job', schema=None) as batch_op:
        batch_op.drop_index('ix_export_job_tenant_created')
    op.drop_table('export_job')
