"""enterprise membership and verification (实名认证)

An enterprise user acts for its enterprise only as an active member: `users.organisation_id` becomes
nullable (NULL while a membership request waits, after refusal or removal) and `memberships` records
each user's request, status and role. Enterprises carry a verification status; the business licence
details they submit and the operator's decision are kept in `enterprise_verifications`.

Backfill: every existing enterprise user becomes an active member, the first (lowest id) user of each
enterprise its administrator; every existing organisation is verified.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 19:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('verification_status', sa.String(length=20), nullable=False, server_default='unverified'))
        batch_op.add_column(sa.Column('verified_at', sa.DateTime(), nullable=True))

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column('organisation_id', existing_type=sa.Integer(), nullable=True)

    op.create_table('memberships',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('requested_at', sa.DateTime(), nullable=False),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(length=500), nullable=False),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_memberships_decided_by_id_users')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_memberships_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_memberships_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_memberships')),
    sa.UniqueConstraint('user_id', name=op.f('uq_memberships_user_id'))
    )
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.create_index('ix_memberships_organisation_status', ['organisation_id', 'status'], unique=False)

    op.create_table('enterprise_verifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('licence_name', sa.String(length=200), nullable=False),
    sa.Column('licence_credit_code', sa.String(length=18), nullable=False),
    sa.Column('legal_representative', sa.String(length=100), nullable=False),
    sa.Column('registered_address', sa.String(length=300), nullable=False),
    sa.Column('registered_capital', sa.String(length=100), nullable=False),
    sa.Column('established_on', sa.Date(), nullable=True),
    sa.Column('business_scope', sa.Text(), nullable=False),
    sa.Column('submitted_by_id', sa.Integer(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('reason', sa.String(length=500), nullable=False),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_enterprise_verifications_decided_by_id_users')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_enterprise_verifications_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['users.id'], name=op.f('fk_enterprise_verifications_submitted_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enterprise_verifications'))
    )
    with op.batch_alter_table('enterprise_verifications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_enterprise_verifications_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_enterprise_verifications_status'), ['status'], unique=False)

    # Backfill: what existed was trusted as it was.
    op.execute("UPDATE organisations SET verification_status = 'verified', verified_at = created_at")
    op.execute(
        """
        INSERT INTO memberships (user_id, organisation_id, status, role, requested_at, decided_at, reason)
        SELECT u.id, u.organisation_id, 'active',
               CASE WHEN u.id = (SELECT MIN(f.id) FROM users f
                                 WHERE f.organisation_id = u.organisation_id AND f.role = 'consumer')
                    THEN 'administrator' ELSE 'member' END,
               u.created_at, u.created_at, ''
        FROM users u
        WHERE u.role = 'consumer' AND u.organisation_id IS NOT NULL
        """
    )


def downgrade():
    # The old schema cannot say "asked to join": such users go back into the enterprise they asked for,
    # but signed out of it (inactive), so the downgrade grants nobody access.
    op.execute(
        """
        UPDATE users SET active = false,
               organisation_id = (SELECT m.organisation_id FROM memberships m WHERE m.user_id = users.id)
        WHERE organisation_id IS NULL
        """
    )
    with op.batch_alter_table('enterprise_verifications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_enterprise_verifications_status'))
        batch_op.drop_index(batch_op.f('ix_enterprise_verifications_organisation_id'))
    op.drop_table('enterprise_verifications')
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.drop_index('ix_memberships_organisation_status')
    op.drop_table('memberships')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column('organisation_id', existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.drop_column('verified_at')
        batch_op.drop_column('verification_status')
