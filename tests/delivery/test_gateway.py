"""The query gateway (可用不可见) over SCJGJ-001: grouped answers with small groups merged into a
counted remainder, and the attacks of DELIVERY.md refused and logged, with nothing written to disk."""

import os

import pytest

from tests.delivery.conftest import active_agreement, query


@pytest.fixture()
def agreement(dcast, scjgj_data, ctx):
    return active_agreement(dcast)


def _files(root):
    return sorted((p, os.path.getsize(p), os.path.getmtime(p)) for p in root.rglob("*") if p.is_file())


def test_a_grouped_count_answers_every_group_at_least_the_minimum_and_counts_the_suppressed_rows(dcast, agreement):
    sql = "SELECT reg_authority, reg_status, COUNT(*) AS n FROM SCJGJ_001 GROUP BY reg_authority, reg_status ORDER BY n DESC"
    answer = query(dcast.consumer, agreement, sql)
    assert answer.status_code == 200, answer.json
    body = answer.json
    assert body["columns"] == ["reg_authority", "reg_status", "n"]
    assert body["suppressed_groups"] > 0 and body["suppressed_rows"] >= 10
    regular = [r for r in body["rows"] if r[0] is not None]
    remainder = [r for r in body["rows"] if r[0] is None]
    assert all(r[2] >= 10 for r in regular)
    assert remainder == [[None, None, body["suppressed_rows"]]]
    rows = dcast.consumer.get(f"/api/v1/agreements/{agreement}/datasets").json["items"][0]["rows"]
    assert sum(r[2] for r in body["rows"]) == rows  # nothing silently dropped
    assert body["quota"] == {"used": 1, "limit": None, "unit": "calls"}
    assert body["privacy"] is None and "成都" in body["attribution"] or "Chengdu" in body["attribution"]


def test_averages_merge_into_the_remainder_weighted_by_their_counts(dcast, agreement):
    sql = "SELECT reg_authority, business_scope, AVG(reg_capital) AS avg_cap, COUNT(*) AS n FROM SCJGJ_001 GROUP BY reg_authority, business_scope"
    # small combinations merge into the remainder, their averages weighted by the values each averaged
    body = query(dcast.consumer, agreement, sql).json
    assert body["suppressed_groups"] > 0
    assert all(r[3] >= 10 for r in body["rows"])
    assert body["rows"][-1][:2] == [None, None] and float(body["rows"][-1][2]) > 0


def test_an_average_date_is_answered_and_its_remainder_left_empty(dcast, agreement):
    # AVG over a date works in the engine; averages of dates do not merge, so the remainder row
    # carries none (as for COUNT DISTINCT), and the call is answered, never a 500
    sql = "SELECT reg_authority, business_scope, AVG(est_date) AS d, COUNT(*) AS n FROM SCJGJ_001 GROUP BY 1, 2"
    answer = query(dcast.consumer, agreement, sql)
    assert answer.status_code == 200, answer.json
    body = answer.json
    assert body["remainder"] and body["suppressed_groups"] > 0
    assert body["rows"][-1][:3] == [None, None, None] and body["rows"][-1][3] == body["suppressed_rows"]
    assert all(isinstance(r[2], str) and r[2][:2] in ("19", "20") for r in body["rows"][:-1])


