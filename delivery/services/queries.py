"""可用不可见 and 可用不出网 through one door: the agreement is checked at every call, the SQL is
checked and regenerated, run on the engine, and the answer is made safe (groups under the minimum
size merged into a remainder row, counts noised when a budget is set, differencing refused; or rows
with identifiers as keyed tokens and sensitive values masked). Every call lands in the usage log."""

import base64
import functools
import hashlib
import hmac
import json
import time
from datetime import date, datetime
from decimal import Decimal

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, insert, literal_column, select
from sqlglot import exp

from core import locks, uow
from core.errors import Conflict, DomainError
from core.extensions import db
from core.i18n import is_english
from delivery import storage
from delivery.gateway import checker, engine, privacy
from delivery.gateway.refusals import QueryRefused
from delivery.models import UsageEntry
from delivery.services import datasets, terms
from marketplace.models import Agreement
from marketplace.services.agreements import _department_names

PAGE_ROWS = 1000
MAX_GROUPS = 10_000
DIFFERENCING_LOOKBACK = 200


def attribution(agreement) -> str:
    return str(
        _l(
            "Cite the source: %(departments)s, via the Chengdu public data platform.",
            departments=_department_names(agreement),
        )
    )


# A refused or failed call is logged (the usage log is the record of every attempt) although the
# request that made it fails.
REFUSAL_LOGGED = "a refused call is logged although its request fails"


def _log(agreement, actor, kind, sql, outcome, started, **values) -> UsageEntry:
    locks.take_write_lock()
    entry = UsageEntry(
        agreement_id=agreement.id,
        user_id=getattr(actor, "id", None),
        kind=kind,
        sql_text=(sql or "")[:10_000] if isinstance(sql, str) else "",
        outcome=outcome,
        duration_ms=round((time.perf_counter() - started) * 1000, 3),
        **values,
    )
    db.session.add(entry)
    current_app.extensions["gateway_metrics"](kind, outcome, entry.duration_ms / 1000)  # core/metrics.py
    db.session.flush()
    return entry


def _plan(agreement, sql):
    """(checked query, datasets used, minimum group size): QueryRefused names the rule."""
    available = [d for d in datasets.of(agreement) if d.version is not None]
    roles = {d.table: d.roles for d in available}
    if not roles:
        raise Conflict(_l("No data has been delivered for this agreement yet."))
    checked = checker.check(sql, roles, agreement.delivery_mode)
    used = [d for d in available if d.table in checked.tables]
    return checked, used, max(d.min_group_size for d in used)


def _entry(agreement_id, user_id, kind, sql, outcome, started, **values) -> int:
    """The call's usage row, added to the caller's transaction (which commits it with what it settles);
    its id. One prebuilt INSERT on the session's connection: the ORM's unit of work cost more than the row."""
    locks.take_write_lock()
    duration_ms = round((time.perf_counter() - started) * 1000, 3)
    row = {
        "agreement_id": agreement_id,
        "user_id": user_id,
        "kind": kind,
        "sql_text": (sql or "")[:10_000] if isinstance(sql, str) else "",
        "outcome": outcome,
        "duration_ms": duration_ms,
        **values,
    }
    # the table's defaults (tables, counters, created_at) fill what the call did not name
    key = db.session.connection().execute(_statements()["usage"], row).inserted_primary_key[0]
    current_app.extensions["gateway_metrics"](kind, outcome, duration_ms / 1000)  # core/metrics.py
    return key


@functools.cache
def _statements() -> dict:
    """Built once (bound parameters): building a statement per call cost more than running it."""
    # An agreement's distinct answers of one shape, newest first, through the partial index of
    # answers (0016: only calls that stored their group counts are in it, and a question asked
    # again with the same answer stores none), so the read does not grow with every call made.
    # 'ok' is written into the SQL: a bound value would keep SQLite from proving the index applies.
    earlier = (
        select(UsageEntry.sql_fingerprint, UsageEntry.group_counts)
        .where(
            UsageEntry.agreement_id == bindparam("agreement_id"),
            UsageEntry.shape == bindparam("shape"),
            UsageEntry.outcome == literal_column("'ok'"),
            UsageEntry.group_counts.is_not(None),
        )
        .order_by(UsageEntry.id.desc())
        .limit(DIFFERENCING_LOOKBACK)
    )
    return {"usage": insert(UsageEntry.__table__), "earlier": earlier}


def _tables(listing_id, sql, mode):
    """(checked query, tables used, minimum group size): QueryRefused names the rule."""
    available = [d for d in datasets.served(listing_id) if d.version is not None]
    if not available:
        raise Conflict(_l("No data has been delivered for this agreement yet."))
    checked = checker.check_cached(sql, {d.table: d.roles for d in available}, mode)
    used = [d for d in available if d.table in checked.tables]
    return checked, used, max(d.min_group_size for d in used)


