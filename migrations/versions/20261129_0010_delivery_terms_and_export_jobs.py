"""delivery terms and export jobs

The agreement's delivery terms (feedback schedule, exports blocked by overdue feedback, operator
approval of exports) and the job that makes an export's file.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29 23:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("agreements", schema=None) as batch_op:
        batch_op.add_column(sa.Column("feedback_every_days", sa.Integer(), nullable=False, server_default="90"))
        batch_op.add_column(
            sa.Column("feedback_blocks_exports", sa.Boolean(), nullable=False, server_default=sa.true())
        )
        batch_op.add_column(
            sa.Column("export_operator_approval", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("export_requests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("job_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("operator_decided_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("operator_decided_at", sa.DateTime(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_export_requests_operator_decided_by_id_users"), "users", ["operator_decided_by_id"], ["id"]
        )


def downgrade():
    with op.batch_alter_table("export_requests", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_export_requests_operator_decided_by_id_users"), type_="foreignkey")
        batch_op.drop_column("operator_decided_at")
        batch_op.drop_column("operator_decided_by_id")
        batch_op.drop_column("job_id")
    with op.batch_alter_table("agreements", schema=None) as batch_op:
        batch_op.drop_column("export_operator_approval")
        batch_op.drop_column("feedback_blocks_exports")
        batch_op.drop_column("feedback_every_days")
