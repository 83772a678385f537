"""Negotiation bench: offers per second and accept latency through the HTTP API under 20 concurrent
clients, the app served by gunicorn (2 workers) on PostgreSQL — beside a bare Flask endpoint served
the same way in the same run (bench.bare).

Needs PostgreSQL (BENCH_DATABASE_URL, else DATABASE_URL, default a `pdp_bench` database on 127.0.0.1:5432, created and
emptied here). Phase 1: for a fixed time every client makes offers on negotiations of its own (a new
one when the round limit nears). Phase 2: every client accepts negotiations prepared for it, one by
one, each accept creating an agreement and an invoice in one transaction. Before the timed accepts
every client makes WARMUP_ACCEPTS untimed ones, so both workers have run the accept path once (a
worker's first accept compiles its statements and loads the invoice and ledger code: ~60 ms, not
~6); and there are ACCEPTS_PER_CLIENT timed ones each, so that the p99 is not one of the slowest
two of 200 samples.
"""

import json
import os
import platform
import shutil
import statistics
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests
from sqlalchemy import create_engine, text

from bench import load

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
ROOT = HERE.parent
CLIENTS = 20
DURATION_S = 10.0
ACCEPTS_PER_CLIENT = 30
WARMUP_ACCEPTS = 2
# gunicorn's threads per worker, for the app and the bare endpoint alike (1: sync workers)
THREADS = int(os.environ.get("BENCH_GUNICORN_THREADS", "1"))


def _say(message: str) -> None:
    print(message, flush=True)


def _percentile(values, q):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def _stats_ms(seconds: list[float]) -> dict:
    ms = [s * 1000 for s in seconds]
    return (
        {
            "p50": round(_percentile(ms, 50), 2),
            "p99": round(_percentile(ms, 99), 2),
            "mean": round(statistics.fmean(ms), 2),
            "samples": len(ms),
        }
        if ms
        else {}
    )


def _prepare_database(url: str) -> None:
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    name = url.rsplit("/", 1)[1]
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        if not conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).scalar():
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def _setup(url: str, index_dir: str) -> dict:
    """Schema, catalog, users with tokens, and one published listing (through the services)."""
    from flask_migrate import upgrade

    from accounts import credit_code
    from accounts import services as accounts
    from app import create_app
    from catalog import services as catalog
    from core.extensions import db
    from marketplace.services import authorisations, demands, listings, lists

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SEARCH_INDEX_DIR": index_dir,
            "SECRET_KEY": "bench",
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        }
    )
    with app.app_context():
        upgrade()
        catalog.seed_catalog()
        password = "bench-password"
        consumers = [
            accounts.create_user(
                f"c{n}@bench.cn",
                "consumer",
                credit_code.complete(f"91510100MA{n:07d}"),
                password,
                org_name=f"压测企业{n}",
            )
            for n in range(CLIENTS)
        ]
        operators = [accounts.create_user(f"op{n}@bench.cn", "operator", "CDBDG", password) for n in range(2)]
        coordinator = accounts.create_user("co@bench.cn", "coordinator", "WLLZB", password)
        steward = accounts.create_user("st@bench.cn", "steward", "SCJGJ", password)
        demand = demands.post_demand(
            consumers[0], {"title": "压测需求", "scenario": "压测", "purpose": "压测", "categories": ["SCJGJ-001"]}
        )
        demands.accept_demand(operators[0], demand.id)
        open_list = lists.open_list()
        db.session.commit()
        lists.submit_list(operators[0], open_list.id)
        lists.decide_item(coordinator, demand.list_item.id, {"decision": "approve"})
        auth = demand.list_item.authorisations[0]
        authorisations.grant(
            steward,
            auth.id,
            {
                "purpose": "压测",
                "delivery_modes": ["usable_invisible"],
                "expires_on": (datetime.now(UTC) + timedelta(days=365)).date().isoformat(),
                "security_measures": "压测",
            },
        )
        listing = listings.create_listing(
            operators[0],
            {
                "title_zh": "压测数据产品",
                "delivery_modes": ["usable_invisible"],
                "pricing_basis": "per_product",
                "guide_price": "8000.00",
                "price_cap": "10000.00",
                "categories": ["SCJGJ-001"],
            },
        )
        listings.publish(operators[0], listing.id)
        made = {
            "listing": listing.id,
            "consumers": [accounts.issue_token(u) for u in consumers],
            "operators": [accounts.issue_token(u) for u in operators],
        }
        db.session.commit()  # the bench is the edge of its unit of work (services flush)
        return made


