"""Bank transfers: a statement with exact, partial, over- and unmatched lines reconciles exactly as
expected; re-uploading changes nothing; GBK and UTF-8 both import; manual matching; closed months."""

import fcntl
from decimal import Decimal

import pytest
from flask_babel import force_locale
from sqlalchemy import func, select

from core import locks
from core.errors import Conflict, ValidationError
from core.extensions import db
from finance.models import Invoice, JournalEntry, JournalLine, Payment, StatementLine
from finance.services import checks, statements
from finance.services.closing import close_month
from tests.interleave import commits_between_reads

pytestmark = pytest.mark.usefixtures("november_2026")  # dated business: see tests/conftest.py


def invoice(number):
    return db.session.scalar(select(Invoice).where(Invoice.number == number))


def csv_bytes(rows, encoding="utf-8", preamble=True):
    lines = []
    if preamble:
        lines += ["账号:,51001234567890000001", "户名:,成都市大数据集团股份有限公司", ""]
    lines.append("交易日期,交易金额,对方户名,对方账号,附言")
    lines += [",".join(f'"{cell}"' if "," in cell else cell for cell in r) for r in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def all_checks_hold():
    failed = [(c.name, c.problems) for c in checks.run_checks() if not c.ok]
    assert not failed, failed


def ledger_counts():
    return (
        db.session.scalar(select(func.count()).select_from(JournalEntry)),
        db.session.scalar(select(func.count()).select_from(Payment)),
        db.session.scalar(select(func.count()).select_from(StatementLine)),
    )


def test_a_statement_reconciles_exact_partial_over_and_unmatched_lines(fin):
    a, b, c = fin.buyer("成都甲数据科技有限公司"), fin.buyer("成都乙信息技术有限公司"), fin.buyer("成都丙征信有限公司")
    exact = fin.invoice(a, "1060.00")
    partial = fin.invoice(a, "2120.00")
    over = fin.invoice(b, "530.00")
    by_payer = fin.invoice(c, "3180.00")
    finance = fin.user(fin.finance_id)
    raw = csv_bytes(
        [
            ("2026-11-03", "1,060.00", "成都甲数据科技有限公司", "6222000011112222", f"支付{exact}数据服务费"),
            ("2026-11-04", "1000.00", "成都甲数据科技有限公司", "6222000011112222", f"{partial} 首付款"),
            ("2026-11-05", "600.00", "成都乙信息技术有限公司", "6222000033334444", f"货款 {over.replace('-', '')}"),
            ("2026-11-06", "3180.00", "成都丙征信有限公司", "6222000055556666", "数据服务费"),
            ("2026-11-07", "88.88", "某某个人", "6222000077778888", "咨询"),
            ("2026-11-08", "-500.00", "国家金库成都市支库", "", "上缴国有资本收益"),
        ]
    )
    _, queued_before = statements.queue(finance, 1, 1)  # other tests' unmatched lines, if any
    statement, duplicate = statements.import_statement(finance, "11月对账单.csv", raw)
    assert not duplicate and statement.line_count == 6 and statement.new_lines == 6
    assert statement.encoding == "utf-8"
    assert statement.summary["lines"] == {"matched": 2, "partial": 1, "over": 1, "unmatched": 1, "outgoing": 1}
    assert statement.summary == statements.statement_summary(statement.id)  # what the rows say

    assert invoice(exact).status == "paid" and invoice(exact).paid == Decimal("1060.00")
    assert invoice(partial).status == "partially_paid" and invoice(partial).paid == Decimal("1000.00")
    assert invoice(over).status == "paid" and invoice(over).paid == Decimal("530.00")
    assert invoice(by_payer).status == "paid"
    lines = {
        x.line_no: x
        for x in db.session.scalars(select(StatementLine).where(StatementLine.statement_id == statement.id))
    }
    matched_by = sorted(x.matched_by for x in lines.values() if x.invoice_id)
    assert matched_by == ["payer_amount", "remark", "remark", "remark"]
    over_line = next(x for x in lines.values() if x.status == "over")
    assert (over_line.applied, over_line.credited) == (Decimal("530.00"), Decimal("70.00"))
    # the overpayment is the customer's credit, visible in the ledger
    credit = db.session.scalar(
        select(func.sum(JournalLine.credit - JournalLine.debit)).where(
            JournalLine.account == "customer_credit", JournalLine.organisation_id == b.organisation_id
        )
    )
    assert Decimal(str(credit)).quantize(Decimal("0.01")) == Decimal("70.00")
    _, total = statements.queue(finance, 1, 20)
    assert total == queued_before + 1
    assert [x.amount for x in lines.values() if x.status == "unmatched"] == [Decimal("88.88")]
    all_checks_hold()

    before = ledger_counts()
    again, duplicate = statements.import_statement(finance, "copy.csv", raw)
    assert duplicate and again.id == statement.id
    assert ledger_counts() == before
    # the same lines inside a longer, different export are recognised line by line
    longer = raw + "2026-11-09,200.00,成都甲数据科技有限公司,6222000011112222,尾款\r\n".encode()
    later, duplicate = statements.import_statement(finance, "11月对账单(续).csv", longer)
    assert not duplicate and later.line_count == 7 and later.new_lines == 1
    assert invoice(partial).paid == Decimal("1000.00")  # 200 without a number or exact amount: queued
    assert statements.queue(finance, 1, 20)[1] == queued_before + 2
    all_checks_hold()


def test_manual_match_applies_a_queued_line(fin):
    buyer = fin.buyer("成都丁大数据有限公司")
    number = fin.invoice(buyer, "999.00")
    finance = fin.user(fin.finance_id)
    raw = csv_bytes([("2026-11-10", "999.00", "丁公司财务部", "6222111122223333", "服务费")])
    statement, _ = statements.import_statement(finance, "manual.csv", raw)
    assert statement.summary["lines"] == {"unmatched": 1}
    line = db.session.scalar(select(StatementLine).where(StatementLine.statement_id == statement.id))
    with pytest.raises(ValidationError):
        statements.match_line(finance, line.id, "INV-2026-999999")
    matched = statements.match_line(finance, line.id, number)
    assert matched.status == "matched" and matched.matched_by == "manual"
    assert invoice(number).status == "paid"
    with pytest.raises(Conflict):
        statements.match_line(finance, line.id, number)
    all_checks_hold()


def test_gbk_and_utf8_statements_both_import(fin):
    buyer = fin.buyer("成都戊智慧城市有限公司")
    first, second = fin.invoice(buyer, "318.00"), fin.invoice(buyer, "424.00")
    finance = fin.user(fin.finance_id)
    gbk = csv_bytes([("2026/11/11", "318.00", "成都戊智慧城市有限公司", "6222", f"付{first}")], encoding="gbk")
    utf8_bom = b"\xef\xbb\xbf" + csv_bytes(
        [("20261112", "424.00", "成都戊智慧城市有限公司", "6222", f"付{second}")], preamble=False
    )
    s1, _ = statements.import_statement(finance, "gbk.csv", gbk)
    s2, _ = statements.import_statement(finance, "utf8.csv", utf8_bom)
    assert (s1.encoding, s2.encoding) == ("gbk", "utf-8")
    assert invoice(first).status == "paid" and invoice(second).status == "paid"
    line = db.session.scalar(select(StatementLine).where(StatementLine.statement_id == s1.id))
    assert line.payer_name == "成都戊智慧城市有限公司"


def test_separate_debit_and_credit_columns_and_tab_separated(fin):
    buyer = fin.buyer("成都己科技有限公司")
    number = fin.invoice(buyer, "212.00")
    finance = fin.user(fin.finance_id)
    raw = "\n".join(
        [
            "记账日期\t借方发生额\t贷方发生额\t对方户名\t对方账号\t摘要",
            f"2026-11-13\t\t212.00\t成都己科技有限公司\t6222\t{number}",
            "2026-11-13\t50.00\t\t某供应商\t6222\t采购",
            "合计\t50.00\t212.00\t\t\t",
        ]
    ).encode("gb18030")
    statement, _ = statements.import_statement(finance, "tabs.txt", raw)
    assert statement.summary["lines"] == {"matched": 1, "outgoing": 1}
    assert invoice(number).status == "paid"


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"", "Choose a statement file"),
        ("随便,一些,文字\n没有,表头,\n".encode(), "No header row"),
        ("交易日期,交易金额,对方户名\n2026-13-45,100.00,x\n".encode(), "Line 2"),
        ("交易日期,交易金额,对方户名\n2026-11-01,abc,x\n".encode(), "Line 2"),
        ("交易日期,交易金额,对方户名\n2026-11-01,1.005,x\n".encode(), "Line 2"),
        (b"\xff\xfe\x00\x00garbage\x81", "neither UTF-8 nor GBK"),
    ],
)
def test_bad_statements_are_refused_and_change_nothing(fin, raw, message):
    finance = fin.user(fin.finance_id)
    before = ledger_counts()
    with force_locale("en"):
        with pytest.raises(ValidationError) as caught:
            statements.import_statement(finance, "bad.csv", raw)
        assert any(message in str(m) for m in caught.value.fields["file"]), caught.value.fields
    db.session.rollback()
    assert ledger_counts() == before


