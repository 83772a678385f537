"""operations: a job remembers the request that submitted it; scheduled runs happen once

jobs.request_id: the X-Request-ID of the request that submitted the job, set in the log context
while it runs. schedule_runs: one row per (task, slot); the unique key makes a due run happen once
however many schedulers race for it.

Revision ID: 0014
Revises: 0009
Create Date: 2026-11-29 23:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("request_id", sa.String(length=64), nullable=False, server_default=""))
    op.create_table(
        "schedule_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task", sa.String(length=60), nullable=False),
        sa.Column("slot", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("runner", sa.String(length=80), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_schedule_runs")),
        sa.UniqueConstraint("task", "slot", name=op.f("uq_schedule_runs_task")),
    )


def downgrade():
    op.drop_table("schedule_runs")
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.drop_column("request_id")