def test_a_remainders_average_is_its_groups_sum_over_their_count(dcast, agreement):
    # the gateway asks for each AVG's count in the same statement, so the remainder's average is right
    # whether or not any group is small (one scan): the same groups' SUM and COUNT agree with it
    by = "FROM SCJGJ_001 GROUP BY reg_authority, business_scope"
    averaged = query(dcast.consumer, agreement, f"SELECT reg_authority, business_scope, AVG(reg_capital) AS a {by}")
    parts = query(
        dcast.consumer,
        agreement,
        f"SELECT reg_authority, business_scope, SUM(reg_capital) AS s, COUNT(reg_capital) AS c {by}",
    )
    assert averaged.status_code == 200 and parts.status_code == 200, (averaged.json, parts.json)
    assert averaged.json["remainder"] and parts.json["remainder"]
    assert averaged.json["suppressed_groups"] == parts.json["suppressed_groups"] > 0
    _keys, _scope, remainder_avg = averaged.json["rows"][-1]
    assert averaged.json["rows"][-1][:2] == [None, None] == parts.json["rows"][-1][:2]
    total, count = parts.json["rows"][-1][2:]
    assert float(remainder_avg) == pytest.approx(float(total) / count, rel=1e-6)
    kept = {tuple(r[:2]): r[2] for r in averaged.json["rows"][:-1]}
    for key_a, key_b, s, c in parts.json["rows"][:-1]:
        assert float(kept[key_a, key_b]) == pytest.approx(float(s) / c, rel=1e-6)


ATTACKS = [
    ("1 singling out", "SELECT COUNT(*) FROM SCJGJ_001 WHERE uscc = '91510104MA00000001'", "identifier"),
    ("2 group by identifier", "SELECT uscc, COUNT(*) FROM SCJGJ_001 GROUP BY uscc", "identifier"),
    ("4 case inside aggregate", "SELECT SUM(CASE WHEN uscc = 'x' THEN reg_capital END) FROM SCJGJ_001", "identifier"),
    ("4 arithmetic inside aggregate", "SELECT SUM(reg_capital * 2) FROM SCJGJ_001", "aggregate_argument"),
    ("6 select star", "SELECT * FROM SCJGJ_001", "star"),
    ("6 raw column", "SELECT ent_type FROM SCJGJ_001", "raw_rows"),
    ("7 read_csv", "SELECT * FROM read_csv('/etc/passwd')", "function"),
    ("7 path as table", "SELECT COUNT(*) FROM '/etc/passwd'", "table"),
    ("7 glob", "SELECT glob('/*')", "function"),
    ("7 sniff_csv", "SELECT sniff_csv('/etc/passwd')", "function"),
    ("8 copy", "COPY SCJGJ_001 TO '/tmp/leak.csv'", "statement"),
    ("8 export database", "EXPORT DATABASE '/tmp/leak'", "syntax"),
    ("8 create", "CREATE TABLE x AS SELECT 1", "statement"),
    ("8 insert", "INSERT INTO SCJGJ_001 VALUES (1)", "statement"),
    ("8 drop", "DROP TABLE SCJGJ_001", "statement"),
    ("9 attach", "ATTACH '/tmp/x.duckdb'", "statement"),
    ("9 detach", "DETACH src0", "statement"),
    ("9 install", "INSTALL httpfs", "statement"),
    ("9 load", "LOAD httpfs", "statement"),
    ("9 call", "CALL pragma_version()", "statement"),
    ("9 set", "SET threads = 64", "statement"),
    ("9 pragma", "PRAGMA database_list", "statement"),
    ("9 reset", "RESET threads", "statement"),
    ("9 two statements", "SELECT COUNT(*) FROM SCJGJ_001; SELECT 1", "one_select"),
    ("10 self cross join", "SELECT COUNT(*) FROM SCJGJ_001 a, SCJGJ_001 b", "construct"),
    (
        "10 recursive cte",
        "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT COUNT(*) FROM r",
        "construct",
    ),
    ("10 repeat", "SELECT COUNT(*), repeat('x', 1000000000) FROM SCJGJ_001", "function"),
    ("11 another category", "SELECT COUNT(*) FROM CDSWJ_001", "table"),
    ("11 qualified name", "SELECT COUNT(*) FROM src0.data", "table"),
    ("engine settings", "SELECT * FROM duckdb_settings()", "function"),
    ("rollup", "SELECT reg_status, COUNT(*) FROM SCJGJ_001 GROUP BY ROLLUP(reg_status)", "construct"),
]