def run(actor, agreement_id, data: dict, kind: str = "query") -> dict:
    """POST /agreements/{id}/queries {"sql", "check_only", "page"}.

    Two short transactions around the engine, and nothing else touches the database: (1) the
    agreement with its ledger in one read, its tables (their roles cached per process), the check,
    and the call (and ε) taken by one conditional UPDATE … RETURNING, committed; (2) after DuckDB,
    the rows settled and the usage row written together, committed. A refusal is logged in the
    transaction it happens in."""
    started = time.perf_counter()
    sql = data.get("sql")
    check_only = bool(data.get("check_only"))
    page = data.get("page", 1)
    if not isinstance(page, int) or isinstance(page, bool) or not 1 <= page <= 10_000:
        page = 1
    gate, lapsed_now = terms.in_use(actor, agreement_id)
    agreement_id, mode = gate.id, gate.delivery_mode
    log = functools.partial(_entry, agreement_id, actor.id)
    ended = terms.refusal(gate.status, lapsed_now)
    if ended is not None:
        log("query", sql, "conflict", started, rule="agreement", message=str(ended.message))
        uow.commit_now(REFUSAL_LOGGED)
        raise ended
    if gate.ledger_id is None:  # the first call makes the ledger, then reads again
        terms.ledger(db.session.get(Agreement, agreement_id))
        gate, lapsed_now = terms.in_use(actor, agreement_id)
    if mode != "usable_invisible" and kind == "query":
        kind = "sandbox"
    try:
        checked, used, k = _tables(gate.listing_id, sql, mode)
        fingerprint, shape = checked.fingerprint, checked.shape
        if gate.epsilon_budget is not None and checked.aggregate:
            refused = [o.name for o in checked.outputs if o.kind not in ("key", "count")]
            if refused or mode != "usable_invisible":
                raise QueryRefused("privacy", ", ".join(refused) or "rows")
    except QueryRefused as refusal:
        kind = "check" if check_only else kind
        log(kind, sql, "refused", started, rule=refusal.rule, message=refusal.message, sql_fingerprint=_hash(sql))
        uow.commit_now(REFUSAL_LOGGED)
        raise
    except Conflict as conflict:
        log(kind, sql, "conflict", started, message=str(conflict.message))
        uow.commit_now(REFUSAL_LOGGED)
        raise
    cite = _attribution(gate.snapshot)
    base = {"tables": checked.tables, "sql_fingerprint": fingerprint, "shape": shape}
    if check_only:
        log("check", sql, "ok", started, **base)
        db.session.flush()
        return {
            "check_only": True,
            "accepted": True,
            "sql": checked.sql,
            "tables": checked.tables,
            "columns": [o.name for o in checked.outputs],
            "quota": terms.quota(gate),
            "privacy": terms.privacy(gate),
            "attribution": cite,
        }
    epsilon = 0.0
    if gate.epsilon_budget is not None and checked.aggregate:
        epsilon = float(current_app.config.get("DELIVERY_QUERY_EPSILON", 0.5))
    if terms.charge(gate.ledger_id, epsilon) is None:
        now = terms.counters(gate.ledger_id)
        if terms.quota_used_up(now):
            log(kind, sql, "conflict", started, rule="quota", **base)
            uow.commit_now(REFUSAL_LOGGED)
            raise Conflict(str(_l("The agreement's quota is used up (%(used)s of %(limit)s).", **_q(now))))
        log(kind, sql, "conflict", started, rule="budget", **base)
        uow.commit_now(REFUSAL_LOGGED)
        left = round(max(0.0, now.epsilon_budget - now.epsilon_spent), 4)
        raise Conflict(str(_l("The agreement's privacy budget is used up: ε %(left)s remaining.", left=left)))
    # The engine runs outside any database transaction: on SQLite a request that writes holds the
    # write lock from its start, and a long query must not keep other writers (a termination) waiting.
    uow.commit_now("the call (and ε) is taken before the engine runs outside any transaction")
    if mode == "usable_invisible" and checked.aggregate:
        # one statement, whatever the answer: each AVG's count rides along, so groups under the minimum
        # size merge into a remainder without a second scan (parts_sql is sql when there is no AVG)
        run_sql = checked.parts_sql
    else:
        run_sql = _limited(checked, page)
    sources = {d.table: str(storage.duckdb_path(d.version.file_name)) for d in used}
    scanned = sum(d.version.row_count for d in used)
    limits = {
        "time_limit": float(current_app.config.get("DELIVERY_TIME_LIMIT", 10.0)),
        "memory_limit": current_app.config.get("DELIVERY_MEMORY_LIMIT", "512MB"),
        "threads": int(current_app.config.get("DELIVERY_THREADS", 2)),
        "still_allowed": terms.in_force_check(agreement_id),
    }
    max_rows = MAX_GROUPS if mode == "usable_invisible" else page * PAGE_ROWS
    try:
        result = engine.run(agreement_id, run_sql, sources, max_rows=max_rows, **limits)
    except engine.Interrupted as stop:
        log(kind, sql, "interrupted", started, rule=stop.reason, rows_scanned=scanned, **base)
        uow.commit_now(REFUSAL_LOGGED)
        if stop.reason == "timeout":
            raise QueryRefused("timeout", limits["time_limit"]) from None
        raise Conflict(str(_l("The query was stopped: the agreement has ended."))) from None
    except Exception as exc:  # noqa: BLE001 — the engine's complaint is the query's problem, never a 500
        detail = str(exc).splitlines()[0][:200]
        log(kind, sql, "error", started, rule="engine", message=detail, rows_scanned=scanned, **base)
        uow.commit_now(REFUSAL_LOGGED)
        raise QueryRefused("engine", detail) from None
    try:
        if mode == "usable_invisible":
            body, counts = _safe_aggregate(checked, result, k, epsilon)
            if epsilon == 0.0 and not _check_differencing(agreement_id, shape, fingerprint, counts, k):
                counts = None  # the question's latest answer is this one: stored once is enough
        else:
            body, counts = _safe_rows(checked, result, gate.secret, page), None
    except QueryRefused as refusal:
        log(kind, sql, "refused", started, rule=refusal.rule, message=refusal.message, rows_scanned=scanned, **base)
        uow.commit_now(REFUSAL_LOGGED)
        raise
    now = terms.settle(gate.ledger_id, body["row_count"])
    query_id = log(
        kind,
        sql,
        "ok",
        started,
        rows_scanned=scanned,
        rows_returned=body["row_count"],
        suppressed_groups=body["suppressed_groups"],
        suppressed_rows=body["suppressed_rows"],
        epsilon_spent=epsilon,
        **({"group_counts": counts} if counts is not None else {}),  # absent is SQL NULL, None JSON null
        **base,
    )
    body.update(query_id=query_id, privacy=terms.privacy(now), quota=terms.quota(now), attribution=cite)
    return body


