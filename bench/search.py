"""Search bench: latency of the catalog search as the API runs it, beside a plain SQL LIKE search.

Two catalogs: the shipped one (457 categories, a fresh SQLite database each run) and a generated
one (100,000 categories, cached in bench/.cache/, see bench.generate). For each query of
bench.queries, the full search is timed as GET /api/v1/categories does it:
services.search_categories(services.parse_search_params(args)) inside a request context —
the Whoosh query, facet counts, the suggestion when nothing matched, loading the page of hits from
the database, highlighting and the facet labels. Each request gets a fresh app context (and so a
fresh database session), as in the server.

Search keeps, per index version, what does not depend on the words searched (facet value sets,
field lengths, sort orders), and for the most recently searched words their documents and postings.
The bench's queries repeat, so each query is timed twice per round: first "cold", with the word
caches emptied just before (every word read from the index again, as for a word nobody searched
lately), then as it runs when its words were searched recently ("search"). Both are reported.

The baseline is deliberately dumb and fixed: substring LIKE over names, descriptions and keywords,
the same filters, sort and page, and a COUNT(*) for the total (no facets, no highlighting, no
pinyin). It does not use the app's fallback module, so changes there cannot move the yardstick.
"""

import cProfile
import io
import json
import os
import platform
import pstats
import shutil
import sqlite3
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from flask import request
from sqlalchemy import func, select, text

from app import create_app
from bench import generate
from bench.queries import QUERIES
from catalog import services
from catalog.models import Category, Department
from catalog.search.query import forget_word_caches
from core.extensions import db

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
RESULTS = HERE / "results"
API_PATH = "/api/v1/categories"
TARGET_P99_MS = {"shipped": 10.0, "generated": 100.0}


# ---- the apps -------------------------------------------------------------------------------


def make_app(db_file: Path, index_dir: Path):
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{db_file}",
            "SEARCH_INDEX_DIR": str(index_dir),
            "SECRET_KEY": "bench-only",
        }
    )
    return app


def shipped_app() -> tuple:
    """A fresh database with the shipped catalog, migrated, seeded and indexed."""
    db_file, index_dir = CACHE / "shipped.sqlite3", CACHE / "index-shipped"
    for stale in (db_file, Path(f"{db_file}-wal"), Path(f"{db_file}-shm")):  # SQLite runs in WAL mode
        stale.unlink(missing_ok=True)
    shutil.rmtree(index_dir, ignore_errors=True)
    CACHE.mkdir(parents=True, exist_ok=True)
    app = make_app(db_file, index_dir)
    from flask_migrate import upgrade

    with app.app_context():
        started = time.perf_counter()
        with generate.quiet_logging():
            upgrade()
        services.seed_catalog()
        db.session.commit()  # this script is the edge (core/uow.py)
        seeded = time.perf_counter()
        indexed = services.reindex()
        info = {
            "rows": db.session.scalar(select(func.count()).select_from(Category)),
            "departments": db.session.scalar(select(func.count()).select_from(Department)),
            "indexed": indexed,
            "seed_s": round(seeded - started, 2),
            "index_s": round(time.perf_counter() - seeded, 2),
        }
    return app, info


def generated_app(rows: int) -> tuple:
    app = make_app(CACHE / f"generated-{rows}.sqlite3", CACHE / f"index-generated-{rows}")
    with app.app_context():
        info = generate.ensure(app, rows)
        info["departments"] = db.session.scalar(select(func.count()).select_from(Department))
        info["rows"] = db.session.scalar(select(func.count()).select_from(Category))
    return app, info


# ---- the two searches -----------------------------------------------------------------------


def search_once(app, args: dict, cold: bool = False) -> tuple[float, dict]:
    """Seconds for one full search, and its answer. cold: with the word caches emptied first."""
    if cold:
        forget_word_caches()
    with app.test_request_context(API_PATH, query_string=args):
        started = time.perf_counter()
        answer = services.search_categories(services.parse_search_params(request.args, strict=True))
        elapsed = time.perf_counter() - started
    return elapsed, answer


