"""catalog change log: every category change, so each node's search index can follow it

Revision ID: 0013
Revises: 0009
Create Date: 2026-11-29 23:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "catalog_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("category_code", sa.String(length=32), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalog_changes")),
        sqlite_autoincrement=True,
    )


def downgrade():
    op.drop_table("catalog_changes")
