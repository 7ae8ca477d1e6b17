"""cases: service requests, their timeline, referrals, pledges, eligibility checks, votes, decisions, deliveries

Revision ID: 0006
Revises: 0002 (policy_version), 0004 (beneficiary): a case refers to rows of both, so it comes after both
(Alembic's depends_on on two sibling heads of 0001 breaks "upgrade heads", hence a merge point instead)
Create Date: 2026-11-22 02:47:53.690059

"""
import sqlalchemy as sa
from alembic import op

from wasl.tenancy import rls

TENANT_TABLES = ("case_settings", "service_case", "case_decision", "case_event", "case_pledge", "case_referral",
                 "committee_vote", "criterion_evaluation", "eligibility_check", "service_delivery")


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = ('0002', '0004')
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('case_settings',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('number_prefix', sa.String(length=8), nullable=True),
    sa.Column('quorum', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('tenant_id', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_case_settings_tenant_id_tenant'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_settings')),
    sa.UniqueConstraint('tenant_id', 'id', name=op.f('uq_case_settings_tenant_id_id')),
    sa.UniqueConstraint('tenant_id', name=op.f('uq_case_settings_tenant_id'))
    )
    op.create_table('service_case',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('beneficiary_id', sa.BigInteger(), nullable=False),
    sa.Column('policy_version_id', sa.BigInteger(), nullable=False),
    sa.Column('service_key', sa.String(length=64), nullable=False),
    sa.Column('channel', sa.String(length=64), nullable=False),
    sa.Column('step', sa.String(length=32), nullable=False),
    sa.Column('status', sa.Enum('open', 'referred', 'withdrawn', 'rejected', 'closed', name='casestatus', native_enum=False, length=16), nullable=False),
    sa.Column('waiting_role', sa.String(length=64), nullable=True),
    sa.Column('priority', sa.Enum('low', 'normal', 'high', 'urgent', name='priority', native_enum=False, length=8), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('assignee_id', sa.BigInteger(), nullable=True),
    sa.Column('opened_by_id', sa.BigInteger(), nullable=True),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('review_round', sa.Integer(), nullable=False),
    sa.Column('committee_submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decision_due_on', sa.Date(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('due_soon_reminded_on', sa.Date(), nullable=True),
    sa.Column('overdue_reminded_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('lock_version', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['assignee_id'], ['user_account.id'], name=op.f('fk_service_case_assignee_id_user_account')),
    sa.ForeignKeyConstraint(['opened_by_id'], ['user_account.id'], name=op.f('fk_service_case_opened_by_id_user_account')),
    sa.ForeignKeyConstraint(['tenant_id', 'beneficiary_id'], ['beneficiary.tenant_id', 'beneficiary.id'], name=op.f('fk_service_case_tenant_id_beneficiary_id_beneficiary')),
    sa.ForeignKeyConstraint(['tenant_id', 'policy_version_id'], ['policy_version.tenant_id', 'policy_version.id'], name=op.f('fk_service_case_tenant_id_policy_version_id_policy_version')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_service_case_tenant_id_tenant'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_case')),
    sa.UniqueConstraint('tenant_id', 'id', name=op.f('uq_service_case_tenant_id_id')),
    sa.UniqueConstraint('tenant_id', 'number', name=op.f('uq_service_case_tenant_id_number'))
    )
    with op.batch_alter_table('service_case', schema=None) as batch_op:
        batch_op.create_index('ix_service_case_tenant_assignee', ['tenant_id', 'assignee_id'], unique=False)
        batch_op.create_index('ix_service_case_tenant_beneficiary', ['tenant_id', 'beneficiary_id'], unique=False)
        batch_op.create_index('ix_service_case_tenant_created', ['tenant_id', 'created_at'], unique=False)
        batch_op.create_index('ix_service_case_tenant_status_due', ['tenant_id', 'status', 'decision_due_on'], unique=False)
        batch_op.create_index('ix_service_case_tenant_waiting_role', ['tenant_id', 'waiting_role', 'status'], unique=False)

    op.create_table('case_decision',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('case_id', sa.BigInteger(), nullable=False),
    sa.Column('review_round', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.String(length=10), nullable=False),
    sa.Column('reasons', sa.Text(), nullable=False),
    sa.Column('votes_for', sa.Integer(), nullable=False),
    sa.Column('votes_against', sa.Integer(), nullable=False),
    sa.Column('quorum', sa.Integer(), nullable=False),
    sa.Column('decided_by_id', sa.BigInteger(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('tenant_id', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user_account.id'], name=op.f('fk_case_decision_decided_by_id_user_account')),
    sa.ForeignKeyConstraint(['tenant_id', 'case_id'], ['service_case.tenant_id', 'service_case.id'], name=op.f('fk_case_decision_tenant_id_case_id_service_case')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_case_decision_tenant_id_tenant'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_decision')),
    sa.UniqueConstraint('tenant_id', 'case_id', 'review_round', name=op.f('uq_case_decision_tenant_id_case_id_review_round')),
    sa.UniqueConstraint('tenant_id', 'id', name=op.f('uq_case_decision_tenant_id_id'))
    )
    with op.batch_alter_table('case_decision', schema=None) as batch_op:
        batch_op.create_index('ix_case_decision_tenant_decided', ['tenant_id', 'decided_at'], unique=False)

    op.create_table('case_event',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('case_id', sa.BigInteger(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=True),
    sa.Column('step', sa.String(length=32), nullable=True),
    sa.Column('to_step', sa.String(length=32), nullable=True),
    sa.Column('review_round', sa.Integer(), nullable=True),
    sa.Column('actor_id', sa.BigInteger(), nullable=True),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('tenant_id', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['user_account.id'], name=op.f('fk_case_event_actor_id_user_account')),
    sa.ForeignKeyConstraint(['tenant_id', 'case_id'], ['service_case.tenant_id', 'service_case.id'], name=op.f('fk_case_event_tenant_id_case_id_service_case')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_case_event_tenant_id_tenant'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_event')),
    sa.UniqueConstraint('tenant_id', 'id', name=op.f('uq_case_event_tenant_id_id'))
    )
    with op.batch_alter_table('case_event', schema=None) as batch_op:
        batch_op.create_index('ix_case_event_tenant_case', ['tenant_id', 'case_id', 'id'], unique=False)

    op.create_table('case_pledge',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('case_id', sa.BigInteger(), nullable=False),
    sa.Column('declaration', sa.JSON(), nullable=False),
    sa.Column('signed_name', sa.String(length=200), nullable=False),
    sa.Column('signature_png', sa.LargeBinary(), nullable=False),
    sa.Column('signature_sha256', sa.String(length=64), nullable=False),
    sa.Column('attested_hash', sa.String(length=64), nullable=False),
    sa.Column('taken_by_id', sa.BigInteger(), nullable=True),
    sa.Column('signed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('voided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('void_reason', sa.String(length=200), nullable=True),
    sa.Column('tenant_id', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['taken_by_id'], ['user_account.id'], name=op.f('fk_case_pledge_taken_by_id_user_account')),
    sa.ForeignKeyConstraint(['tenant_id', 'case_id'], ['service_case.tenant_id', 'service_case.id'], name=op.f('fk_case_pledge_tenant_id_case_id_service_case')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_case_pledge_tenant_id_tenant'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_pledge')),
    sa.UniqueConstraint('tenant_id', 'id', name=op.f('uq_case_pledge_tenant_id_id'))
    )
    with op.batch_alter_table('case_pledge', schema=None) as batch_op:
        batch_op.create_index('ix_case_pledge_tenant_case', ['tenant_id', 'case_id'], unique=False)

    op.create_table('case_referral',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('case_id', sa.BigInteger(), nullable=False),
    sa.Column('target_role', sa.String(length=64), nullable=False),
    sa.Column('question', sa.Text(), nullable=False),
    sa.Column('referred_by_id', sa.BigInteger(), nullable=True),
    sa.Column('referred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('answer', sa.Text(), nullable=True),
    sa.Column('answered_by_id', sa.BigInteger(), nullable=True),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('tenant_id', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['answered_by_id'], ['user_account.id'], name=op.f('fk_case_referral_answered_by_id_user_account')),
    sa.ForeignKeyConstraint(['referred_by_id'], ['user_account.id'], name=op.f('fk_case_referral_referred_by_id_user_account')),
    sa.ForeignKeyConstraint(['tenant_id', 'case_id'], ['service_case.tenant_id', 'service_case.id'], name=op.f('fk_case_referral_tenant_id_case_id_service_case')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_case_referral_tenant_id_tenant'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_referral')),
    sa.UniqueConstraint('tenant_id', 'id', name=op.f('uq_case_referral_tenant_id_id'))
    )
    with op.batch_alter_table('case_referral', schema=None) as batch_op:
        batch_op.create_index('ix_case_referral_tenant_case', ['tenant_id', 'case_id'], unique=False)
        batch_op.create_index('ix_case_referral_tenant_open', ['tenant_id', 'target_role', 'answered_at'], unique=False)

    op.create_table('committee_vote',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('case_id', sa.BigInteger(), nullable=False),
    sa.Column('review_round', sa.Integer(), nullable=False),
    sa.Column('voter_id', sa.BigInteger(), nullable=False),
    sa.Column('vote', sa.String(length=8), nullable=False),
    sa.Column('reasons', sa.Text(), nullable=False),
    sa.Column('cast_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('tenant_id', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id', 'case_id'], ['service_case.tenant_id', 'service_case.id'], name=op.f('fk_committee_vote_tenant_id_case_id_service_case')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_committee_vote_tenant_id_tenant'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['voter_id'], ['user_account.id'], name=op.f('fk_committee_vote_voter_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_committee_vote')),
    sa.UniqueConstraint('tenant_id', 'case_id', 'review_round', 'voter_id', name=op.f('uq_committee_vote_tenant_id_case_id_review_round_voter_id')),
    sa.UniqueConstraint('tenant_id', 'id', name=op.f('uq_committee_vote_tenant_id_id'))
    )
    op.create_table('criterion_evaluation',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('case_id', sa.BigInteger(), nullable=False),
    sa.Column('review_round', sa.Integer(), nullable=False),
    sa.Column('criterion_index', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('text', sa.JSON(), nullable=False),
    sa.Column('met', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('evaluated_by_id', sa.BigInteger(), nullable=True),
    sa.Column('evaluated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('tenant_id', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['evaluated_by_id'], ['user_account.id'], name=op.f('fk_criterion_evaluation_evaluated_by_id_user_account')),
    sa.ForeignKeyConstraint(['tenant_id', 'case_id'], ['service_case.tenant_id', 'service_case.id'], name=op.f('fk_criterion_evaluation_tenant_id_case_id_service_case')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_criterion_evaluation_tenant_id_tenant'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_criterion_evaluation')),
    sa.UniqueConstraint('tenant_id', 'case_id', 'review_round', 'criterion_index', name=op.f('uq_criterion_evaluation_tenant_id_case_id_review_round_criterion_index')),
    sa.UniqueConstraint('tenant_id', 'id', name=op.f('uq_criterion_evaluation_tenant_id_id'))
    )
    op.create_table('eligibility_check',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('case_id', sa.BigInteger(), nullable=False),
    sa.Column('review_round', sa.Integer(), nullable=False),
    sa.Column('mechanism', sa.String(length=32), nullable=False),
    sa.Column('required', sa.Boolean(), nullable=False),
    sa.Column('scheduled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('assignee_id', sa.BigInteger(), nullable=True),
    sa.Column('address', sa.Text(), nullable=True),
    sa.Column('checklist', sa.JSON(), nullable=False),
    sa.Column('report', sa.Text(), nullable=True),
    sa.Column('outcome', sa.String(length=16), nullable=True),
    sa.Column('completed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('completed_by_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('tenant_id', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['assignee_id'], ['user_account.id'], name=op.f('fk_eligibility_check_assignee_id_user_account')),
    sa.ForeignKeyConstraint(['completed_by_id'], ['user_account.id'], name=op.f('fk_eligibility_check_completed_by_id_user_account')),
    sa.ForeignKeyConstraint(['tenant_id', 'case_id'], ['service_case.tenant_id', 'service_case.id'], name=op.f('fk_eligibility_check_tenant_id_case_id_service_case')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_eligibility_check_tenant_id_tenant'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_eligibility_check')),
    sa.UniqueConstraint('tenant_id', 'id', name=op.f('uq_eligibility_check_tenant_id_id'))
    )
    with op.batch_alter_table('eligibility_check', schema=None) as batch_op:
        batch_op.create_index('ix_eligibility_check_tenant_assignee', ['tenant_id', 'assignee_id', 'completed_at'], unique=False)
        batch_op.create_index('ix_eligibility_check_tenant_case', ['tenant_id', 'case_id', 'review_round'], unique=False)

    op.create_table('service_delivery',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('case_id', sa.BigInteger(), nullable=False),
    sa.Column('delivered_on', sa.Date(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('quantity', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('delivered_by_id', sa.BigInteger(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('tenant_id', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['delivered_by_id'], ['user_account.id'], name=op.f('fk_service_delivery_delivered_by_id_user_account')),
    sa.ForeignKeyConstraint(['tenant_id', 'case_id'], ['service_case.tenant_id', 'service_case.id'], name=op.f('fk_service_delivery_tenant_id_case_id_service_case')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_service_delivery_tenant_id_tenant'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_delivery')),
    sa.UniqueConstraint('tenant_id', 'id', name=op.f('uq_service_delivery_tenant_id_id'))
    )
    with op.batch_alter_table('service_delivery', schema=None) as batch_op:
        batch_op.create_index('ix_service_delivery_tenant_case', ['tenant_id', 'case_id'], unique=False)

    for table in TENANT_TABLES:
        rls.enable(op, table)


def downgrade():
    with op.batch_alter_table('service_delivery', schema=None) as batch_op:
        batch_op.drop_index('ix_service_delivery_tenant_case')

    op.drop_table('service_delivery')
    with op.batch_alter_table('eligibility_check', schema=None) as batch_op:
        batch_op.drop_index('ix_eligibility_check_tenant_case')
        batch_op.drop_index('ix_eligibility_check_tenant_assignee')

    op.drop_table('eligibility_check')
    op.drop_table('criterion_evaluation')
    op.drop_table('committee_vote')
    with op.batch_alter_table('case_referral', schema=None) as batch_op:
        batch_op.drop_index('ix_case_referral_tenant_open')
        batch_op.drop_index('ix_case_referral_tenant_case')

    op.drop_table('case_referral')
    with op.batch_alter_table('case_pledge', schema=None) as batch_op:
        batch_op.drop_index('ix_case_pledge_tenant_case')

    op.drop_table('case_pledge')
    with op.batch_alter_table('case_event', schema=None) as batch_op:
        batch_op.drop_index('ix_case_event_tenant_case')

    op.drop_table('case_event')
    with op.batch_alter_table('case_decision', schema=None) as batch_op:
        batch_op.drop_index('ix_case_decision_tenant_decided')

    op.drop_table('case_decision')
    with op.batch_alter_table('service_case', schema=None) as batch_op:
        batch_op.drop_index('ix_service_case_tenant_waiting_role')
        batch_op.drop_index('ix_service_case_tenant_status_due')
        batch_op.drop_index('ix_service_case_tenant_created')
        batch_op.drop_index('ix_service_case_tenant_beneficiary')
        batch_op.drop_index('ix_service_case_tenant_assignee')

    op.drop_table('service_case')
    op.drop_table('case_settings')