_SEARCHED = (
    "c.name_zh",
    "c.name_en",
    "c.description_zh",
    "c.description_en",
    "CAST(c.keywords_zh AS TEXT)",
    "CAST(c.keywords_en AS TEXT)",
)
_FACET_COLUMNS = {
    "department": "d.code",
    "theme": "c.theme",
    "openness": "c.openness",
    "grade": "c.grade",
    "frequency": "c.update_frequency",
}


def like_statements(args: dict) -> tuple[str, str, dict]:
    """(count SQL, page SQL, parameters) of the LIKE baseline for the same query-string arguments.

    Every whitespace-separated word must occur somewhere (SQLite's LIKE ignores ASCII case)."""
    params: dict = {}
    where = ["1 = 1"]
    for i, word in enumerate((args.get("q") or "").lower().split()):
        params[f"w{i}"] = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        where.append("(" + " OR ".join(f"{col} LIKE :w{i} ESCAPE '\\'" for col in _SEARCHED) + ")")
    for facet, column in _FACET_COLUMNS.items():
        values = [v.strip() for v in (args.get(facet) or "").split(",") if v.strip()]
        if facet == "department":
            values = [v.upper() for v in values]
        if values:
            names = []
            for j, value in enumerate(values):
                params[f"{facet}{j}"] = value
                names.append(f":{facet}{j}")
            where.append(f"{column} IN ({', '.join(names)})")
    english = args.get("lang") == "en"
    order = {
        "name": "c.name_en" if english else "c.name_zh",
        "records": "c.record_count DESC",
        "updated": "c.updated_at DESC",
    }.get(args.get("sort") or "relevance", "c.code")
    page, per_page = int(args.get("page") or 1), int(args.get("per_page") or 20)
    params.update(limit=per_page, offset=(page - 1) * per_page)
    source = "FROM categories c JOIN departments d ON d.id = c.department_id WHERE " + " AND ".join(where)
    count_sql = f"SELECT count(*) {source}"
    page_sql = f"SELECT c.*, d.code AS department_code {source} ORDER BY {order}, c.code LIMIT :limit OFFSET :offset"
    return count_sql, page_sql, params


def like_once(app, args: dict) -> tuple[float, int]:
    """Seconds for one LIKE search (count + page of full rows), and its total."""
    with app.app_context():
        started = time.perf_counter()
        count_sql, page_sql, params = like_statements(args)
        total = db.session.execute(text(count_sql), params).scalar()
        db.session.execute(text(page_sql), params).all()
        elapsed = time.perf_counter() - started
    return elapsed, total


# ---- measuring ------------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def summary_ms(samples: list[float]) -> dict:
    ms = [s * 1000 for s in samples]
    return {
        "p50": round(percentile(ms, 50), 3),
        "p90": round(percentile(ms, 90), 3),
        "p99": round(percentile(ms, 99), 3),
        "mean": round(statistics.fmean(ms), 3),
        "max": round(max(ms), 3),
        "samples": len(ms),
    }


def _describe(args: dict) -> str:
    return "&".join(f"{k}={v}" for k, v in args.items()) or "(no arguments)"


