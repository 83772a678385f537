"""A long statement import leaves the request, through the real queue and real processes, with the
embedded queue (huey on SQLite) and with Redis:

- a 300,000-line statement posted to gunicorn (2 workers, in-process consumers) answers 202 in under
  3 s; its job's progress rises and it ends `done` with the outcome the synchronous import gives on an
  identical copy of the books; meanwhile another client's 20 negotiation messages all answer 201;
- a separate worker (`flask jobs worker`) killed with SIGKILL mid-import leaves no statement behind;
  the next worker runs the job again to the same outcome, or (attempts used up) fails it with the
  reason and discards what the dead attempt staged.
"""

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from contextlib import closing
from decimal import Decimal
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from core.extensions import db
from tests.conftest import make_app
from tests.factories import bearer, make_user, token_for
from tests.finance.conftest import open_books

ROOT = Path(__file__).resolve().parents[2]
LINES = 300_000
REDIS_URL = os.environ.get("JOBS_TEST_REDIS_URL", "redis://127.0.0.1:6379/3")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _copy_database(url: str, name: str, workdir) -> str:
    """An identical copy of the books, for the synchronous import to compare with."""
    if url.startswith("sqlite"):
        target = workdir / f"{name}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        # Through SQLite's backup API, not by copying the files: opening and closing the source's
        # files here would drop every POSIX lock this process holds on them (the apps of earlier
        # tests keep connections open), and a worker started next, finding the WAL index unlocked,
        # would rebuild it under this process's mapping of it: the test process died of SIGBUS.
        with closing(sqlite3.connect(make_url(url).database)) as source, closing(sqlite3.connect(target)) as copy:
            source.backup(copy)
        return f"sqlite:///{target}"
    engine = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        # a template must have no other sessions: the idle pools of the apps an earlier test made go
        conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :db AND pid <> pg_backend_pid()"
            ),
            {"db": make_url(url).database},
        )
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{make_url(url).database}"'))
    engine.dispose()
    return make_url(url).set(database=name).render_as_string(hide_password=False)