def test_only_finance_imports(fin):
    from core.errors import Forbidden

    with pytest.raises(Forbidden):
        statements.import_statement(fin.user(fin.operator_id), "x.csv", csv_bytes([]))


def test_a_payment_dated_in_a_closed_month_lands_in_the_next_open_month(fin):
    """Runs last in this module: it closes October 2026."""
    buyer = fin.buyer("成都庚数据服务有限公司")
    number = fin.invoice(buyer, "742.00")
    finance = fin.user(fin.finance_id)
    close_month(finance, "2026-10")
    with pytest.raises(Conflict):
        close_month(finance, "2026-10")
    with pytest.raises(Conflict):
        close_month(finance, "2026-11")  # not ended yet
    raw = csv_bytes([("2026-10-30", "742.00", "成都庚数据服务有限公司", "6222", f"{number} 十月付款")])
    statement, _ = statements.import_statement(finance, "late.csv", raw)
    line = db.session.scalar(select(StatementLine).where(StatementLine.statement_id == statement.id))
    assert line.period == "2026-11" and line.status == "matched"
    entry = db.session.scalar(
        select(JournalEntry).where(JournalEntry.kind == "receipt", JournalEntry.source_id == str(statement.id))
    )
    assert entry.period == "2026-11" and entry.is_adjustment
    assert "2026-10" in entry.note and str(entry.occurred_on) == "2026-10-30"
    assert not db.session.scalar(select(func.count()).select_from(JournalEntry).where(JournalEntry.period == "2026-10"))
    all_checks_hold()


