"""On SQLite a large statement's lines that no money is posted for (unmatched, outgoing) are written
by a helper process (finance/beside.py) while the import posts the money of the others, then copied
in: the same outcome line by line as staging them all in one process; an attempt that dies after the
money of some lines was posted, before the helper's lines were copied in, is finished by the next;
a helper that fails leaves the lines to be staged in the importing process."""

import sys
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from core.extensions import db
from finance.models import BankStatement, StatementLine
from finance.services import statements
from tests.finance.test_statements import _Died, _FakeJob, _job_row, all_checks_hold, csv_bytes, invoice, ledger_counts

pytestmark = [
    pytest.mark.usefixtures("november_2026"),  # dated business: see tests/conftest.py
    pytest.mark.skipif("'postgresql' in __import__('os').environ.get('DATABASE_URL', '')", reason="SQLite only"),
]


def _statement(fin, day: str, tag: str):
    buyer = fin.buyer(f"成都旁写{tag}测试有限公司")
    numbers = [fin.invoice(buyer, "318.00") for _ in range(3)]
    rows = [(day, "318.00", buyer.organisation.name_zh, "62220000", f"支付{n}") for n in numbers[:2]]
    rows.append((day, "100.00", buyer.organisation.name_zh, "62220000", f"首期 {numbers[2]}"))  # partial
    rows += [(day, f"{12 + i}.34", "某人", "62229999", f"往来{i}") for i in range(7)]  # unmatched
    rows += [(day, f"-{5 + i}.00", "供应商", "62170000", f"采购{i}") for i in range(4)]  # outgoing
    return numbers, csv_bytes(rows)


def _outcome(statement_id):
    return [
        (x.line_no, x.status, x.matched_by, x.amount, x.applied, x.credited, x.period, x.invoice_ref is not None)
        for x in db.session.scalars(
            select(StatementLine).where(StatementLine.statement_id == statement_id).order_by(StatementLine.line_no)
        )
    ]


@pytest.fixture()
def helper_runs(monkeypatch):
    """Every statement takes the helper's path; the helper processes started are counted."""
    monkeypatch.setattr(statements, "BESIDE_MIN_LINES", 1)
    monkeypatch.setattr(statements, "CHUNK_LINES", 3)
    monkeypatch.setattr(statements, "APPLY_INVOICES", 1)
    started = []
    start = statements._Helper.__init__

    def counted(helper, *frame):
        started.append(helper.mode)
        start(helper, *frame)

    monkeypatch.setattr(statements._Helper, "__init__", counted)
    return started


def test_the_helpers_lines_come_out_as_staging_them_here_would(fin, monkeypatch, helper_runs):
    finance = fin.user(fin.finance_id)
    outcomes = {}
    for way, day in (("here", "2026-11-10"), ("helper", "2026-11-11")):
        if way == "here":
            monkeypatch.setattr(statements, "BESIDE_MIN_LINES", 10**9)
        else:
            monkeypatch.setattr(statements, "BESIDE_MIN_LINES", 1)
        numbers, raw = _statement(fin, day, way)
        statement, duplicate = statements.import_statement(finance, f"{way}.csv", raw)
        assert not duplicate and statement.status == "imported"
        assert statement.new_lines == statement.line_count == 14
        assert statement.summary == statements.statement_summary(statement.id)
        assert [invoice(n).status for n in numbers] == ["paid", "paid", "partially_paid"]
        outcomes[way] = (_outcome(statement.id), statement.summary)
    assert helper_runs == ["lines"]
    assert outcomes["helper"] == outcomes["here"]
    assert outcomes["helper"][1]["lines"] == {"matched": 2, "outgoing": 4, "partial": 1, "unmatched": 7}
    all_checks_hold()


def test_an_import_that_died_before_the_helpers_lines_were_in_is_finished_by_the_next(fin, helper_runs):
    """It dies after the money of the first invoice was posted: the statement is "applying", its
    lines to pay stored, none of the helper's; the next attempt stores those and finishes."""
    numbers, raw = _statement(fin, "2026-11-12", "died")
    finance = fin.user(fin.finance_id)
    job_id = _job_row(fin)
    before = ledger_counts()
    with pytest.raises(_Died):
        statements.import_statement(finance, "dies.csv", raw, job=_FakeJob(job_id, 0.25))
    db.session.rollback()
    staged = db.session.scalar(select(BankStatement).where(BankStatement.job_id == job_id))
    assert staged.status == "applying"
    stored = db.session.scalar(
        select(func.count()).select_from(StatementLine).where(StatementLine.statement_id == staged.id)
    )
    assert stored == 3  # the lines to pay only
    all_checks_hold()

    retry = _FakeJob(job_id)
    statement, duplicate = statements.import_statement(finance, "dies.csv", raw, job=retry)
    assert not duplicate and statement.status == "imported" and retry.seen == sorted(retry.seen)
    assert statement.new_lines == statement.line_count == 14
    assert statement.summary == statements.statement_summary(statement.id)
    assert statement.summary["lines"] == {"matched": 2, "outgoing": 4, "partial": 1, "unmatched": 7}
    assert [invoice(n).paid for n in numbers] == [Decimal("318.00"), Decimal("318.00"), Decimal("100.00")]
    assert ledger_counts()[1] - before[1] == 3  # one payment per line paid, none twice
    all_checks_hold()


