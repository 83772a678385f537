"""The statement import matches its lines in memory, before they are staged, by the rules of the
set-based SQL it replaced (which still runs when another import stored some of the same lines in the
meantime): the remark's invoice number first; else the k-th line from a payer for an amount pays the
k-th open invoice of that buyer owing exactly that amount (oldest due first), leaving out invoices
the remarks named. Both ways give the same outcome, and the stored summary is what the rows say."""

from decimal import Decimal

import pytest
from sqlalchemy import select

from core.extensions import db
from finance.models import Invoice, StatementLine
from finance.services import checks, statements
from tests.finance.test_statements import csv_bytes

pytestmark = pytest.mark.usefixtures("november_2026")  # dated business: see tests/conftest.py


def _invoice(number):
    return db.session.scalar(select(Invoice).where(Invoice.number == number))


@pytest.mark.parametrize("way", ["memory", "sql"])
def test_matching_in_memory_and_in_sql_agree(fin, monkeypatch, way):
    if way == "sql":  # as if another import had stored a line meanwhile: the matching is redone in SQL
        stage = statements._stage
        monkeypatch.setattr(statements, "_stage", lambda *args: stage(*args) - 1)
    name = f"成都匹配规则{way}测试有限公司"
    a = fin.buyer(name)
    first, second, third = (fin.invoice(a, total) for total in ("100.00", "100.00", "250.00"))
    finance = fin.user(fin.finance_id)
    raw = csv_bytes(
        [
            ("2026-11-05", "100.00", name, "62220001", f"支付{second}"),  # by remark: the second invoice
            ("2026-11-03", "100.00", name, "62220001", "服务费"),  # payer and amount: the first (the second was named)
            ("2026-11-04", "100.00", name, "62220001", "服务费"),  # none left owing 100.00
            ("2026-11-06", "250.00", name, "62220001", "支付INV-2026-999999"),  # no such number: payer and amount
            ("2026-11-06", "-30.00", name, "62220001", f"退{third}"),  # paid out, whatever the remark says
            ("2026-11-07", "12.34", "某某个人", "62229999", f"往来款{way}"),
        ]
    )
    statement, _ = statements.import_statement(finance, f"{way}.csv", raw)
    lines = {
        x.line_no: x
        for x in db.session.scalars(select(StatementLine).where(StatementLine.statement_id == statement.id))
    }
    ids = {number: _invoice(number).id for number in (first, second, third)}
    outcome = {n: (x.status, x.matched_by, x.invoice_id) for n, x in sorted(lines.items())}
    assert list(outcome.values()) == [
        ("matched", "remark", ids[second]),
        ("matched", "payer_amount", ids[first]),
        ("unmatched", "", None),
        ("matched", "payer_amount", ids[third]),
        ("outgoing", "", None),
        ("unmatched", "", None),
    ]
    assert all(_invoice(n).status == "paid" for n in (first, second, third))
    assert statement.summary == statements.statement_summary(statement.id)
    assert statement.summary["lines"] == {"matched": 3, "outgoing": 1, "unmatched": 2}
    assert statement.summary["amount"]["unmatched"] == "112.34"
    failed = [(c.name, c.problems) for c in checks.run_checks() if not c.ok]
    assert not failed, failed


def test_a_line_imported_before_is_left_out_before_matching(fin):
    """A line stored from another file is not staged again, and the invoice it paid is not paid
    twice: the second file's other line pays the next invoice owing that amount."""
    name = "成都重复行匹配测试有限公司"
    a = fin.buyer(name)
    first, second = fin.invoice(a, "318.00"), fin.invoice(a, "318.00")
    finance = fin.user(fin.finance_id)
    paid_first = ("2026-11-09", "318.00", name, "62220002", "服务费")
    statements.import_statement(finance, "a.csv", csv_bytes([paid_first]))
    db.session.commit()
    assert _invoice(first).status == "paid" and _invoice(second).status == "issued"
    statement, duplicate = statements.import_statement(
        finance, "b.csv", csv_bytes([paid_first, ("2026-11-10", "318.00", name, "62220002", "服务费")], preamble=False)
    )
    assert not duplicate and statement.new_lines == 1
    assert statement.summary["lines"] == {"matched": 1}
    assert statement.summary == statements.statement_summary(statement.id)
    assert _invoice(second).status == "paid" and _invoice(second).paid == Decimal("318.00")
    assert _invoice(first).paid == Decimal("318.00")


def test_plain_rows_are_read_as_the_driver_gives_them_and_converted_columns_refused(fin):
    """finance.bulk.rows, the matching's reads: tuples of what the driver returns; a column whose
    type converts what is read (a date on SQLite, where it is stored as text) is refused rather than
    returned unconverted."""
    from finance import bulk

    buyer = fin.buyer("成都直读测试有限公司")
    number = fin.invoice(buyer, "318.00")
    found = bulk.rows(select(Invoice.number, Invoice.id).where(Invoice.number == number))
    assert found == [(number, db.session.scalar(select(Invoice.id).where(Invoice.number == number)))]
    assert all(type(row) is tuple for row in found)
    if db.session.get_bind().dialect.name == "sqlite":
        with pytest.raises(ValueError, match="no converted column"):
            bulk.rows(select(Invoice.id, Invoice.due_on))
    else:  # psycopg gives the date itself: nothing to convert
        assert bulk.rows(select(Invoice.due_on).where(Invoice.number == number))[0][0] is not None