class _Died(Exception):
    pass


class _FakeJob:
    """A job handle whose worker 'dies' at a chosen checkpoint (after its chunk was committed)."""

    def __init__(self, job_id, die_after=None):
        self.id, self.die_after, self.seen = job_id, die_after, []

    def progress(self, fraction):
        db.session.commit()
        self.seen.append(fraction)
        if self.die_after is not None and fraction > self.die_after:
            raise _Died(fraction)


def _job_row(fin):
    from core.jobs import Job

    job = Job(kind="statement_import", status="running", progress=0.0, params={}, user_id=fin.finance_id)
    db.session.add(job)
    db.session.commit()
    return job.id


@pytest.mark.parametrize("die_after", [0.3, 0.9], ids=["while-staging", "while-posting-money"])
def test_an_import_that_died_is_discarded_or_carried_on_by_the_next_attempt(fin, monkeypatch, die_after):
    """Dying while staging leaves nothing visible and the next attempt starts afresh; dying after a
    chunk of money was posted leaves the statement invisible and the next attempt finishes it, each
    line paid exactly once."""
    from finance.models import BankStatement

    monkeypatch.setattr(statements, "CHUNK_LINES", 2)
    monkeypatch.setattr(statements, "APPLY_INVOICES", 1)
    buyer = fin.buyer()
    numbers = [fin.invoice(buyer, "318.00") for _ in range(4)]
    day = "2026-11-1" + ("7" if die_after < 0.5 else "8")
    raw = csv_bytes(
        [(day, "318.00", "付款人", "62220000", f"支付{n}") for n in numbers]
        + [(day, "12.34", "某人", "62229999", f"往来{i}") for i in range(5)]
    )
    finance = fin.user(fin.finance_id)
    job_id = _job_row(fin)
    before = ledger_counts()
    with pytest.raises(_Died):
        statements.import_statement(finance, "dies.csv", raw, job=_FakeJob(job_id, die_after))
    db.session.rollback()
    staged = db.session.scalar(select(BankStatement).where(BankStatement.job_id == job_id))
    assert staged.status == ("importing" if die_after < 0.5 else "applying")
    assert statements.statements(finance, 1, 100)[1] == len(statements.statements(finance, 1, 100)[0])
    assert staged.id not in [s.id for s in statements.statements(finance, 1, 100)[0]]
    assert all(line.statement_id != staged.id for line in statements.queue(finance, 1, 100)[0])
    all_checks_hold()

    retry = _FakeJob(job_id)
    statement, duplicate = statements.import_statement(finance, "dies.csv", raw, job=retry)
    assert not duplicate and statement.status == "imported" and retry.seen == sorted(retry.seen)
    assert statement.summary["lines"] == {"matched": 4, "unmatched": 5}
    assert all(invoice(n).status == "paid" and invoice(n).paid == Decimal("318.00") for n in numbers)
    assert ledger_counts()[1] - before[1] == 4  # one payment per line, none twice
    assert db.session.scalar(select(func.count()).select_from(BankStatement).where(BankStatement.job_id == job_id)) == 1
    all_checks_hold()