@pytest.mark.parametrize(("name", "sql", "rule"), ATTACKS, ids=[a[0] for a in ATTACKS])
def test_each_attack_is_refused_naming_its_rule_and_logged_with_nothing_written(dcast, agreement, app, name, sql, rule):
    from pathlib import Path

    root = Path(app.config["DATA_DIR"])
    before = _files(root)
    refused = query(dcast.consumer, agreement, sql)
    assert refused.status_code == 400, refused.json
    assert refused.json["error"]["code"] == "query_refused"
    assert refused.json["error"]["fields"]["sql"]
    assert _files(root) == before
    assert not Path("/tmp/leak.csv").exists()
    log = dcast.consumer.get(f"/api/v1/agreements/{agreement}/usage").json["items"]
    assert log[0]["outcome"] == "refused" and log[0]["rule"] == rule and log[0]["sql"] == sql


def test_refusals_speak_the_users_language(dcast, agreement):
    zh = dcast.consumer.post(f"/api/v1/agreements/{agreement}/queries", {"sql": "SELECT * FROM SCJGJ_001"})
    from flask_babel import refresh

    refresh()  # the test's app context would otherwise keep the first request's locale
    en = dcast.consumer.post(f"/api/v1/agreements/{agreement}/queries?lang=en", {"sql": "SELECT * FROM SCJGJ_001"})
    refresh()
    assert "SELECT *" in en.json["error"]["message"] and "raw rows" in en.json["error"]["message"]
    assert zh.json["error"]["message"].startswith("SELECT * 会返回原始行")
    dcast.consumer.get("/api/v1/agreements?lang=zh_CN")
    refresh()


def test_isolation_by_having_and_limit_is_neutralised_by_the_threshold_after_them(dcast, agreement):
    sql = (
        "SELECT reg_authority, reg_status, COUNT(*) AS n FROM SCJGJ_001 GROUP BY reg_authority, reg_status "
        "HAVING COUNT(*) < 5 ORDER BY n LIMIT 1"
    )
    body = query(dcast.consumer, agreement, sql).json
    assert all(r[0] is None for r in body["rows"])  # the one small group is never shown with its keys
    assert body["suppressed_groups"] == 1


def test_differencing_by_a_near_identical_filter_is_refused(dcast, agreement):
    first = query(dcast.consumer, agreement, "SELECT ent_type, COUNT(*) AS n FROM SCJGJ_001 GROUP BY ent_type")
    assert first.status_code == 200
    # the same question without the enterprises of one day of registrations: a handful of rows differ
    second = query(
        dcast.consumer,
        agreement,
        "SELECT ent_type, COUNT(*) AS n FROM SCJGJ_001 WHERE est_date <> DATE '2026-10-30' GROUP BY ent_type",
    )
    assert second.status_code == 400, second.json
    assert second.json["error"]["code"] == "query_refused"
    log = dcast.consumer.get(f"/api/v1/agreements/{agreement}/usage").json["items"]
    assert log[0]["rule"] == "differencing"


def test_a_question_asked_again_stores_its_answer_once_and_differencing_still_finds_it(dcast, agreement):
    from sqlalchemy import func, select

    from core.extensions import db
    from delivery.models import UsageEntry

    sql = "SELECT ent_type, COUNT(*) AS n FROM SCJGJ_001 GROUP BY ent_type"
    for _ in range(4):
        assert query(dcast.consumer, agreement, sql).status_code == 200
    calls = select(func.count()).where(UsageEntry.agreement_id == agreement, UsageEntry.outcome == "ok")
    assert db.session.scalar(calls) == 4  # every call is in the usage log
    # but the answer is stored once: the differencing read looks at distinct answers, not at every call
    assert db.session.scalar(calls.where(UsageEntry.group_counts.is_not(None))) == 1
    near = "SELECT ent_type, COUNT(*) AS n FROM SCJGJ_001 WHERE est_date <> DATE '2026-10-30' GROUP BY ent_type"
    refused = query(dcast.consumer, agreement, near)
    assert refused.status_code == 400 and refused.json["error"]["code"] == "query_refused", refused.json
    assert dcast.consumer.get(f"/api/v1/agreements/{agreement}/usage").json["items"][0]["rule"] == "differencing"