def _attribution(snapshot) -> str:
    """attribution() from the agreement's snapshot alone (nothing to load)."""
    departments = (snapshot or {}).get("departments") or []
    if is_english():
        names = ", ".join(d["name_en"] for d in departments)
    else:
        names = "、".join(d["name_zh"] for d in departments)
    return str(_l("Cite the source: %(departments)s, via the Chengdu public data platform.", departments=names))


def _q(ledger):
    q = terms.quota(ledger)
    return {"used": q["used"], "limit": q["limit"]}


def _hash(sql) -> str:
    return hashlib.sha256(str(sql or "").encode()).hexdigest()


def _limited(checked, page: int) -> str:
    """At most one page beyond what was asked for: rows are fetched up to page × 1,000."""
    tree = checked.tree.copy()
    wanted = page * PAGE_ROWS + 1
    limit = tree.args.get("limit")
    if limit is not None and isinstance(limit.expression, exp.Literal) and limit.expression.is_int:
        wanted = min(wanted, int(limit.expression.this))
    elif limit is not None:
        raise QueryRefused("construct", "LIMIT " + limit.sql(dialect="duckdb"))
    return tree.limit(wanted).sql(dialect="duckdb")


def _json_value(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, bytes):
        return None
    return value


def _n_index(checked, names) -> int:
    if checked.n_column == "__n":
        return names.index("__n")
    return [o.name for o in checked.outputs].index(checked.n_column)