def test_lines_imported_before_from_another_file_change_nothing_through_the_api(fin):
    """Sent as the raw body (no multipart): a statement whose every line was imported before, from a
    file with another preamble, imports as a statement with no new line and posts nothing."""
    from tests.factories import finished_job

    rows = [("2026-11-21", "77.70", "某某个人", "6222000011110000", "往来款")]
    client = fin.app.test_client()
    first = finished_job(
        client,
        client.post("/api/v1/finance/statements?filename=a.csv", data=csv_bytes(rows), headers=fin.finance_headers),
        fin.finance_headers,
    )
    assert first["status"] == "done" and first["result"]["new_lines"] == 1, first
    before = ledger_counts()
    again = finished_job(
        client,
        client.post(
            "/api/v1/finance/statements?filename=b.csv",
            data=csv_bytes(rows, preamble=False),
            headers={**fin.finance_headers, "Content-Type": "text/csv"},
        ),
        fin.finance_headers,
    )
    assert again["status"] == "done", again
    assert again["result"]["duplicate"] is False and again["result"]["new_lines"] == 0
    assert again["result"]["statement_id"] != first["result"]["statement_id"]
    db.session.rollback()
    assert ledger_counts() == before
    all_checks_hold()


def test_an_import_outside_a_request_goes_through_while_others_commit_between_its_reads(fin):
    """SQLite: a transaction begun DEFERRED (a job, the CLI) that read and then writes fails at once with
    "database is locked" if another connection committed since it read (the busy timeout does not help).
    A background import read for seconds before writing while the other gunicorn worker committed
    messages; each attempt failed, and the job was left "running" at 0.0. Here another connection
    commits after every read the import makes (whenever the import does not hold the write lock); on
    PostgreSQL the same import goes through the same way."""
    a = fin.buyer("成都交错提交测试有限公司")
    paid = fin.invoice(a, "1060.00")
    finance = fin.user(fin.finance_id)
    raw = csv_bytes(
        [
            ("2026-11-12", "1060.00", "成都交错提交测试有限公司", "6222000099990000", f"支付{paid}"),
            ("2026-11-12", "530.00", "成都交错提交测试有限公司", "6222000099990000", "服务费"),
            ("2026-11-13", "77.77", "某某个人", "6222000088880000", "咨询"),
        ]
    )
    db.session.commit()
    with commits_between_reads(fin.finance_id) as interleaved:
        db.session.scalar(select(func.count()).select_from(Invoice))  # a read begins the transaction
        statement, duplicate = statements.import_statement(finance, "交错.csv", raw)
        db.session.commit()
    assert interleaved, "no commit came between the import's reads"
    assert not duplicate and statement.line_count == 3
    assert invoice(paid).status == "paid"
    all_checks_hold()