def _workers() -> str:
    return f"-w 2 --threads {THREADS} (gthread)" if THREADS > 1 else "-w 2 (sync)"


def _serve(target: str, port: int, env: dict):
    return load.serve(target, port, env, threads=THREADS)


def _run_clients(work) -> tuple[list[float], int, float]:
    """Run work(n, record) in CLIENTS threads; returns (latencies, failures, seconds)."""
    latencies, failures, lock = [], [0], threading.Lock()

    def record(seconds=None, failed=False, status=None):
        with lock:
            if failed:
                failures[0] += 1
                _say(f"  a failed request: status {status}")
            else:
                latencies.append(seconds)

    threads = [threading.Thread(target=work, args=(n, record)) for n in range(CLIENTS)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, failures[0], time.perf_counter() - started


class _NoAnswer:
    status_code = 0  # the request failed before an answer (a dropped connection, a timeout)


def _timed(session, method, url, **kw):
    started = time.perf_counter()
    try:
        response = session.request(method, url, timeout=30, **kw)
    except requests.RequestException:
        response = _NoAnswer()
    return response, time.perf_counter() - started


def run(options) -> dict:
    from bench.catalog_http import database_url

    url = database_url()
    _say(f"\nnegotiation bench: {CLIENTS} clients, gunicorn {_workers()}, {url.split('@')[-1]}")
    try:
        _prepare_database(url)
    except Exception as exc:  # no PostgreSQL here: say so, do not pretend
        _say(f"  skipped: PostgreSQL not reachable ({exc.__class__.__name__}: {exc})")
        return {}
    index_dir = tempfile.mkdtemp(prefix="pdp-bench-index-")
    setup = _setup(url, index_dir)
    env = dict(os.environ, DATABASE_URL=url, SEARCH_INDEX_DIR=index_dir, SECRET_KEY="bench", JOBS_INPROCESS="0")
    app_server = _serve("wsgi:app", 5071, env)
    bare_server = _serve("bench.bare:app", 5072, env)
    base, bare = "http://127.0.0.1:5071/api/v1", "http://127.0.0.1:5072/api/v1"
    try:
        # phase 1: offers per second
        stop = time.monotonic() + DURATION_S

        def offers(n, record):
            session = requests.Session()
            session.headers["Authorization"] = f"Bearer {setup['consumers'][n]}"
            thread_id, rounds = None, 99
            while time.monotonic() < stop:
                if rounds >= 19:
                    response = session.post(
                        f"{base}/negotiations",
                        json={"listing_id": setup["listing"], "message": "压测", "amount": "5000.00"},
                    )
                    thread_id, rounds = response.json()["id"], 1
                    continue
                response, seconds = _timed(
                    session, "POST", f"{base}/negotiations/{thread_id}/offers", json={"amount": f"{5000 + rounds}.00"}
                )
                rounds += 1
                record(seconds, failed=response.status_code != 201, status=response.status_code)

        offer_latency, offer_failures, offer_seconds = _run_clients(offers)
        offers_per_s = len(offer_latency) / offer_seconds

        # phase 2: accept latency (each accept makes an agreement and an invoice)
        per_client = WARMUP_ACCEPTS + ACCEPTS_PER_CLIENT
        prepared: dict[int, list[tuple[int, int]]] = {}
        for n in range(CLIENTS):
            session = requests.Session()
            session.headers["Authorization"] = f"Bearer {setup['consumers'][n]}"
            prepared[n] = []
            for _ in range(per_client):
                body = session.post(
                    f"{base}/negotiations",
                    json={"listing_id": setup["listing"], "message": "成交", "amount": "6000.00"},
                ).json()
                prepared[n].append((body["id"], body["standing_offer"]["id"]))

        def accepting(first, last):
            def accepts(n, record):
                session = requests.Session()
                session.headers["Authorization"] = f"Bearer {setup['operators'][n % 2]}"
                for thread_id, offer_id in prepared[n][first:last]:
                    response, seconds = _timed(
                        session, "POST", f"{base}/negotiations/{thread_id}/accept", json={"offer_id": offer_id}
                    )
                    record(seconds, failed=response.status_code != 200, status=response.status_code)

            return accepts

        _, warmup_failures, _ = _run_clients(accepting(0, WARMUP_ACCEPTS))  # untimed
        accept_latency, accept_failures, _ = _run_clients(accepting(WARMUP_ACCEPTS, per_client))
        accept_failures += warmup_failures

        # baseline: the bare endpoint, same clients, same time
        stop = time.monotonic() + DURATION_S

        def echo(n, record):
            session = requests.Session()
            while time.monotonic() < stop:
                response, seconds = _timed(session, "POST", f"{bare}/echo", json={"amount": "5000.00"})
                record(seconds, failed=response.status_code != 201, status=response.status_code)

        bare_latency, bare_failures, bare_seconds = _run_clients(echo)
        bare_per_s = len(bare_latency) / bare_seconds
    finally:
        load.stop(app_server, bare_server)
        shutil.rmtree(index_dir, ignore_errors=True)

    result = {
        "bench": "negotiation",
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "cpu_count": os.cpu_count()},
        "clients": CLIENTS,
        "server": f"gunicorn {_workers()}",
        "database": "postgresql",
        "offers": {
            "per_second": round(offers_per_s, 1),
            "latency_ms": _stats_ms(offer_latency),
            "failures": offer_failures,
        },
        "accept": {
            "latency_ms": _stats_ms(accept_latency),
            "count": len(accept_latency),
            "warmup_untimed": WARMUP_ACCEPTS * CLIENTS,
            "failures": accept_failures,
        },
        "baseline_bare_flask": {
            "per_second": round(bare_per_s, 1),
            "latency_ms": _stats_ms(bare_latency),
            "failures": bare_failures,
        },
    }
    result["ratio"] = {
        "throughput": round(offers_per_s / bare_per_s, 3) if bare_per_s else None,
        "accept_p50_vs_bare_p50": round(
            result["accept"]["latency_ms"]["p50"] / result["baseline_bare_flask"]["latency_ms"]["p50"], 1
        ),
        "accept_p99_vs_bare_p99": round(
            result["accept"]["latency_ms"]["p99"] / result["baseline_bare_flask"]["latency_ms"]["p99"], 1
        ),
    }
    _say(
        f"  offers/s:          {result['offers']['per_second']:>8} | bare Flask {result['baseline_bare_flask']['per_second']} req/s"
        f" | ratio {result['ratio']['throughput']}  (failures {offer_failures})"
    )
    _say(
        f"  offer latency ms:  p50 {result['offers']['latency_ms']['p50']} p99 {result['offers']['latency_ms']['p99']}"
    )
    _say(
        f"  accept latency ms: p50 {result['accept']['latency_ms']['p50']} p99 {result['accept']['latency_ms']['p99']}"
        f" | bare p50 {result['baseline_bare_flask']['latency_ms']['p50']} p99 {result['baseline_bare_flask']['latency_ms']['p99']}"
        f" | ratio p50 {result['ratio']['accept_p50_vs_bare_p50']} p99 {result['ratio']['accept_p99_vs_bare_p99']}"
        f"  ({result['accept']['count']} accepts, failures {accept_failures})"
    )
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    for name in (f"negotiation-{stamp}.json", "latest-negotiation.json"):
        (RESULTS / name).write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return result
