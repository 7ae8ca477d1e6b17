"""notifications: the outbox, delivery attempts, provider settings, template overrides and rules

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-22 02:44:25.475461

"""
import sqlalchemy as sa
from alembic import op

from wasl.tenancy import rls

TABLES = ("notification", "notification_provider_config", "notification_settings", "notification_template",
          "notification_attempt")


# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('notification',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('event', sa.String(length=64), nullable=False),
    sa.Column('channel', sa.Enum('email', 'sms', 'whatsapp', name='channel', native_enum=False, length=16), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('recipient_kind', sa.String(length=16), nullable=False),
    sa.Column('recipient_ref_id', sa.BigInteger(), nullable=True),
    sa.Column('recipient_name', sa.String(length=200), nullable=False),
    sa.Column('recipient_address_encrypted', sa.Text(), nullable=True),
    sa.Column('object_type', sa.String(length=40), nullable=True),
    sa.Column('object_id', sa.String(length=64), nullable=True),
    sa.Column('subject', sa.String(length=300), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('template_name', sa.String(length=120), nullable=True),
    sa.Column('template_params', sa.JSON(), nullable=False),
    sa.Column('segments', sa.Integer(), nullable=True),
    sa.Column('essential', sa.Boolean(), nullable=False),
    sa.Column('urgent', sa.Boolean(), nullable=False),
    sa.Column('sensitive', sa.Boolean(), nullable=False),
    sa.Column('status', sa.Enum('pending', 'sending', 'sent', 'failed', 'dead', name='notificationstatus', native_enum=False, length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('max_attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('enqueued_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('provider', sa.String(length=32), nullable=True),
    sa.Column('provider_message_id', sa.String(length=128), nullable=True),
    sa.Column('idempotency_key', sa.String(length=64), nullable=False),
    sa.Column('last_error', sa.String(length=500), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('tenant_id', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_notification_tenant_id_tenant'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notification')),
    sa.UniqueConstraint('tenant_id', 'id', name=op.f('uq_notification_tenant_id_id')),
    sa.UniqueConstraint('tenant_id', 'idempotency_key', name=op.f('uq_notification_tenant_id_idempotency_key'))
    )
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.create_index('ix_notification_tenant_created', ['tenant_id', 'created_at'], unique=False)
        batch_op.create_index('ix_notification_tenant_event', ['tenant_id', 'event'], unique=False)
        batch_op.create_index('ix_notification_tenant_open', ['tenant_id', 'next_attempt_at'], unique=False, postgresql_where=sa.text("status IN ('pending', 'sending', 'failed')"), sqlite_where=sa.text("status IN ('pending', 'sending', 'failed')"))

    op.create_table('notification_provider_config',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('channel', sa.Enum('email', 'sms', 'whatsapp', name='channel', native_enum=False, length=16), nullable=False),
    sa.Column('provider', sa.String(length=32), nullable=False),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('settings', sa.JSON(), nullable=False),
    sa.Column('secrets_encrypted', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('tenant_id', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_notification_provider_config_tenant_id_tenant'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notification_provider_config')),
    sa.UniqueConstraint('tenant_id', 'channel', name=op.f('uq_notification_provider_config_tenant_id_channel')),
    sa.UniqueConstraint('tenant_id', 'id', name=op.f('uq_notification_provider_config_tenant_id_id'))
    )
    op.create_table('notification_settings',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('quiet_hours_enabled', sa.Boolean(), nullable=False),
    sa.Column('quiet_start', sa.Time(), nullable=False),
    sa.Column('quiet_end', sa.Time(), nullable=False),
    sa.Column('fallback_order', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('tenant_id', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_notification_settings_tenant_id_tenant'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notification_settings')),
    sa.UniqueConstraint('tenant_id', 'id', name=op.f('uq_notification_settings_tenant_id_id')),
    sa.UniqueConstraint('tenant_id', name=op.f('uq_notification_settings_tenant_id'))
    )
    op.create_table('notification_template',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('event', sa.String(length=64), nullable=False),
    sa.Column('channel', sa.Enum('email', 'sms', 'whatsapp', name='channel', native_enum=False, length=16), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('whatsapp_template', sa.String(length=120), nullable=True),
    sa.Column('whatsapp_params', sa.JSON(), nullable=False),
    sa.Column('updated_by_user_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('tenant_id', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_notification_template_tenant_id_tenant'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['updated_by_user_id'], ['user_account.id'], name=op.f('fk_notification_template_updated_by_user_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notification_template')),
    sa.UniqueConstraint('tenant_id', 'event', 'channel', 'locale', name=op.f('uq_notification_template_tenant_id_event_channel_locale')),
    sa.UniqueConstraint('tenant_id', 'id', name=op.f('uq_notification_template_tenant_id_id'))
    )
    op.create_table('notification_attempt',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('notification_id', sa.BigInteger(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('provider', sa.String(length=32), nullable=True),
    sa.Column('outcome', sa.Enum('sent', 'retryable', 'permanent', 'interrupted', name='outcome', native_enum=False, length=16), nullable=True),
    sa.Column('status_code', sa.Integer(), nullable=True),
    sa.Column('provider_message_id', sa.String(length=128), nullable=True),
    sa.Column('detail', sa.String(length=1000), nullable=True),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('tenant_id', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id', 'notification_id'], ['notification.tenant_id', 'notification.id'], name=op.f('fk_notification_attempt_tenant_id_notification_id_notification'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_notification_attempt_tenant_id_tenant'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notification_attempt')),
    sa.UniqueConstraint('tenant_id', 'id', name=op.f('uq_notification_attempt_tenant_id_id'))
    )
    with op.batch_alter_table('notification_attempt', schema=None) as batch_op:
        batch_op.create_index('ix_notification_attempt_tenant_notification', ['tenant_id', 'notification_id'], unique=False)

    for table in TABLES:
        rls.enable(op, table)


def downgrade():
    with op.batch_alter_table('notification_attempt', schema=None) as batch_op:
        batch_op.drop_index('ix_notification_attempt_tenant_notification')

    op.drop_table('notification_attempt')
    op.drop_table('notification_template')
    op.drop_table('notification_settings')
    op.drop_table('notification_provider_config')
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.drop_index('ix_notification_tenant_open', postgresql_where=sa.text("status IN ('pending', 'sending', 'failed')"), sqlite_where=sa.text("status IN ('pending', 'sending', 'failed')"))
        batch_op.drop_index('ix_notification_tenant_event')
        batch_op.drop_index('ix_notification_tenant_created')

    op.drop_table('notification')