def measure(app, name: str, reps: int) -> dict:
    """Warm up once per query, then reps rounds over all queries, search and LIKE interleaved."""
    started = time.perf_counter()
    per_query = []
    for kind, args in QUERIES:
        _, answer = search_once(app, args)
        _, like_total = like_once(app, args)
        per_query.append(
            {
                "kind": kind,
                "args": args,
                "total": answer["total"],
                "like_total": like_total,
                "source": answer["source"],
                "suggestion": answer["suggestion"],
                "search": [],
                "search_cold": [],
                "like": [],
            }
        )
    fallbacks = [_describe(q["args"]) for q in per_query if q["source"] != "index"]
    if fallbacks:
        print(f"  WARNING {name}: answered from the SQL fallback, not the index: {fallbacks}", flush=True)
    for r in range(reps):
        for entry, (_kind, args) in zip(per_query, QUERIES, strict=True):
            entry["search_cold"].append(search_once(app, args, cold=True)[0])
            entry["search"].append(search_once(app, args)[0])
            entry["like"].append(like_once(app, args)[0])
        if reps >= 5 and (time.perf_counter() - started > 20 or r + 1 == reps):
            print(f"  {name}: round {r + 1}/{reps} ({time.perf_counter() - started:.0f}s)", flush=True)

    all_search = [s for q in per_query for s in q["search"]]
    all_cold = [s for q in per_query for s in q["search_cold"]]
    all_like = [s for q in per_query for s in q["like"]]
    out = {
        "reps": reps,
        "search_ms": summary_ms(all_search),
        "search_cold_ms": summary_ms(all_cold),
        "like_ms": summary_ms(all_like),
        "measure_s": round(time.perf_counter() - started, 1),
    }
    out["ratio"] = {
        p: round(out["search_ms"][p] / out["like_ms"][p], 2) if out["like_ms"][p] else None for p in ("p50", "p99")
    }
    kinds: dict[str, dict] = {}
    for q in per_query:
        kinds.setdefault(q["kind"], {"search": [], "like": []})
        kinds[q["kind"]]["search"] += q["search"]
        kinds[q["kind"]]["like"] += q["like"]
    out["by_kind"] = {
        kind: {
            "queries": sum(1 for q in per_query if q["kind"] == kind),
            "search_p50_ms": round(percentile(v["search"], 50) * 1000, 3),
            "search_p99_ms": round(percentile(v["search"], 99) * 1000, 3),
            "like_p50_ms": round(percentile(v["like"], 50) * 1000, 3),
        }
        for kind, v in kinds.items()
    }
    out["per_query"] = [
        {
            "kind": q["kind"],
            "args": q["args"],
            "total": q["total"],
            "like_total": q["like_total"],
            "source": q["source"],
            "suggestion": q["suggestion"],
            "search_median_ms": round(statistics.median(q["search"]) * 1000, 3),
            "search_max_ms": round(max(q["search"]) * 1000, 3),
            "search_cold_median_ms": round(statistics.median(q["search_cold"]) * 1000, 3),
            "like_median_ms": round(statistics.median(q["like"]) * 1000, 3),
        }
        for q in per_query
    ]
    out["zero_hit_queries"] = [_describe(q["args"]) for q in per_query if q["total"] == 0]
    out["fallback_queries"] = fallbacks
    return out


# ---- profiling ------------------------------------------------------------------------------

# (label, file suffix, function names): where a search's time goes, from cProfile's cumulative times.
# Several names where catalog/search has renamed a step; a missing function counts 0.
_PHASES = [
    ("parse_search_params", "catalog/services.py", ("parse_search_params",)),
    ("index: open/refresh searcher", "catalog/search/index.py", ("searcher",)),
    ("index: analyse query words", "catalog/search/query.py", ("query_words",)),
    ("index: total + facet counts", "catalog/search/query.py", ("_facet_counts", "_counts")),
    ("index: order the matches (relevance or sort)", "catalog/search/query.py", ("_ordered",)),
    ("index: suggestion (no hits)", "catalog/search/query.py", ("_suggest",)),
    ("highlighting", "catalog/search/highlight.py", ("highlight",)),
    ("category_to_dict", "catalog/services.py", ("category_to_dict",)),
    ("facet labels (_facets_for_display)", "catalog/services.py", ("_facets_for_display",)),
]
# Parts of a phase above, shown for detail but not subtracted again.
_DETAILS = [
    ("  (within counts) matching documents", "catalog/search/query.py", ("_matching",)),
    ("  (within counts) per-value document sets, built once per searcher", "catalog/search/query.py", ("__init__",)),
]


def _cumulative(stats: pstats.Stats, suffix: str, names: tuple[str, ...]) -> float:
    return sum(
        v[3] for (file, _line, func_name), v in stats.stats.items() if func_name in names and file.endswith(suffix)
    )