class Stage:
    """Books on a database of their own, a statement to import, and the environment of the
    processes (gunicorn, `flask jobs worker`) that serve them."""

    def __init__(self, books, backend: str, workdir):
        self.books, self.backend, self.app = books, backend, books.app
        self.url = books.app.config["SQLALCHEMY_DATABASE_URI"]
        self.queue = f"test-{backend}-{uuid.uuid4().hex[:8]}"
        self.env = {
            **os.environ,
            "DATABASE_URL": self.url,
            "SECRET_KEY": "test-secret",
            "SEARCH_INDEX_DIR": str(workdir / "index"),
            "JOBS_QUEUE_FILE": str(workdir / f"{self.queue}.sqlite3"),
            "JOBS_QUEUE_NAME": self.queue,
            "UPLOAD_DIR": str(workdir / "uploads"),
            "JOBS_RECOVER_SECONDS": "1",
            "REDIS_URL": REDIS_URL if backend == "redis" else "",
        }
        with self.app.app_context():
            from bench.reconciliation import statement_bytes

            rows = []
            for i in range(12):
                buyer = books.buyer(f"成都作业测试{i}号数据有限公司")
                for total in ("1060.00", "2120.00", "530.00"):
                    number = books.invoice(buyer, total, categories=())
                    rows.append((number, buyer.organisation.name_zh, Decimal(total)))
            self.raw, self.mix = statement_bytes(rows, LINES)
            consumer = make_user("consumer", org_name="成都并发留言测试有限公司")
            db.session.commit()
            self.consumer_headers = bearer(token_for(consumer))
            self.thread_id = _open_thread(books, consumer)
            self.finance_headers = books.finance_headers

    def reference(self, workdir) -> dict:
        """The synchronous import (the service called directly) on an identical copy."""
        from finance.services import statements

        with self.app.app_context():
            db.engine.dispose()  # PostgreSQL copies a database nobody is connected to
        copy = make_app(
            _copy_database(self.url, f"copy_{self.queue.replace('-', '_')}", workdir), str(workdir / "index")
        )
        with copy.app_context():
            statement, duplicate = statements.import_statement(
                self.books.user(self.books.finance_id), "s.csv", self.raw
            )
            assert not duplicate
            outcome = outcome_of(statement.id)
            db.session.remove()
            db.engine.dispose()
        return outcome

    def start(self, *args, **env) -> subprocess.Popen:
        return subprocess.Popen(
            [*args],
            cwd=ROOT,
            env={**self.env, **env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )


def _open_thread(books, consumer) -> int:
    from marketplace.models import Listing
    from pricing.services import negotiation

    listing = Listing(
        title_zh="并发测试数据产品",
        delivery_modes=["api"],
        guide_price=Decimal("100.00"),
        price_cap=Decimal("1000.00"),
        status="published",
        created_by_id=books.operator_id,
    )
    db.session.add(listing)
    db.session.commit()
    thread = negotiation.open_thread(consumer, {"listing_id": listing.id, "message": "我们想了解价格"})
    db.session.commit()
    return thread.id


def outcome_of(statement_id: int) -> dict:
    from finance.models import BankStatement, Invoice, Payment, StatementLine
    from finance.services import checks

    statement = db.session.get(BankStatement, statement_id)
    invoices = db.session.execute(select(Invoice.number, Invoice.paid, Invoice.status).order_by(Invoice.number)).all()
    return {
        "line_count": statement.line_count,
        "new_lines": statement.new_lines,
        "summary": statement.summary,
        "invoices": [(n, str(Decimal(p)), s) for n, p, s in invoices],
        "payments": db.session.scalar(select(func.count()).select_from(Payment)),
        "lines_stored": db.session.scalar(select(func.count()).select_from(StatementLine)),
        "checks_failed": [c.name for c in checks.run_checks() if not c.ok],
    }


def visible_statements(app) -> list[int]:
    from finance.models import BankStatement

    with app.app_context():
        ids = list(db.session.scalars(select(BankStatement.id).where(BankStatement.status == "imported")))
        db.session.remove()
        return ids


def leftovers(app) -> tuple[int, int]:
    """(statements still staged, lines belonging to no imported statement)."""
    from finance.models import BankStatement, StatementLine

    with app.app_context():
        staged = db.session.scalar(
            select(func.count()).select_from(BankStatement).where(BankStatement.status != "imported")
        )
        imported = select(BankStatement.id).where(BankStatement.status == "imported")
        orphans = db.session.scalar(
            select(func.count()).select_from(StatementLine).where(StatementLine.statement_id.not_in(imported))
        )
        db.session.remove()
        return staged, orphans


@pytest.fixture(scope="module", params=["embedded", "redis"])
def stage(request, database_url, workdir):
    if request.param == "redis":
        import redis

        redis.Redis.from_url(REDIS_URL).ping()  # Redis must be there (CI starts it): never skipped
    with open_books(database_url, workdir, f"jobs_{request.param}", seed_catalog=False) as books:
        staged = Stage(books, request.param, workdir)
        yield staged
        if request.param == "redis":
            import redis

            client = redis.Redis.from_url(REDIS_URL)
            for key in client.scan_iter(f"*{staged.queue}*"):
                client.delete(key)


@pytest.fixture()
def expected(stage, workdir):
    """What the synchronous import makes of the statement on a copy of the books as they are now (the tests
    of this module run in any order, and the killed-worker tests pay some of the same invoices)."""
    return stage.reference(workdir)


@pytest.fixture()
def gunicorn(stage):
    port = _free_port()
    process = stage.start(
        sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}", "--timeout", "120", "wsgi:app"
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{base}/api/v1/departments", timeout=10).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.2)
        else:
            pytest.fail("gunicorn did not start")
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(30)


def test_a_300000_line_statement_imports_as_a_job_while_other_writes_answer(stage, expected, gunicorn):
    started = time.monotonic()
    accepted = requests.post(
        f"{gunicorn}/api/v1/finance/statements",
        files={"file": ("november.csv", stage.raw, "text/csv")},
        headers=stage.finance_headers,
        timeout=30,
    )
    answered_in = time.monotonic() - started
    assert accepted.status_code == 202, accepted.text
    assert answered_in < 3.0, answered_in
    job = accepted.json()["job"]
    assert set(job) == {"id", "kind", "status", "progress"} and job["kind"] == "statement_import"
    assert accepted.headers["Location"] == f"/api/v1/jobs/{job['id']}"
    status_url = f"{gunicorn}{accepted.headers['Location']}"

    progress, answers, latencies = [], [], []
    watching = threading.Event()

    def watch():
        while not watching.is_set():
            body = requests.get(status_url, headers=stage.finance_headers, timeout=30).json()
            progress.append((body["status"], body["progress"]))
            if body["status"] in ("done", "failed"):
                return
            time.sleep(0.1)

    watcher = threading.Thread(target=watch)
    watcher.start()
    while not progress or progress[-1][0] == "queued":
        time.sleep(0.05)
    for n in range(20):  # another client writes while the import runs
        sent = time.monotonic()
        answer = requests.post(
            f"{gunicorn}/api/v1/negotiations/{stage.thread_id}/messages",
            json={"body": f"第{n + 1}条留言：导入期间也要能回复"},
            headers=stage.consumer_headers,
            timeout=60,
        )
        latencies.append(time.monotonic() - sent)
        answers.append((answer.status_code, progress[-1][0]))
        time.sleep(0.1)
    watcher.join(300)
    watching.set()

    assert [code for code, _ in answers] == [201] * 20, answers
    assert any(state == "running" for _, state in answers), "the messages did not overlap the import"
    fractions = [p for state, p in progress if state == "running"]
    assert fractions == sorted(fractions) and len({p for p in fractions if 0 < p < 1}) >= 3, progress
    final = requests.get(status_url, headers=stage.finance_headers, timeout=30).json()
    assert final["status"] == "done" and final["progress"] == 1.0 and final["error"] is None, final
    assert final["result"]["duplicate"] is False
    with stage.app.app_context():
        assert outcome_of(final["result"]["statement_id"]) == expected
        db.session.remove()
    assert final["result"]["summary"] == expected["summary"]
    assert max(latencies) < 5.0, latencies

    again = requests.post(
        f"{gunicorn}/api/v1/finance/statements",
        files={"file": ("again.csv", stage.raw, "text/csv")},
        headers=stage.finance_headers,
        timeout=30,
    )
    deadline = time.monotonic() + 120
    while (body := requests.get(f"{gunicorn}{again.headers['Location']}", headers=stage.finance_headers).json())[
        "status"
    ] not in ("done", "failed") and time.monotonic() < deadline:
        time.sleep(0.2)
    assert body["result"]["duplicate"] is True and body["result"]["statement_id"] == final["result"]["statement_id"]


def _submit(stage, app, raw):
    import io

    from core import uow
    from finance.services import statements

    with app.app_context():
        finance = stage.books.user(stage.books.finance_id)
        with uow.unit():  # the test is the edge (core/uow.py), as the request would be
            job = statements.start_import(finance, "killed.csv", io.BytesIO(raw))
        job_id = job.id
        db.session.remove()
    return job_id


def _job(app, job_id):
    from core.jobs import Job

    with app.app_context():
        job = db.session.get(Job, job_id)
        state = (job.status, job.progress, job.attempts, job.error, job.result)
        db.session.remove()
        return state


def _wait_for(app, job_id, predicate, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = _job(app, job_id)
        if predicate(state):
            return state
        time.sleep(0.05)
    pytest.fail(f"job {job_id} stayed {_job(app, job_id)}")


@pytest.mark.parametrize("attempts", [3, 1], ids=["retried", "failed"])
def test_a_worker_killed_mid_import_leaves_no_statement_and_the_job_is_retried_or_failed(stage, workdir, attempts):
    submitter = make_app(
        stage.url,
        str(workdir / "index"),
        JOBS_INPROCESS=False,
        JOBS_QUEUE_NAME=stage.queue,
        JOBS_QUEUE_FILE=stage.env["JOBS_QUEUE_FILE"],
        REDIS_URL=stage.env["REDIS_URL"],
    )
    # the same statement a year or two earlier: lines of their own (the first test imported the original)
    raw = stage.raw.replace(b"2026-10-", b"2025-10-" if attempts > 1 else b"2024-10-")
    before = visible_statements(stage.app)
    flask = [sys.executable, "-m", "flask", "--app", "wsgi", "jobs", "worker"]
    worker = stage.start(*flask, JOBS_MAX_ATTEMPTS=str(attempts))
    try:
        job_id = _submit(stage, submitter, raw)
        _wait_for(submitter, job_id, lambda s: s[0] == "running" and 0.2 <= s[1] < 0.8)
    finally:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(10)

    assert _job(submitter, job_id)[0] == "running"  # as the dead worker left it
    assert visible_statements(stage.app) == before  # nothing of it can be seen
    with stage.app.app_context():
        from finance.services import checks

        assert all(c.ok for c in checks.run_checks())
        db.session.remove()

    successor = stage.start(*flask, JOBS_MAX_ATTEMPTS=str(attempts))
    try:
        status, _progress, tried, error, result = _wait_for(submitter, job_id, lambda s: s[0] in ("done", "failed"))
    finally:
        os.killpg(successor.pid, signal.SIGTERM)
        successor.wait(30)
    if attempts > 1:
        assert (status, tried) == ("done", 2), (status, tried, error)
        assert len(visible_statements(stage.app)) == len(before) + 1
        with stage.app.app_context():
            outcome = outcome_of(result["statement_id"])
            db.session.remove()
        assert outcome["line_count"] == outcome["new_lines"] == LINES, outcome
        assert sum(outcome["summary"]["lines"].values()) == LINES
        assert outcome["checks_failed"] == []
    else:
        assert status == "failed" and "worker stopped" in error or "工作进程已停止" in error, error
        assert visible_statements(stage.app) == before
    assert leftovers(stage.app) == (0, 0)
    assert not list(Path(stage.env["UPLOAD_DIR"]).glob("*.csv"))


def test_limits_refuse_a_101_mb_statement_and_a_2_mb_json_body(stage):
    client = stage.app.test_client()
    too_big = b"x" * (101 * 1024 * 1024)
    refused = client.post(
        "/api/v1/finance/statements?filename=big.csv",
        data=too_big,
        headers={**stage.finance_headers, "Content-Type": "text/csv"},
    )
    assert refused.status_code == 413
    error = refused.get_json()["error"]
    assert error["code"] == "payload_too_large" and "100 MB" in error["message"]
    del too_big
    json_body = client.post(
        f"/api/v1/negotiations/{stage.thread_id}/messages",
        data=b'{"body": "' + b"a" * (2 * 1024 * 1024) + b'"}',
        headers={**stage.consumer_headers, "Content-Type": "application/json"},
    )
    assert json_body.status_code == 413 and json_body.get_json()["error"]["code"] == "payload_too_large"
    page = client.post("/login", data={"email": "x" * (2 * 1024 * 1024)})
    assert page.status_code == 413 and b"<html" in page.data.lower()
