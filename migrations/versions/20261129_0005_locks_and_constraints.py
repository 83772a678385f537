"""constraints behind the locks

The last line of defence when two decisions race (core/locks.py is the first): at most one
agreement per negotiation thread, at most one standing offer per thread (a partial unique index),
at most one payment per bank statement line, and refunds never above what was paid (CHECKs on the
payment row, and a trigger that adds up the refunds themselves). The invoice already has at most
one per agreement (uq_invoices_agreement_id, migration 0003).

Data a race may already have left behind is put right first where that is safe: agreements learn
their thread from threads.agreement_id; of several standing offers on one thread only the newest
stays standing (the others are marked superseded, as the next offer would have done).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 19:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

STANDING = "status = 'standing'"
REFUNDS_WITHIN_PAYMENT_SQLITE = """
CREATE TRIGGER refunds_within_payment BEFORE INSERT ON refunds
WHEN round((SELECT coalesce(sum(amount), 0) FROM refunds WHERE payment_id = NEW.payment_id) + NEW.amount, 2)
     > round((SELECT amount FROM payments WHERE id = NEW.payment_id), 2)
BEGIN SELECT RAISE(ABORT, 'refunds above the payment'); END
"""
REFUNDS_WITHIN_PAYMENT_POSTGRESQL = (
    """
CREATE FUNCTION refunds_within_payment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT coalesce(sum(amount), 0) FROM refunds WHERE payment_id = NEW.payment_id) + NEW.amount
     > (SELECT amount FROM payments WHERE id = NEW.payment_id) THEN
    RAISE EXCEPTION 'refunds above the payment' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$
""",
    "CREATE TRIGGER refunds_within_payment BEFORE INSERT ON refunds "
    "FOR EACH ROW EXECUTE FUNCTION refunds_within_payment()",
)


def upgrade():
    op.add_column('agreements', sa.Column('thread_id', sa.Integer(), nullable=True))
    op.execute(
        "UPDATE agreements SET thread_id = "
        "(SELECT threads.id FROM threads WHERE threads.agreement_id = agreements.id)"
    )
    op.create_index('uq_agreements_thread_id', 'agreements', ['thread_id'], unique=True)

    op.execute(
        "UPDATE offers SET status = 'superseded' WHERE status = 'standing' AND id < "
        "(SELECT max(newer.id) FROM offers AS newer WHERE newer.thread_id = offers.thread_id "
        "AND newer.status = 'standing')"
    )
    op.create_index(
        'uq_offers_standing_thread',
        'offers',
        ['thread_id'],
        unique=True,
        sqlite_where=sa.text(STANDING),
        postgresql_where=sa.text(STANDING),
    )

    op.drop_index('ix_payments_statement_line_id', table_name='payments')
    op.create_index('uq_payments_statement_line_id', 'payments', ['statement_line_id'], unique=True)
    with op.batch_alter_table('payments', schema=None) as batch_op:
        batch_op.create_check_constraint(
            op.f('ck_payments_refunds_within_amount'), 'refunded >= 0 AND refunded <= amount'
        )
        batch_op.create_check_constraint(
            op.f('ck_payments_credit_refunds_within_credit'),
            'credit_refunded >= 0 AND credit_refunded <= refunded AND credit_refunded <= credited',
        )

    if op.get_bind().dialect.name == "postgresql":
        for statement in REFUNDS_WITHIN_PAYMENT_POSTGRESQL:
            op.execute(statement)
    else:
        op.execute(REFUNDS_WITHIN_PAYMENT_SQLITE)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS refunds_within_payment ON refunds")
        op.execute("DROP FUNCTION IF EXISTS refunds_within_payment()")
    else:
        op.execute("DROP TRIGGER IF EXISTS refunds_within_payment")
    with op.batch_alter_table('payments', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_payments_credit_refunds_within_credit'), type_='check')
        batch_op.drop_constraint(op.f('ck_payments_refunds_within_amount'), type_='check')
    op.drop_index('uq_payments_statement_line_id', table_name='payments')
    op.create_index('ix_payments_statement_line_id', 'payments', ['statement_line_id'], unique=False)
    op.drop_index('uq_offers_standing_thread', table_name='offers')
    op.drop_index('uq_agreements_thread_id', table_name='agreements')
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.drop_column('thread_id')
