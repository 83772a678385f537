"""Terms enforced at every call: the sandbox's masked rows and keyed tokens, the privacy budget and
the quota under 20 parallel calls (SQLite serialises writes, PostgreSQL row locks: both hold),
termination refusing the next call and interrupting a running one."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select

from core.extensions import db
from delivery.models import AgreementLedger, UsageEntry
from delivery.services import terms
from tests.delivery.conftest import active_agreement, query


def _operator(cast):
    from accounts.models import User

    return db.session.get(User, cast.operator.user_id)


GROUPED = "SELECT reg_status, COUNT(*) AS n FROM SCJGJ_001 GROUP BY reg_status"


def test_select_star_in_the_sandbox_gives_masked_rows_never_an_identifier(dcast, scjgj_data, ctx):
    agreement = active_agreement(dcast, mode="in_platform")
    body = query(dcast.consumer, agreement, "SELECT * FROM SCJGJ_001").json
    assert body["row_count"] == 1000 and body["has_more"] is True  # pages of at most 1,000 rows
    columns = body["columns"]
    uscc, name = columns.index("uscc"), columns.index("ent_name")
    assert all(row[uscc].startswith("tk_") and row[name].startswith("tk_") for row in body["rows"])
    assert {"uscc", "ent_name", "legal_rep"} <= set(body["masked_columns"])
    last = query(dcast.consumer, agreement, "SELECT * FROM SCJGJ_001", page=12).json
    assert last["row_count"] == 1000 and last["has_more"] is False
    refused = query(dcast.consumer, agreement, "SELECT * FROM SCJGJ_001 WHERE uscc LIKE '915101%'")
    assert refused.status_code == 400 and refused.json["error"]["code"] == "query_refused"


def test_sandbox_tokens_join_within_one_agreement_and_differ_across_two(dcast, scjgj_data, ctx):
    first = active_agreement(dcast, mode="in_platform", categories=("SCJGJ-001", "SCJGJ-002"))
    second = active_agreement(dcast, mode="in_platform")
    sql = "SELECT a.uscc, b.uscc AS other FROM SCJGJ_001 a JOIN SCJGJ_001 b ON a.uscc = b.uscc LIMIT 5"
    joined = query(dcast.consumer, first, sql).json
    assert joined["row_count"] == 5 and all(r[0] == r[1] for r in joined["rows"])
    one = query(dcast.consumer, first, "SELECT uscc FROM SCJGJ_001 ORDER BY reg_capital LIMIT 20").json["rows"]
    two = query(dcast.consumer, second, "SELECT uscc FROM SCJGJ_001 ORDER BY reg_capital LIMIT 20").json["rows"]
    assert len(one) == len(two) == 20 and not {r[0] for r in one} & {r[0] for r in two}


def _parallel(app, fn, n=20):
    barrier = threading.Barrier(n)

    def call(i):
        with app.app_context():
            barrier.wait(timeout=30)
            try:
                return fn(i)
            finally:
                db.session.remove()

    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(call, range(n)))


def test_epsilon_is_never_overspent_by_twenty_parallel_queries_and_survives_a_restart(app, dcast, scjgj_data, ctx):
    from tests.conftest import make_app

    agreement = active_agreement(dcast)
    terms.set_limits(_operator(dcast), agreement, epsilon_budget=2.0)  # 4 queries at ε 0.5
    db.session.commit()  # the test is the edge (core/uow.py): the requests see the limits
    client = app.test_client()
    statuses = _parallel(
        app,
        lambda i: client.post(
            f"/api/v1/agreements/{agreement}/queries", json={"sql": GROUPED}, headers=dcast.consumer.headers
        ).status_code,
    )
    assert statuses.count(200) == 4 and statuses.count(409) == 16
    db.session.expire_all()
    ledger = db.session.scalar(select(AgreementLedger).where(AgreementLedger.agreement_id == agreement))
    assert ledger.epsilon_spent == pytest.approx(2.0)
    # a fresh app (a restart) reads the same ledger from the database
    restarted = make_app(
        app.config["SQLALCHEMY_DATABASE_URI"], app.config["SEARCH_INDEX_DIR"], DATA_DIR=app.config["DATA_DIR"]
    )
    with restarted.app_context():
        again = restarted.test_client().post(
            f"/api/v1/agreements/{agreement}/queries", json={"sql": GROUPED}, headers=dcast.consumer.headers
        )
        assert again.status_code == 409 and "ε" in again.json["error"]["message"]
    sums = query(dcast.consumer, agreement, "SELECT reg_status, SUM(reg_capital) FROM SCJGJ_001 GROUP BY 1")
    assert sums.status_code == 400  # under a budget only counts are answered


def test_quota_is_counted_exactly_under_twenty_parallel_calls(app, dcast, scjgj_data, ctx):
    agreement = active_agreement(dcast)
    terms.set_limits(_operator(dcast), agreement, calls=7)
    db.session.commit()  # the test is the edge (core/uow.py): the requests see the limits
    client = app.test_client()
    statuses = _parallel(
        app,
        lambda i: client.post(
            f"/api/v1/agreements/{agreement}/queries", json={"sql": GROUPED}, headers=dcast.consumer.headers
        ).status_code,
    )
    assert statuses.count(200) == 7 and statuses.count(409) == 13
    db.session.expire_all()
    ledger = db.session.scalar(select(AgreementLedger).where(AgreementLedger.agreement_id == agreement))
    assert ledger.calls_used == 7
    logged = db.session.scalars(select(UsageEntry.outcome).where(UsageEntry.agreement_id == agreement)).all()
    assert sorted(logged) == ["conflict"] * 13 + ["ok"] * 7


def test_termination_refuses_the_next_call_and_interrupts_a_running_one(app, dcast, scjgj_data, ctx):
    from delivery.gateway import engine

    agreement = active_agreement(dcast, mode="in_platform")
    slow = (
        "SELECT COUNT(*) FROM SCJGJ_001 a JOIN SCJGJ_001 b ON a.reg_status = b.reg_status "
        "JOIN SCJGJ_001 c ON b.reg_status = c.reg_status"
    )
    client = app.test_client()
    outcome = {}

    def run():
        with app.app_context():
            outcome["response"] = client.post(
                f"/api/v1/agreements/{agreement}/queries", json={"sql": slow}, headers=dcast.consumer.headers
            )
            db.session.remove()

    worker = threading.Thread(target=run)
    started = time.monotonic()
    worker.start()
    for _ in range(200):
        if engine.running(agreement):
            break
        time.sleep(0.02)
    assert engine.running(agreement) == 1
    ended = dcast.steward.post(f"/api/v1/agreements/{agreement}/terminate", {"reason": "违约使用"})
    assert ended.status_code == 200 and ended.json["status"] == "terminated"
    worker.join(timeout=20)
    assert time.monotonic() - started < 8  # stopped, not run to the time limit
    assert outcome["response"].status_code == 409
    after = query(dcast.consumer, agreement, "SELECT COUNT(*) FROM SCJGJ_001")
    assert after.status_code == 409
    log = dcast.consumer.get(f"/api/v1/agreements/{agreement}/usage").json["items"]
    assert [e["outcome"] for e in log[:2]] == ["conflict", "interrupted"]
    assert dcast.other_consumer.post(f"/api/v1/agreements/{agreement}/terminate", {"reason": "x"}).status_code == 404


def test_a_query_over_the_time_limit_is_stopped_and_counted_once(app, dcast, scjgj_data, ctx):
    agreement = active_agreement(dcast, mode="in_platform")
    terms.set_limits(_operator(dcast), agreement, calls=5)
    db.session.commit()  # the test is the edge (core/uow.py): the requests see the limits
    slow = (
        "SELECT COUNT(*) FROM SCJGJ_001 a JOIN SCJGJ_001 b ON a.reg_status = b.reg_status "
        "JOIN SCJGJ_001 c ON b.reg_status = c.reg_status"
    )
    app.config["DELIVERY_TIME_LIMIT"] = 0.3
    try:
        started = time.monotonic()
        stopped = query(dcast.consumer, agreement, slow)
        assert time.monotonic() - started < 5
    finally:
        app.config["DELIVERY_TIME_LIMIT"] = 10.0
    assert stopped.status_code == 400 and stopped.json["error"]["code"] == "query_refused"
    log = dcast.consumer.get(f"/api/v1/agreements/{agreement}/usage").json["items"]
    assert log[0]["outcome"] == "interrupted" and log[0]["rule"] == "timeout"
    db.session.expire_all()
    ledger = db.session.scalar(select(AgreementLedger).where(AgreementLedger.agreement_id == agreement))
    assert ledger.calls_used == 1


def test_a_steward_changing_a_column_role_applies_from_the_next_call(dcast, scjgj_data, ctx):
    """Column roles are cached per process by a stamp of the category's policies: a confirmation
    moves the stamp, so the very next call is checked against the new role, and back again."""
    agreement = active_agreement(dcast, categories=("SCJGJ-002",))
    described = dcast.steward.get("/api/v1/categories/SCJGJ-002/column-policies").json
    column = next(c for c in described["columns"] if c["role"] in ("attribute", "quasi_identifier"))
    grouped = f"SELECT {column['name']}, COUNT(*) AS n FROM SCJGJ_002 GROUP BY {column['name']}"
    assert query(dcast.consumer, agreement, grouped).status_code == 200

    def confirm(role):
        body = {"roles": {column["name"]: role}, "min_group_size": described["min_group_size"]}
        answer = dcast.steward.client.put(
            "/api/v1/categories/SCJGJ-002/column-policies", json=body, headers=dcast.steward.headers
        )
        assert answer.status_code == 200, answer.json

    confirm("identifier")
    try:
        refused = query(dcast.consumer, agreement, grouped)
        assert refused.status_code == 400 and refused.json["error"]["code"] == "query_refused"
        log = dcast.consumer.get(f"/api/v1/agreements/{agreement}/usage").json["items"]
        assert (log[0]["outcome"], log[0]["rule"]) == ("refused", "identifier")
    finally:
        confirm(column["role"])
    assert query(dcast.consumer, agreement, grouped).status_code == 200


def test_the_answer_reports_the_counters_after_the_call(app, dcast, scjgj_data, ctx):
    agreement = active_agreement(dcast)
    terms.set_limits(_operator(dcast), agreement, calls=3)
    db.session.commit()  # the test is the edge (core/uow.py): the requests see the limits
    first = query(dcast.consumer, agreement, GROUPED).json
    second = query(dcast.consumer, agreement, GROUPED).json
    assert (first["quota"]["used"], second["quota"]["used"], second["quota"]["limit"]) == (1, 2, 3)
    checked = query(dcast.consumer, agreement, GROUPED, check_only=True).json
    assert checked["quota"]["used"] == 2  # a check takes no call
    db.session.expire_all()
    ledger = db.session.scalar(select(AgreementLedger).where(AgreementLedger.agreement_id == agreement))
    assert ledger.rows_used == first["row_count"] + second["row_count"]
