"""policy versions: draft, approved, published, superseded

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 03:05:00.000000

"""
import sqlalchemy as sa
from alembic import op

from wasl.tenancy import rls


# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

# The last guard behind the services and the ORM hook: even raw SQL cannot rewrite a version that has left
# the draft status, move its status backwards, or delete a version that was ever published.
PG_FROZEN_FUNCTION = """
CREATE OR REPLACE FUNCTION policy_version_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status IN ('published', 'superseded') THEN
      RAISE EXCEPTION 'policy version % was published and cannot be deleted', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status <> 'draft' AND (NEW.content::text IS DISTINCT FROM OLD.content::text
      OR NEW.content_hash IS DISTINCT FROM OLD.content_hash OR NEW.number <> OLD.number
      OR NEW.tenant_id <> OLD.tenant_id) THEN
    RAISE EXCEPTION 'policy version % is % and its content cannot change', OLD.id, OLD.status
      USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status <> OLD.status AND NOT (
      (OLD.status = 'draft' AND NEW.status = 'approved') OR
      (OLD.status = 'approved' AND NEW.status = 'published') OR
      (OLD.status = 'published' AND NEW.status = 'superseded')) THEN
    RAISE EXCEPTION 'policy version % cannot go from % to %', OLD.id, OLD.status, NEW.status
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$
"""

SQLITE_TRIGGERS = (
    """
    CREATE TRIGGER policy_version_frozen_content BEFORE UPDATE ON policy_version
    WHEN OLD.status <> 'draft' AND (NEW.content IS NOT OLD.content OR NEW.content_hash IS NOT OLD.content_hash
         OR NEW.number IS NOT OLD.number OR NEW.tenant_id IS NOT OLD.tenant_id)
    BEGIN SELECT RAISE(ABORT, 'policy version is no longer a draft and its content cannot change'); END
    """,
    """
    CREATE TRIGGER policy_version_forward_only BEFORE UPDATE OF status ON policy_version
    WHEN NEW.status <> OLD.status AND NOT (
         (OLD.status = 'draft' AND NEW.status = 'approved') OR
         (OLD.status = 'approved' AND NEW.status = 'published') OR
         (OLD.status = 'published' AND NEW.status = 'superseded'))
    BEGIN SELECT RAISE(ABORT, 'policy version status can only move forward'); END
    """,
    """
    CREATE TRIGGER policy_version_kept BEFORE DELETE ON policy_version
    WHEN OLD.status IN ('published', 'superseded')
    BEGIN SELECT RAISE(ABORT, 'a published policy version cannot be deleted'); END
    """,
)


def upgrade():
    op.create_table('policy_version',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'approved', 'published', 'superseded', name='policystatus', native_enum=False, length=16), nullable=False),
    sa.Column('source', sa.Enum('import', 'template', 'copy', 'editor', name='policysource', native_enum=False, length=16), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('lock_version', sa.Integer(), nullable=False),
    sa.Column('shareable', sa.Boolean(), nullable=False),
    sa.Column('copied_from_tenant_id', sa.BigInteger(), nullable=True),
    sa.Column('copied_from_number', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.BigInteger(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('approved_by_id', sa.BigInteger(), nullable=True),
    sa.Column('approved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('approval_meeting_number', sa.String(length=32), nullable=True),
    sa.Column('approved_on', sa.Date(), nullable=True),
    sa.Column('approved_on_hijri', sa.String(length=10), nullable=True),
    sa.Column('published_by_id', sa.BigInteger(), nullable=True),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('superseded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('tenant_id', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['approved_by_id'], ['user_account.id'], name=op.f('fk_policy_version_approved_by_id_user_account')),
    sa.ForeignKeyConstraint(['copied_from_tenant_id'], ['tenant.id'], name=op.f('fk_policy_version_copied_from_tenant_id_tenant')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_policy_version_created_by_id_user_account')),
    sa.ForeignKeyConstraint(['published_by_id'], ['user_account.id'], name=op.f('fk_policy_version_published_by_id_user_account')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_policy_version_tenant_id_tenant'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user_account.id'], name=op.f('fk_policy_version_updated_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_policy_version')),
    sa.UniqueConstraint('tenant_id', 'id', name=op.f('uq_policy_version_tenant_id_id')),
    sa.UniqueConstraint('tenant_id', 'number', name=op.f('uq_policy_version_tenant_id_number'))
    )
    with op.batch_alter_table('policy_version', schema=None) as batch_op:
        batch_op.create_index('uq_policy_version_one_open', ['tenant_id'], unique=True, sqlite_where=sa.text("status IN ('draft', 'approved')"), postgresql_where=sa.text("status IN ('draft', 'approved')"))
        batch_op.create_index('uq_policy_version_one_published', ['tenant_id'], unique=True, sqlite_where=sa.text("status = 'published'"), postgresql_where=sa.text("status = 'published'"))

    rls.enable(op, 'policy_version')
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(PG_FROZEN_FUNCTION)
        op.execute('CREATE TRIGGER policy_version_frozen BEFORE UPDATE OR DELETE ON policy_version '
                   'FOR EACH ROW EXECUTE FUNCTION policy_version_frozen()')
    elif op.get_bind().dialect.name == 'sqlite':
        for trigger in SQLITE_TRIGGERS:
            op.execute(trigger)


def downgrade():
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('DROP TRIGGER IF EXISTS policy_version_frozen ON policy_version')
        op.execute('DROP FUNCTION IF EXISTS policy_version_frozen()')
    with op.batch_alter_table('policy_version', schema=None) as batch_op:
        batch_op.drop_index('uq_policy_version_one_published', sqlite_where=sa.text("status = 'published'"), postgresql_where=sa.text("status = 'published'"))
        batch_op.drop_index('uq_policy_version_one_open', sqlite_where=sa.text("status IN ('draft', 'approved')"), postgresql_where=sa.text("status IN ('draft', 'approved')"))

    op.drop_table('policy_version')