def profile(app, name: str, top: int = 25) -> dict:
    """One cProfile'd pass over all queries: time per phase (cumulative seconds) and the hottest functions."""
    profiler = cProfile.Profile()
    walls = []
    profiler.enable()
    for _kind, args in QUERIES:
        walls.append(search_once(app, args)[0])
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = _cumulative(stats, "catalog/services.py", ("search_categories",))
    index_total = _cumulative(stats, "catalog/search/query.py", ("search_index",))
    phases = {label: _cumulative(stats, suffix, names) for label, suffix, names in _PHASES}
    main = index_total - sum(
        phases[k]
        for k in (
            "index: open/refresh searcher",
            "index: analyse query words",
            "index: total + facet counts",
            "index: order the matches (relevance or sort)",
            "index: suggestion (no hits)",
        )
    )
    phases["index: rest (Whoosh main query before ranking.py; now stored codes)"] = main
    run_search = _cumulative(stats, "catalog/search/query.py", ("search",))
    phases["database: load the page of hits (rest of search_categories)"] = (
        total
        - run_search
        - sum(phases[k] for k in ("highlighting", "category_to_dict", "facet labels (_facets_for_display)"))
    )
    details = {label: _cumulative(stats, suffix, names) for label, suffix, names in _DETAILS}
    phases["search_categories total"] = total
    buffer = io.StringIO()
    pstats.Stats(profiler, stream=buffer).sort_stats("cumulative").print_stats(top)
    buffer.write("\n")
    pstats.Stats(profiler, stream=buffer).sort_stats("tottime").print_stats(top)
    report = buffer.getvalue()
    print(f"\n  where the time goes on the {name} catalog (one cProfile'd pass, {len(QUERIES)} queries):")
    for label, seconds in sorted(phases.items(), key=lambda kv: -kv[1]):
        share = 100 * seconds / total if total else 0
        print(f"    {label:<66} {seconds * 1000:9.1f} ms  {share:5.1f} %")
    for label, seconds in details.items():
        if seconds:
            print(f"    {label:<66} {seconds * 1000:9.1f} ms  {100 * seconds / total if total else 0:5.1f} %")
    return {
        "catalog": name,
        "profiled_wall_s": round(sum(walls), 3),
        "phases_ms": {k: round(v * 1000, 1) for k, v in phases.items()},
        "details_ms": {k.strip(): round(v * 1000, 1) for k, v in details.items()},
        "report": report,
    }


# ---- reporting ------------------------------------------------------------------------------


