"""usage: an agreement's distinct answers, found without walking every call

The differencing check reads an agreement's earlier answers of one shape. With an index on each
column alone it walked every earlier call of that shape, the same question asked again included,
so each call cost more than the last (2 ms at 3,000 calls). A partial index now holds only the calls
that stored their group counts, and a question asked again with the same answer stores none.

Revision ID: 0016_usage_answers
Revises: 0015_money
Create Date: 2026-11-30 05:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = "0016_usage_answers"
down_revision = "0015_money"
branch_labels = None
depends_on = None

ANSWERS = "outcome = 'ok' AND group_counts IS NOT NULL"


def upgrade():
    # earlier repeats of an answer stay: they are history, and the check reads them as before
    with op.batch_alter_table("usage_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_usage_entries_shape")
    op.create_index(
        "ix_usage_entries_answers",
        "usage_entries",
        ["agreement_id", "shape", "id"],
        sqlite_where=sa.text(ANSWERS),
        postgresql_where=sa.text(ANSWERS),
    )


def downgrade():
    op.drop_index("ix_usage_entries_answers", table_name="usage_entries")
    with op.batch_alter_table("usage_entries", schema=None) as batch_op:
        batch_op.create_index("ix_usage_entries_shape", ["shape"], unique=False)