def test_a_helper_that_fails_leaves_its_lines_to_be_staged_here(fin, monkeypatch, helper_runs):
    monkeypatch.setattr(sys, "executable", "/bin/false")
    numbers, raw = _statement(fin, "2026-11-13", "fails")
    statement, _ = statements.import_statement(fin.user(fin.finance_id), "fails.csv", raw)
    assert helper_runs == ["lines"]
    assert statement.status == "imported" and statement.new_lines == statement.line_count == 14
    assert statement.summary == statements.statement_summary(statement.id)
    assert statement.summary["lines"] == {"matched": 2, "outgoing": 4, "partial": 1, "unmatched": 7}
    all_checks_hold()


def test_a_helpers_files_left_by_a_process_that_died_go_when_the_next_helper_starts(fin, helper_runs):
    import os
    import subprocess
    import tempfile
    from pathlib import Path

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    root = Path(tempfile.gettempdir())
    dead = root / f"{statements.HELPER_PREFIX}{gone.pid}-left"
    alive = root / f"{statements.HELPER_PREFIX}{os.getpid()}-left"
    for directory in (dead, alive):
        directory.mkdir()
        (directory / "lines.sqlite3").write_bytes(b"x")
    try:
        _numbers, raw = _statement(fin, "2026-11-14", "sweep")
        statements.import_statement(fin.user(fin.finance_id), "sweep.csv", raw)
        assert helper_runs and not dead.exists() and alive.exists()
        assert not [p for p in root.glob(f"{statements.HELPER_PREFIX}{os.getpid()}-*") if p != alive]
    finally:
        for directory in (dead, alive):
            if directory.exists():
                (directory / "lines.sqlite3").unlink()
                directory.rmdir()


def test_the_log_is_checkpointed_beside_a_long_import(tmp_path):
    """bulk.checkpoints_beside: while it lasts, what is committed reaches the database file itself
    (a thread checkpoints the write-ahead log) though no commit checkpoints; once it ends, nothing
    does, and its thread is gone."""
    import contextlib
    import sqlite3
    import threading
    import time

    from app import create_app
    from finance import bulk

    path = tmp_path / "books.sqlite3"
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", "SECRET_KEY": "t"})
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")  # its commits never checkpoint
    writer.execute("CREATE TABLE t (x)")
    writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the table itself in the file

    def in_file() -> int:  # the rows in the database file, the log left out
        with contextlib.closing(sqlite3.connect(f"file:{path}?immutable=1", uri=True)) as reader:
            return reader.execute("SELECT count(*) FROM t").fetchone()[0]

    def checkpointers() -> list:
        return [t for t in threading.enumerate() if t.name == "import-checkpoints"]

    try:
        with app.app_context():
            with bulk.checkpoints_beside():
                assert len(checkpointers()) == 1
                writer.execute("INSERT INTO t VALUES (1)")
                deadline = time.monotonic() + 10
                while in_file() != 1 and time.monotonic() < deadline:
                    time.sleep(0.01)
                assert in_file() == 1
            assert checkpointers() == []
            writer.execute("INSERT INTO t VALUES (2)")
            time.sleep(0.2)
            assert in_file() == 1  # in the log only
    finally:
        writer.close()


@pytest.mark.parametrize("writer_waits", [True, False])
def test_a_writer_waiting_for_the_lock_gets_it_between_every_step_of_a_large_import(
    fin, monkeypatch, helper_runs, writer_waits
):
    """A statement's import writes in many short transactions (staging, posting, the helper's copy)
    that come back to back; between any two of them a writer waiting for the write lock (it holds the
    database's waiting room, core.locks) is let in first, and no one waits for nobody."""
    import fcntl

    from core import locks

    callers = []

    def let_in(room, most, step=0.001):
        caller = sys._getframe(1).f_code.co_name
        callers.append(sys._getframe(2).f_code.co_name if caller == "let_waiting_in" else caller)
        return 0.0

    monkeypatch.setattr(locks.WaitingRoom, "let_in", let_in)
    room = None
    if writer_waits:
        room = open(locks.waiting_room_path(db.session.connection().connection.dbapi_connection), "ab")  # noqa: SIM115
        fcntl.flock(room, fcntl.LOCK_SH)  # as a writer waiting for the lock holds it
    try:
        finance = fin.user(fin.finance_id)
        days = ("2026-11-16", "2026-11-17") if writer_waits else ("2026-11-18", "2026-11-19")  # lines of their own
        _numbers, raw = _statement(fin, days[0], f"等候{writer_waits}")
        statement, _ = statements.import_statement(finance, "beside.csv", raw)  # the helper's path
        monkeypatch.setattr(statements, "BESIDE_MIN_LINES", 10**9)
        _numbers, raw = _statement(fin, days[1], f"此处{writer_waits}")
        here, _ = statements.import_statement(finance, "here.csv", raw)  # every line staged here
    finally:
        if room is not None:
            room.close()
    assert statement.status == here.status == "imported"
    if writer_waits:
        # posting: 3 invoices a chunk each; the helper's 14 lines and here 14 staged, 3 a chunk
        assert callers.count("reconcile") == 4 and callers.count("_copy_chunks") == 4
        assert callers.count("_stage_sqlite") == 4
    else:
        assert callers == []
    all_checks_hold()
