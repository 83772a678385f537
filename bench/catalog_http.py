"""Catalog through HTTP: requests per second of `GET /api/v1/categories?q=营业执照` and `?q=yyzz`
(anonymous, with the answer cache warm and, from a second server, with the cache off) and of the
`/search?q=营业执照` page, each beside a bare Flask JSON GET (bench.bare) — all served by gunicorn
(2 sync workers) on PostgreSQL, 20 clients (bench.load), measured in the same run and reported as
ratios to the bare GET. The bare GET is measured before the first line, between every two lines
and after the last; each line's yardstick is the mean of the bare GET just before and just after it
(on a shared machine the load changes within a run: a bare GET measured only first and last once
differed 2.4× between the two).

PostgreSQL: BENCH_DATABASE_URL, else DATABASE_URL, else a `pdp_bench` database on 127.0.0.1:5432
(its public schema is dropped and made again here).
"""

import json
import os
import platform
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from bench import load

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
CLIENTS = 20
SECONDS = 6.0
BARE_SECONDS = 4.0
TARGETS = {"api": 0.50, "page": 0.25}


def database_url() -> str:
    return (
        os.environ.get("BENCH_DATABASE_URL")
        or os.environ.get("DATABASE_URL", "").strip()
        or "postgresql+psycopg://postgres@127.0.0.1:5432/pdp_bench"
    )


def _setup(url: str, index_dir: str) -> int:
    from flask_migrate import upgrade

    from app import create_app
    from catalog import services
    from core.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SEARCH_INDEX_DIR": index_dir, "SECRET_KEY": "bench"})
    with app.app_context():
        upgrade()
        services.seed_catalog()
        db.session.commit()  # this script is the edge (core/uow.py)
        return services.reindex()


def run(options) -> dict:
    from bench.negotiation import _prepare_database

    url = database_url()
    print(f"\ncatalog over HTTP: {CLIENTS} clients, gunicorn 2 workers, {url.split('@')[-1]}", flush=True)
    if not url.startswith("postgresql"):
        print("  skipped: needs PostgreSQL (BENCH_DATABASE_URL or DATABASE_URL)")
        return {}
    try:
        _prepare_database(url)
    except Exception as exc:  # no PostgreSQL here: say so, do not pretend
        print(f"  skipped: PostgreSQL not reachable ({exc.__class__.__name__}: {exc})")
        return {}
    index_dir = tempfile.mkdtemp(prefix="pdp-bench-index-")
    indexed = _setup(url, index_dir)
    env = dict(os.environ, DATABASE_URL=url, SEARCH_INDEX_DIR=index_dir, SECRET_KEY="bench", JOBS_INPROCESS="0")
    env.pop("REDIS_URL", None)
    servers = []
    try:
        bare = load.serve("bench.bare:app", 5081, env, "/api/v1/items")
        servers.append(bare)
        servers.append(load.serve("wsgi:app", 5082, dict(env, CACHE_TYPE="SimpleCache"), "/api/v1/departments"))
        servers.append(load.serve("wsgi:app", 5083, dict(env, CACHE_TYPE="NullCache"), "/api/v1/departments"))
        zh, yyzz = "/api/v1/categories?q=" + quote("营业执照"), "/api/v1/categories?q=yyzz"
        page = "/search?q=" + quote("营业执照")
        lines = [
            ("api q=营业执照, cache warm", 5082, zh),
            ("api q=yyzz, cache warm", 5082, yyzz),
            ("api q=营业执照, cache off", 5083, zh),
            ("api q=yyzz, cache off", 5083, yyzz),
            ("/search page, cache warm", 5082, page),
            ("/search page, cache off", 5083, page),
        ]
        measured, bare_runs = {}, []

        def measure(label, port, path, seconds):
            raw = load.request_bytes("GET", path, {"Accept": "application/json"})
            load.hammer(port, lambda n, i, raw=raw: raw, CLIENTS, 1.0)  # warm up: caches, connections, JIT of nothing
            figures = dict(load.hammer(port, lambda n, i, raw=raw: raw, CLIENTS, seconds), port=port, path=path)
            print(
                f"  {label:<30} {figures['per_second']:>8.1f} req/s  p50 {figures['latency_ms'].get('p50')} ms"
                f"  p99 {figures['latency_ms'].get('p99')} ms  failures {figures['failures']}",
                flush=True,
            )
            return figures

        for n, (label, port, path) in enumerate(lines):
            if n == 0:
                bare_runs.append(measure("bare GET (before)", 5081, "/api/v1/items", BARE_SECONDS))
            measured[label] = measure(label, port, path, SECONDS)
            last = n == len(lines) - 1
            bare_runs.append(measure("bare GET (after)" if last else "bare GET", 5081, "/api/v1/items", BARE_SECONDS))
            measured[label]["bare_per_second"] = round(
                (bare_runs[-2]["per_second"] + bare_runs[-1]["per_second"]) / 2, 1
            )
        measured["bare GET (before)"], measured["bare GET (after)"] = bare_runs[0], bare_runs[-1]
    finally:
        load.stop(*servers)
        shutil.rmtree(index_dir, ignore_errors=True)

    bare_rate = sum(run["per_second"] for run in bare_runs) / len(bare_runs)
    ratios = {
        label: round(m["per_second"] / m["bare_per_second"], 3)
        for label, m in measured.items()
        if not label.startswith("bare")
    }
    print(
        f"  ratio to the bare GET measured just before and after each line (all bare runs' mean {bare_rate:.1f} req/s):"
    )
    for label, ratio in ratios.items():
        target = TARGETS["page" if label.startswith("/search") else "api"]
        verdict = "ok" if ratio >= target else "MISS"
        print(f"    {label:<30} {ratio:>6.1%}  (target ≥ {target:.0%}: {verdict})")
    result = {
        "bench": "catalog_http",
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "cpu_count": os.cpu_count(),
            "loadavg": [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None,
        },
        "clients": CLIENTS,
        "seconds_each": SECONDS,
        "server": "gunicorn -w 2 (sync)",
        "client": "bench.load (asyncio, a connection per request)",
        "database": "postgresql",
        "indexed": indexed,
        "bare_per_second": round(bare_rate, 1),
        "bare_runs": [run["per_second"] for run in bare_runs],
        "measured": measured,
        "ratio_to_bare": ratios,
        "targets": TARGETS,
    }
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    for name in (f"catalog-http-{stamp}.json", "latest-catalog-http.json"):
        (RESULTS / name).write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return result