def test_check_only_explains_without_running(dcast, agreement):
    ok = query(dcast.consumer, agreement, "SELECT reg_status, COUNT(*) FROM SCJGJ_001 GROUP BY 1", check_only=True)
    assert ok.status_code == 200 and ok.json["check_only"] is True and "rows" not in ok.json
    assert ok.json["quota"]["used"] == 0
    refused = query(dcast.consumer, agreement, "SELECT uscc FROM SCJGJ_001", check_only=True)
    assert refused.status_code == 400 and "uscc" in refused.json["error"]["message"]


def test_another_enterprise_gets_404_and_the_datasets_list_roles_and_allowed_uses(dcast, agreement):
    assert query(dcast.other_consumer, agreement, "SELECT COUNT(*) FROM SCJGJ_001").status_code == 404
    assert dcast.other_consumer.get(f"/api/v1/agreements/{agreement}/datasets").status_code == 404
    items = dcast.consumer.get(f"/api/v1/agreements/{agreement}/datasets").json["items"]
    table = items[0]
    assert table["table"] == "SCJGJ_001" and table["rows"] == 12_000 and table["version"] >= 1
    columns = {c["name"]: c for c in table["columns"]}
    assert columns["uscc"]["role"] == "identifier" and columns["uscc"]["allowed"] == ["aggregate"]
    assert set(columns["reg_status"]["allowed"]) == {"select", "group_by", "filter", "aggregate"}


def test_the_checked_queries_transpile_to_valid_trino_sql():
    import sqlglot

    from delivery.gateway import checker, engine

    tables = {"SCJGJ_001": {"district": "attribute", "reg_capital": "attribute", "est_date": "quasi_identifier"}}
    for sql in (
        "SELECT district, COUNT(*) AS n, AVG(reg_capital) FROM SCJGJ_001 WHERE est_date >= '2020-01-01' GROUP BY 1",
        "SELECT YEAR(est_date) AS y, SUM(reg_capital) FROM SCJGJ_001 GROUP BY YEAR(est_date) ORDER BY y LIMIT 5",
    ):
        from flask import Flask
        from flask_babel import Babel

        app = Flask("t")
        Babel(app)
        with app.app_context():
            checked = checker.check(sql, tables, "usable_invisible")
        trino = engine.transpile(checked.sql, "trino")
        parsed = sqlglot.parse_one(trino, read="trino")
        assert parsed.find(sqlglot.exp.Table).name == "SCJGJ_001"
        assert "COUNT(*)" in trino


def test_a_query_asked_again_is_checked_once_and_a_policy_change_checks_it_anew():
    """The gateway remembers accepted queries by their SQL, mode and the column roles in force: the same
    question is not parsed again, but a changed role is a different key, so its rule applies at once."""
    from delivery.gateway import checker as gateway_checker
    from delivery.gateway.refusals import QueryRefused

    sql = "SELECT reg_authority, COUNT(*) AS n FROM SCJGJ_001 GROUP BY reg_authority"
    roles = {"SCJGJ_001": {"reg_authority": "attribute", "uscc": "identifier"}}
    first = gateway_checker.check_cached(sql, roles, "usable_invisible")
    assert gateway_checker.check_cached(sql, roles, "usable_invisible") is first
    hidden = {"SCJGJ_001": {"reg_authority": "identifier", "uscc": "identifier"}}
    with pytest.raises(QueryRefused):
        gateway_checker.check_cached(sql, hidden, "usable_invisible")
    with pytest.raises(QueryRefused):  # a refusal is not remembered as an answer either
        gateway_checker.check_cached(sql, hidden, "usable_invisible")
