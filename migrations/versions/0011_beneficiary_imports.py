"""bulk import of a register: imports, their report lines, and column mappings remembered per association

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 09:00:00

"""
import sqlalchemy as sa
from alembic import op

from wasl.tenancy import rls

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')
TABLES = ('beneficiary_import', 'beneficiary_import_issue', 'beneficiary_import_mapping')


def _import_table():
    op.create_table('beneficiary_import',
    sa.Column('id', BIG_ID, nullable=False),
    sa.Column('status', sa.Enum('uploaded', 'mapped', 'checked', 'queued', 'running', 'done', 'failed', name='importstatus', native_enum=False, length=16), nullable=False),
    sa.Column('original_name', sa.String(length=200), nullable=False),
    sa.Column('file_format', sa.String(length=8), nullable=False),
    sa.Column('storage_key', sa.String(length=200), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('headers', sa.JSON(), nullable=False),
    sa.Column('row_count', sa.Integer(), nullable=False),
    sa.Column('mapping', sa.JSON(), nullable=False),
    sa.Column('error_count', sa.Integer(), nullable=False),
    sa.Column('error_rows', sa.Integer(), nullable=False),
    sa.Column('known_count', sa.Integer(), nullable=False),
    sa.Column('checked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('processed_rows', sa.Integer(), nullable=False),
    sa.Column('imported_count', sa.Integer(), nullable=False),
    sa.Column('skipped_count', sa.Integer(), nullable=False),
    sa.Column('failed_batches', sa.Integer(), nullable=False),
    sa.Column('runs', sa.Integer(), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('uploaded_by_id', sa.BigInteger(), nullable=True),
    sa.Column('started_by_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('enqueued_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('heartbeat_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('tenant_id', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['started_by_id'], ['user_account.id'], name=op.f('fk_beneficiary_import_started_by_id_user_account')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_beneficiary_import_tenant_id_tenant'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['user_account.id'], name=op.f('fk_beneficiary_import_uploaded_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_beneficiary_import')),
    sa.UniqueConstraint('tenant_id', 'id', name=op.f('uq_beneficiary_import_tenant_id_id'))
    )
    with op.batch_alter_table('beneficiary_import', schema=None) as batch_op:
        batch_op.create_index('ix_beneficiary_import_tenant_created', ['tenant_id', 'created_at'], unique=False)


def _issue_table():
    op.create_table('beneficiary_import_issue',
    sa.Column('id', BIG_ID, nullable=False),
    sa.Column('import_id', sa.BigInteger(), nullable=False),
    sa.Column('kind', sa.Enum('error', 'skipped', 'batch', name='issuekind', native_enum=False, length=8), nullable=False),
    sa.Column('row_number', sa.Integer(), nullable=False),
    sa.Column('field', sa.String(length=40), nullable=True),
    sa.Column('column', sa.String(length=200), nullable=True),
    sa.Column('message_ar', sa.Text(), nullable=False),
    sa.Column('message_en', sa.Text(), nullable=False),
    sa.Column('tenant_id', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id', 'import_id'], ['beneficiary_import.tenant_id', 'beneficiary_import.id'], name=op.f('fk_beneficiary_import_issue_tenant_id_import_id_beneficiary_import'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_beneficiary_import_issue_tenant_id_tenant'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_beneficiary_import_issue')),
    sa.UniqueConstraint('tenant_id', 'id', name=op.f('uq_beneficiary_import_issue_tenant_id_id'))
    )
    with op.batch_alter_table('beneficiary_import_issue', schema=None) as batch_op:
        batch_op.create_index('ix_beneficiary_import_issue_tenant_import_row', ['tenant_id', 'import_id', 'kind', 'row_number'], unique=False)


def _mapping_table():
    op.create_table('beneficiary_import_mapping',
    sa.Column('id', BIG_ID, nullable=False),
    sa.Column('header_key', sa.String(length=200), nullable=False),
    sa.Column('header', sa.String(length=200), nullable=False),
    sa.Column('field', sa.String(length=40), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('tenant_id', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_beneficiary_import_mapping_tenant_id_tenant'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_beneficiary_import_mapping')),
    sa.UniqueConstraint('tenant_id', 'header_key', name=op.f('uq_beneficiary_import_mapping_tenant_id_header_key')),
    sa.UniqueConstraint('tenant_id', 'id', name=op.f('uq_beneficiary_import_mapping_tenant_id_id'))
    )


def upgrade():
    _import_table()
    _issue_table()
    _mapping_table()
    for table in TABLES:
        rls.enable(op, table)


def downgrade():
    op.drop_table('beneficiary_import_mapping')
    with op.batch_alter_table('beneficiary_import_issue', schema=None) as batch_op:
        batch_op.drop_index('ix_beneficiary_import_issue_tenant_import_row')
    op.drop_table('beneficiary_import_issue')
    with op.batch_alter_table('beneficiary_import', schema=None) as batch_op:
        batch_op.drop_index('ix_beneficiary_import_tenant_created')
    op.drop_table('beneficiary_import')
