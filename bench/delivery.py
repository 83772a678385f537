"""Delivery bench: a grouped aggregate over SCJGJ-001 at its full 1,128,325 rows through the HTTP API
(gunicorn, 2 workers; SQLite as the app database) at 1 and 20 clients, beside the same query run
directly on DuckDB in-process (the engine's own limit), on SQLite over the same rows, a bare Flask
request served the same way, and the gateway's own check-and-rewrite time.

Targets: the check under 2 ms p50; the API p50 (1 client) within 1.5× of DuckDB direct + bare Flask.
DuckDB direct runs the same SQL text on the gateway's own base connection (engine.connection: the same
settings); the three 1-client figures are taken in interleaved rounds (a shared machine's load then
weighs on each alike)."""

import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests

from bench.negotiation import RESULTS, ROOT, _say, _stats_ms

ROWS = 1_128_325
USER_SQL = "SELECT reg_authority, COUNT(*) AS n, AVG(reg_capital) AS avg_capital FROM SCJGJ_001 GROUP BY reg_authority"
CLIENTS = 20
ROUNDS = 150  # 1 client: DuckDB direct, the API and bare Flask, each timed once per round
DURATION_S = 10.0


def _setup(workdir: Path) -> dict:
    from flask_migrate import upgrade

    from accounts import credit_code
    from accounts import services as accounts
    from app import create_app
    from catalog import services as catalog
    from catalog.models import Category
    from core.extensions import db
    from delivery import storage
    from delivery.services import policies, versions
    from marketplace.services import agreements, authorisations, demands, listings, lists

    url = f"sqlite:///{workdir / 'bench.sqlite3'}"
    config = {
        "SQLALCHEMY_DATABASE_URI": url,
        "SEARCH_INDEX_DIR": str(workdir / "index"),
        "DATA_DIR": str(workdir / "data"),
        "SECRET_KEY": "bench",
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
    }
    app = create_app(config)
    with app.app_context():
        upgrade()
        catalog.seed_catalog()
        category = db.session.query(Category).filter_by(code="SCJGJ-001").one()
        started = time.perf_counter()
        version = versions.generate_version(category, ROWS, seed=1)
        generated_s = time.perf_counter() - started
        password = "bench-password"
        consumer = accounts.create_user(
            "c@bench.cn", "consumer", credit_code.complete("91510100MA0000001"), password, org_name="压测企业"
        )
        operator = accounts.create_user("op@bench.cn", "operator", "CDBDG", password)
        coordinator = accounts.create_user("co@bench.cn", "coordinator", "WLLZB", password)
        steward = accounts.create_user("st@bench.cn", "steward", "SCJGJ", password)
        demand = demands.post_demand(
            consumer, {"title": "压测", "scenario": "压测", "purpose": "压测", "categories": ["SCJGJ-001"]}
        )
        demands.accept_demand(operator, demand.id)
        open_list = lists.open_list()
        db.session.commit()
        lists.submit_list(operator, open_list.id)
        lists.decide_item(coordinator, demand.list_item.id, {"decision": "approve"})
        modes = ["usable_invisible"]
        authorisations.grant(
            steward,
            demand.list_item.authorisations[0].id,
            {
                "purpose": "压测",
                "delivery_modes": modes,
                "expires_on": (datetime.now(UTC) + timedelta(days=365)).date().isoformat(),
                "security_measures": "压测",
            },
        )
        listing = listings.create_listing(
            operator,
            {
                "title_zh": "压测数据产品",
                "delivery_modes": modes,
                "pricing_basis": "per_product",
                "guide_price": "8000.00",
                "price_cap": "10000.00",
                "categories": ["SCJGJ-001"],
                "demands": [demand.id],
            },
        )
        listings.publish(operator, listing.id)
        agreement = agreements.create_agreement(
            operator, {"listing_id": listing.id, "demand_id": demand.id, "delivery_mode": modes[0], "price": "9000.00"}
        )
        for user in (steward, operator, consumer):
            agreements.sign(user, agreement.id)
        token = accounts.issue_token(consumer)
        db.session.commit()  # the bench is the edge of its unit of work (services flush)
        return {
            "env": {
                "DATABASE_URL": url,
                "DATA_DIR": config["DATA_DIR"],
                "SEARCH_INDEX_DIR": config["SEARCH_INDEX_DIR"],
            },
            "agreement": agreement.id,
            "token": token,
            "duckdb": str(storage.duckdb_path(version.file_name)),
            "parquet": str(storage.parquet_path(version.file_name)),
            "roles": {"SCJGJ_001": policies.roles_for(category)},
            "generated_s": round(generated_s, 2),
            "app": app,
        }


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _serve(target: str, env: dict, probe: str) -> tuple[subprocess.Popen, int]:
    """gunicorn -w 2 on a free port, waited for until `probe` answers (the app's first request
    loads its search analysers: up to a minute on a busy machine)."""
    port = _free_port()
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    process = subprocess.Popen(
        [gunicorn, "-w", "2", "-b", f"127.0.0.1:{port}", "--timeout", "120", "--log-level", "warning", target],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            requests.get(f"http://127.0.0.1:{port}{probe}", timeout=60)
            return process, port
        except requests.RequestException:
            time.sleep(0.5)
    process.kill()
    raise RuntimeError(f"gunicorn {target} did not start")


def _sequential(call, n: int) -> list[float]:
    out = []
    for _ in range(n):
        started = time.perf_counter()
        call()
        out.append(time.perf_counter() - started)
    return out


def _interleaved(calls: dict, rounds: int) -> dict[str, list[float]]:
    """Each round times every call once, in turn, so a change in the machine's load falls on all alike."""
    out = {name: [] for name in calls}
    for _ in range(rounds):
        for name, call in calls.items():
            started = time.perf_counter()
            call()
            out[name].append(time.perf_counter() - started)
    return out


def _concurrent(make_call) -> tuple[list[float], float]:
    latencies, lock = [], threading.Lock()
    stop = time.monotonic() + DURATION_S

    def work():
        call = make_call()
        while time.monotonic() < stop:
            started = time.perf_counter()
            call()
            with lock:
                latencies.append(time.perf_counter() - started)

    threads = [threading.Thread(target=work) for _ in range(CLIENTS)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, time.perf_counter() - started


def run(options) -> dict:
    _say(f"\ndelivery bench: SCJGJ-001 at {ROWS:,} rows; {USER_SQL}")
    workdir = Path(tempfile.mkdtemp(prefix="pdp-bench-delivery-"))
    servers = []
    try:
        setup = _setup(workdir)
        _say(f"  generated {ROWS:,} rows in {setup['generated_s']} s")
        # the gateway's own work: parse, check, regenerate
        from delivery.gateway import checker

        with setup["app"].app_context():
            check = _sequential(lambda: checker.check(USER_SQL, setup["roles"], "usable_invisible"), 2000)
        # DuckDB in-process on the connection the gateway's cursors come from, with its settings (memory
        # and thread limits, read-only, external access off) and the same SQL text; the gateway adds
        # only a cursor per call and AVG's parts (SUM, COUNT) for a remainder row
        from delivery.gateway import engine

        with setup["app"].app_context():
            limits = setup["app"].config
            con = engine.connection(
                {"SCJGJ_001": setup["duckdb"]},
                limits.get("DELIVERY_MEMORY_LIMIT", "512MB"),
                int(limits.get("DELIVERY_THREADS", 2)),
            )
        direct_sql = USER_SQL
        con.execute(direct_sql).fetchall()
        # SQLite over the same rows
        lite_path = workdir / "rows.sqlite3"
        lite = sqlite3.connect(lite_path, check_same_thread=False)
        lite.execute("CREATE TABLE SCJGJ_001 (reg_authority TEXT, reg_capital REAL)")
        rows = con.execute("SELECT reg_authority, CAST(reg_capital AS DOUBLE) FROM data").fetchall()
        lite.executemany("INSERT INTO SCJGJ_001 VALUES (?, ?)", rows)
        lite.commit()
        del rows
        lite_times = _sequential(lambda: lite.execute(USER_SQL).fetchall(), 5)
        # the HTTP API and a bare Flask endpoint, each under gunicorn -w 2
        env = {**os.environ, **setup["env"], "SECRET_KEY": "bench"}
        app_server, app_port = _serve("wsgi:app", env, "/api/v1/openapi.json")
        servers.append(app_server)
        bare_server, bare_port = _serve("bench.bare:app", env, "/api/v1/echo")
        servers.append(bare_server)
        api_url = f"http://127.0.0.1:{app_port}/api/v1/agreements/{setup['agreement']}/queries"
        headers = {"Authorization": f"Bearer {setup['token']}"}

        def api_call():
            session = requests.Session()

            def call():
                response = session.post(api_url, json={"sql": USER_SQL}, headers=headers, timeout=60)
                if response.status_code != 200:
                    raise RuntimeError(f"API answered {response.status_code}: {response.text[:300]}")

            return call

        def bare_call():
            session = requests.Session()
            return lambda: session.post(f"http://127.0.0.1:{bare_port}/api/v1/echo", json={"sql": USER_SQL}, timeout=30)

        first = api_call()
        for _ in range(10):
            first()  # warm both workers' engines (which worker takes a call is the kernel's choice)
        # DuckDB direct, the API and bare Flask timed in turn, round by round: the machine is shared, and
        # load that comes and goes between phases measured one after the other skewed their ratio
        one_client = _interleaved(
            {"duckdb": lambda: con.execute(direct_sql).fetchall(), "api": first, "bare": bare_call()}, ROUNDS
        )
        duck, api_1, bare_1 = one_client["duckdb"], one_client["api"], one_client["bare"]
        api_20, api_20_s = _concurrent(api_call)
        bare_20, bare_20_s = _concurrent(bare_call)
    finally:
        for server in servers:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)
    result = {
        "bench": "delivery",
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "cpu_count": os.cpu_count()},
        "rows": ROWS,
        "query": USER_SQL,
        "generate_s": setup["generated_s"],
        "check_and_rewrite_ms": _stats_ms(check),
        "duckdb_direct_ms": _stats_ms(duck),
        "sqlite_same_rows_ms": _stats_ms(lite_times),
        "api_1_client_ms": _stats_ms(api_1),
        "bare_flask_1_client_ms": _stats_ms(bare_1),
        "api_20_clients_ms": _stats_ms(api_20) | {"per_second": round(len(api_20) / api_20_s, 1)},
        "bare_flask_20_clients_ms": _stats_ms(bare_20) | {"per_second": round(len(bare_20) / bare_20_s, 1)},
        "server": "gunicorn -w 2 (sync), SQLite app database, DuckDB threads=2",
    }
    floor = result["duckdb_direct_ms"]["p50"] + result["bare_flask_1_client_ms"]["p50"]
    result["targets"] = {
        "check_p50_under_2ms": result["check_and_rewrite_ms"]["p50"] < 2.0,
        "api_p50_vs_duckdb_plus_bare": round(result["api_1_client_ms"]["p50"] / floor, 2),
        "api_p50_within_1_5x": result["api_1_client_ms"]["p50"] <= 1.5 * floor,
    }
    for key in (
        "check_and_rewrite_ms",
        "duckdb_direct_ms",
        "sqlite_same_rows_ms",
        "api_1_client_ms",
        "bare_flask_1_client_ms",
        "api_20_clients_ms",
        "bare_flask_20_clients_ms",
    ):
        stats = result[key]
        _say(
            f"  {key:<26} p50 {stats['p50']:>9} p99 {stats['p99']:>9}"
            + (f"  {stats['per_second']}/s" if "per_second" in stats else "")
        )
    _say(f"  targets: {result['targets']}")
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    for name in (f"delivery-{stamp}.json", "latest-delivery.json"):
        (RESULTS / name).write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return result