def machine_info() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib.metadata import version

    return {
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu_model": cpu,
        "loadavg_at_start": [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None,
        "sqlite": sqlite3.sqlite_version,
        "whoosh": version("whoosh-reloaded"),
        "jieba": version("jieba"),
        "sqlalchemy": version("sqlalchemy"),
    }


def code_version() -> dict:
    """The commit measured, and uncommitted changes to the code under test (catalog/, core/)."""
    import subprocess

    def git(*args: str) -> str:
        try:
            return subprocess.run(
                ["git", *args], cwd=HERE.parent, capture_output=True, text=True, timeout=10, check=True
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    changed = git("status", "--porcelain", "--", "catalog", "core")
    return {"commit": git("rev-parse", "HEAD") or None, "uncommitted": changed.splitlines() if changed else []}


def print_figures(name: str, label: str, m: dict) -> None:
    target = TARGET_P99_MS[name]
    s, c, b, r = m["search_ms"], m["search_cold_ms"], m["like_ms"], m["ratio"]
    verdict = "PASS" if s["p99"] <= target else "MISS"
    cold_verdict = "PASS" if c["p99"] <= target else "MISS"
    m["target_p99_ms"], m["verdict"], m["verdict_cold"] = target, verdict, cold_verdict
    print(f"  search p50 {label}: {s['p50']:.1f} ms | LIKE baseline {b['p50']:.1f} ms | ratio {r['p50']:.2f}")
    print(
        f"  search p99 {label}: {s['p99']:.1f} ms | LIKE baseline {b['p99']:.1f} ms | ratio {r['p99']:.2f}"
        f" | target p99 <= {target:g} ms: {verdict}"
    )
    print(
        f"  cold word caches {label}: p50 {c['p50']:.1f} ms, p99 {c['p99']:.1f} ms"
        f" | target p99 <= {target:g} ms: {cold_verdict}"
    )
    slow = sorted(m["per_query"], key=lambda q: -q["search_median_ms"])[:5]
    print("  slowest queries (median ms, cold median ms, hits):")
    for q in slow:
        print(
            f"    {q['search_median_ms']:8.1f} {q['search_cold_median_ms']:8.1f}  {q['total']:>7}"
            f"  [{q['kind']}] {_describe(q['args'])}"
        )
    if m["zero_hit_queries"]:
        print(f"  queries with no hits: {', '.join(m['zero_hit_queries'])}")


def save(result: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS / f"search-{stamp}.json"
    body = json.dumps(result, ensure_ascii=False, indent=2)
    path.write_text(body + "\n", encoding="utf-8")
    (RESULTS / "latest-search.json").write_text(body + "\n", encoding="utf-8")
    return path


# ---- the bench ------------------------------------------------------------------------------


def run(options) -> dict:
    """The search bench, holding bench/.cache/search.lock: two runs at once in one checkout would
    delete each other's databases and indexes and slow each other's figures."""
    import fcntl

    CACHE.mkdir(parents=True, exist_ok=True)
    with open(CACHE / "search.lock", "a+") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("another search bench is running in this checkout; waiting for it to finish…", flush=True)
            fcntl.flock(lock, fcntl.LOCK_EX)
        return _run(options)


def _run(options) -> dict:
    started = time.perf_counter()
    result: dict = {
        "bench": "search",
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine_info(),
        "code": code_version(),
        "options": {
            "reps": options.reps,
            "reps_large": options.reps_large,
            "rows": options.rows,
            "profile": options.profile,
        },
        "query_count": len(QUERIES),
        "queries": [{"kind": kind, "args": args} for kind, args in QUERIES],
        "targets_p99_ms": TARGET_P99_MS,
        "catalogs": {},
    }
    load = result["machine"]["loadavg_at_start"]
    print(f"search bench: {len(QUERIES)} queries; load average {load} on {os.cpu_count()} CPUs", flush=True)

    print("shipped catalog: fresh database, migrate, seed, index…", flush=True)
    app, info = shipped_app()
    print(
        f"  {info['rows']} categories, {info['departments']} departments (seed {info['seed_s']}s, "
        f"index {info['index_s']}s); {options.reps} rounds",
        flush=True,
    )
    shipped = measure(app, "shipped", options.reps)
    shipped["setup"] = info
    shipped["rows"] = info["rows"]
    result["catalogs"]["shipped"] = shipped
    print_figures("shipped", "shipped", shipped)
    if options.profile:
        result.setdefault("profiles", []).append(profile(app, "shipped"))

    if options.rows:
        print(f"\ngenerated catalog ({options.rows:,} categories):", flush=True)
        big_app, info = generated_app(options.rows)
        print(
            f"  {info['rows']:,} categories, {info['departments']} departments; {options.reps_large} rounds", flush=True
        )
        generated = measure(big_app, "generated", options.reps_large)
        generated["setup"] = info
        generated["rows"] = info["rows"]
        result["catalogs"]["generated"] = generated
        print_figures("generated", f"{info['rows'] // 1000}k", generated)
        if options.profile:
            result.setdefault("profiles", []).append(profile(big_app, "generated"))
        elif generated["verdict"] == "MISS":
            print("  (for a breakdown of where the time goes: python -m bench search --profile)")

    if hasattr(os, "getloadavg"):
        # Other work on the machine inflates every figure; a load above the CPU count says so.
        result["machine"]["loadavg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    result["duration_s"] = round(time.perf_counter() - started, 1)
    result["finished_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    path = save(result)
    print(f"\nsearch bench took {result['duration_s']}s; results in {path.relative_to(HERE.parent)}")
    return result
