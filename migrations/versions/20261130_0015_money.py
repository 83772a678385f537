"""money: a chart-of-accounts table, and a journal the database keeps balanced

chart_of_accounts: the ten accounts the ledger posts to (code, 企业会计准则 number, Chinese name,
kind); journal_lines.account references it, so no line names an account outside the chart.
journal_lines: CHECKs refuse a negative amount and a line with both sides or neither. On
PostgreSQL a DEFERRABLE INITIALLY DEFERRED constraint trigger refuses, at commit, an entry whose
debits and credits differ (the entry's last line checks it, found by the new (entry_id, id) index,
so a statement's 1,000-line entry is summed once, not once per line). On SQLite the table is
rebuilt for its constraints, so its append-only triggers (0004) are made again.

Revision ID: 0015_money
Revises: 0014
Create Date: 2026-11-30 02:30:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0015_money"
down_revision = "0014"
branch_labels = None
depends_on = None

CHART = [
    ("bank", "1002", "银行存款", "asset"),
    ("stripe_clearing", "1012", "其他货币资金", "asset"),
    ("receivables", "1122", "应收账款", "asset"),
    ("customer_credit", "2203", "预收账款", "liability"),
    ("unapplied_receipts", "2241.01", "待查明款项", "liability"),
    ("vat_payable", "2221", "应交税费—销项税额", "liability"),
    ("remittance_payable", "2241.02", "应上缴国有资本收益", "liability"),
    ("revenue", "6001", "主营业务收入", "revenue"),
    ("stripe_fees", "6603", "财务费用—手续费", "expense"),
    ("remitted", "4104", "利润分配—上缴国有资本收益", "equity"),
]

BALANCED = """
CREATE FUNCTION journal_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    difference numeric;
BEGIN
    -- one check per entry: the entry's last line makes it (a line added later is the new last)
    IF EXISTS (SELECT 1 FROM journal_lines WHERE entry_id = NEW.entry_id AND id > NEW.id) THEN
        RETURN NULL;
    END IF;
    SELECT COALESCE(SUM(debit), 0) - COALESCE(SUM(credit), 0) INTO difference
        FROM journal_lines WHERE entry_id = NEW.entry_id;
    IF difference <> 0 THEN
        RAISE EXCEPTION 'journal entry % does not balance: debits - credits = %', NEW.entry_id, difference
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$
"""


def _sqlite_append_only(create: bool) -> None:
    """0004's triggers on journal_lines (a rebuilt SQLite table loses its triggers)."""
    for event in ("UPDATE", "DELETE"):
        op.execute(f"DROP TRIGGER IF EXISTS journal_lines_no_{event.lower()}")
        if create:
            op.execute(
                f"CREATE TRIGGER journal_lines_no_{event.lower()} BEFORE {event} ON journal_lines "
                "BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END"
            )


def upgrade():
    postgres = op.get_bind().dialect.name == "postgresql"
    chart = op.create_table(
        "chart_of_accounts",
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("name_zh", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_chart_of_accounts")),
        sa.UniqueConstraint("number", name=op.f("uq_chart_of_accounts_number")),
    )
    op.bulk_insert(chart, [dict(zip(("code", "number", "name_zh", "kind"), row, strict=True)) for row in CHART])
    with op.batch_alter_table("journal_lines", schema=None) as batch_op:
        batch_op.create_check_constraint("not_negative", "debit >= 0 AND credit >= 0")
        batch_op.create_check_constraint("one_sided", "(debit > 0 AND credit = 0) OR (debit = 0 AND credit > 0)")
        batch_op.create_foreign_key(
            batch_op.f("fk_journal_lines_account_chart_of_accounts"), "chart_of_accounts", ["account"], ["code"]
        )
        batch_op.drop_index(batch_op.f("ix_journal_lines_entry_id"))
        batch_op.create_index("ix_journal_lines_entry_id_id", ["entry_id", "id"], unique=False)
    if postgres:
        op.execute(BALANCED)
        op.execute(
            "CREATE CONSTRAINT TRIGGER journal_lines_balanced AFTER INSERT ON journal_lines "
            "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entry_balanced()"
        )
    else:
        _sqlite_append_only(create=True)


def downgrade():
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        op.execute("DROP TRIGGER IF EXISTS journal_lines_balanced ON journal_lines")
        op.execute("DROP FUNCTION IF EXISTS journal_entry_balanced()")
    with op.batch_alter_table("journal_lines", schema=None) as batch_op:
        batch_op.drop_index("ix_journal_lines_entry_id_id")
        batch_op.create_index(batch_op.f("ix_journal_lines_entry_id"), ["entry_id"], unique=False)
        batch_op.drop_constraint(batch_op.f("fk_journal_lines_account_chart_of_accounts"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("ck_journal_lines_one_sided"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_journal_lines_not_negative"), type_="check")
    if not postgres:
        _sqlite_append_only(create=True)
    op.drop_table("chart_of_accounts")