def _safe_aggregate(checked, result, k: int, epsilon: float):
    names = result.columns
    n_index = _n_index(checked, names)
    n_is_output = n_index < len(checked.outputs)
    out_count = len(checked.outputs)
    counts_per_query = sum(1 for o in checked.outputs if o.kind == "count") + (0 if n_is_output else 1)
    kept, suppressed, suppressed_rows = [], [], 0
    for row in result.rows:
        row = list(row)
        true_n = row[n_index]
        n = true_n
        if epsilon:
            share = epsilon / counts_per_query
            for i, output in enumerate(checked.outputs):
                if output.kind == "count" and row[i] is not None:
                    row[i] = privacy.noisy_count(row[i], share)
            n = row[n_index] if n_is_output else privacy.noisy_count(true_n, share)
        if n < k:
            suppressed.append(row)
            suppressed_rows += n if epsilon else true_n
        else:
            kept.append((row, n))
    rows = [[_json_value(v) for v in row[:out_count]] for row, _n in kept]
    counts = {_key(checked, row): n for row, n in kept}
    reported_rows = 0
    if suppressed and suppressed_rows >= k:
        rows.append(_remainder(checked, names, suppressed))
        reported_rows = suppressed_rows
    groups = [o for o in checked.outputs if o.kind == "key"]
    return (
        {
            "columns": [o.name for o in checked.outputs],
            "group_columns": [o.name for o in groups],
            "rows": rows,
            "row_count": len(rows),
            "suppressed_groups": len(suppressed),
            "suppressed_rows": reported_rows,
            "remainder": bool(suppressed and suppressed_rows >= k),
            "min_group_size": k,
            "truncated": result.truncated,
        },
        counts,
    )


def _key(checked, row) -> str:
    return json.dumps(
        [_json_value(row[i]) for i, o in enumerate(checked.outputs) if o.kind == "key"], ensure_ascii=False
    )


def _remainder(checked, names, rows) -> list:
    """One row for all suppressed groups together: keys empty, aggregates merged (averages weighted
    by the count of values each averaged)."""
    out = []
    for i, output in enumerate(checked.outputs):
        values = [r[i] for r in rows if r[i] is not None]
        if output.kind == "key":
            out.append(None)
        elif output.kind in ("count", "sum"):
            out.append(_json_value(sum(values)) if values else None)
        elif output.kind == "min":
            out.append(_json_value(min(values)) if values else None)
        elif output.kind == "max":
            out.append(_json_value(max(values)) if values else None)
        elif output.kind == "avg":
            # Σ(avg × count) / Σ count: each group's average weighted by the values it averaged
            # (numbers; an average date or interval does not merge, like COUNT DISTINCT)
            counted = names.index(f"__c{i}")
            parts = [(r[i], r[counted]) for r in rows if r[i] is not None and r[counted]]
            c = sum(n for _avg, n in parts)
            if c and all(isinstance(avg, int | float | Decimal) for avg, _n in parts):
                out.append(_json_value(float(sum(Decimal(str(avg)) * n for avg, n in parts) / c)))
            else:
                out.append(None)
        else:  # COUNT DISTINCT does not merge
            out.append(None)
    return out


def _check_differencing(agreement_id, shape, fingerprint, counts, k) -> bool:
    """Refuse an answer that differs from an earlier answer of the same shape (same tables, output
    and grouping; another filter) by fewer than k rows in some group: the difference would describe
    fewer than k entities (DELIVERY.md attack 3). The same question asked again gets the same
    answer: nothing to difference. Whether the answer is new (worth storing for later checks): False
    when it is the question's latest stored answer."""
    params = {"agreement_id": agreement_id, "shape": shape}
    latest = None  # this question's latest stored answer (rows come newest first)
    for question, previous in db.session.connection().execute(_statements()["earlier"], params):
        if question == fingerprint:
            latest = previous if latest is None else latest
            continue
        for key, n in counts.items():
            old = (previous or {}).get(key)
            if old is not None and 0 < abs(n - old) < k:
                raise QueryRefused("differencing", k)
    return latest != counts


def token(secret: str, value) -> str:
    """A per-agreement keyed token (HMAC-SHA256): equal values give equal tokens within one agreement
    (so joins work), and nothing links them across agreements."""
    if value is None:
        return None
    digest = hmac.new(bytes.fromhex(secret), str(value).encode(), hashlib.sha256).digest()
    return "tk_" + base64.b32encode(digest[:10]).decode().lower()


MASK = "***"


def _safe_rows(checked, result, secret: str, page: int):
    start = (page - 1) * PAGE_ROWS
    window = result.rows[start : start + PAGE_ROWS]
    rows = []
    for row in window:
        out = []
        for value, output in zip(row, checked.outputs, strict=False):
            if output.role == "identifier":
                out.append(token(secret, value))
            elif output.role == "sensitive" and output.kind == "value":
                out.append(MASK)
            else:
                out.append(_json_value(value))
        rows.append(out)
    return {
        "columns": [o.name for o in checked.outputs],
        "group_columns": [],
        "rows": rows,
        "row_count": len(rows),
        "page": page,
        "has_more": len(result.rows) > start + PAGE_ROWS or result.truncated,
        "suppressed_groups": 0,
        "suppressed_rows": 0,
        "masked_columns": [o.name for o in checked.outputs if o.role in ("identifier", "sensitive")],
        "min_group_size": None,
        "truncated": False,
    }


def error_refusal(exc: DomainError) -> bool:
    return isinstance(exc, QueryRefused)