@pytest.mark.parametrize(("changed_meanwhile", "writer_waits"), [(False, True), (True, True), (False, False)])
def test_a_chunk_worked_out_before_the_lock_is_worked_out_again_if_its_invoice_changed(
    fin, monkeypatch, changed_meanwhile, writer_waits
):
    """On SQLite, between two posting chunks, while a writer waits for the write lock (it is in the
    database's waiting room, core.locks), the lock is left free for it and the next chunk's money is
    worked out meanwhile from its invoices as they read then; under the lock they are read again
    and, if one changed, the chunk is worked out again from what it reads now. With no writer
    waiting the chunks follow each other: no pause, no work done twice."""
    monkeypatch.setattr(statements, "APPLY_INVOICES", 1)  # a chunk per invoice
    a = fin.buyer("成都甲数据科技有限公司")
    first, second = fin.invoice(a, "1060.00"), fin.invoice(a, "2120.00")
    raw = csv_bytes(
        [
            ("2026-11-03", "1060.00", "成都甲数据科技有限公司", "6222000011112222", f"支付{first}数据服务费"),
            ("2026-11-04", "1000.00", "成都甲数据科技有限公司", "6222000011112222", f"{second} 首付款"),
        ]
    )
    reads, worked_out = [], []
    real_rows, real_work_out = statements._invoice_rows, statements._work_out
    ahead = db.engine.dialect.name == "sqlite" and writer_waits  # the pause between chunks is SQLite's
    room = None
    if ahead:  # a writer waits for the write lock all along (it holds the waiting room shared)
        path = locks.waiting_room_path(db.session.connection().connection.dbapi_connection)
        room = open(path, "ab")  # noqa: SIM115 (closed below)
        fcntl.flock(room, fcntl.LOCK_SH)

    def invoice_rows(ids):
        rows = real_rows(ids)
        reads.append(ids)
        if ahead and changed_meanwhile and len(reads) == 2:  # the second chunk's read before the lock
            rows = [(*row[:5], row[5] + 500, *row[6:]) for row in rows]  # as if 5.00 were paid since
        return rows

    def work_out(rows, matched):
        worked_out.append(rows)
        return real_work_out(rows, matched)

    monkeypatch.setattr(statements, "_invoice_rows", invoice_rows)
    monkeypatch.setattr(statements, "_work_out", work_out)
    try:
        statement, _ = statements.import_statement(fin.user(fin.finance_id), "11月对账单.csv", raw)
    finally:
        if room is not None:
            room.close()
    assert len(reads) == (3 if ahead else 2)
    assert len(worked_out) == (2 + (changed_meanwhile and ahead))
    assert statement.summary["lines"] == {"matched": 1, "partial": 1}
    assert invoice(second).paid == Decimal("1000.00") and invoice(second).status == "partially_paid"
    assert invoice(first).status == "paid"
    all_checks_hold()
