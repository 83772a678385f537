"""The engine adapter: DuckDB in-process. Each set of dataset files gets one locked base connection
(the files opened READ_ONLY, external access off, configuration locked, memory and threads limited,
no temp directory, no extension loading); each query runs on its own cursor, registered under its
agreement so a termination in this process interrupts it at once, and a watchdog thread interrupts
it at the time limit or when a poll of the agreement finds it no longer in force (a termination
served by another worker or machine).

Another engine (Trino, Spark) would sit behind the same run() taking the checked tree; see
transpile() and ARCHITECTURE.md."""

import contextlib
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import duckdb

_bases: dict[tuple, duckdb.DuckDBPyConnection] = {}
_bases_lock = threading.Lock()
_running: dict[int, set] = {}
_running_lock = threading.Lock()
POLL_EVERY = 0.25  # seconds between the watchdog's looks at the agreement while a query runs


class Interrupted(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason  # timeout | terminated


@dataclass
class Result:
    columns: list[str]
    rows: list[tuple]
    truncated: bool


def _base(sources: tuple[tuple[str, str], ...], memory_limit: str, threads: int) -> duckdb.DuckDBPyConnection:
    key = (sources, memory_limit, threads)
    with _bases_lock:
        conn = _bases.get(key)
        if conn is None:
            config = {
                "memory_limit": memory_limit,
                "threads": threads,
                "temp_directory": "",
                "autoinstall_known_extensions": False,
                "autoload_known_extensions": False,
            }
            if len(sources) == 1:
                # one file: opened itself, read-only, as the main database (its view is named after
                # the table), which DuckDB scans faster than the same file attached to another
                conn = duckdb.connect(sources[0][1], read_only=True, config=config)
            else:
                conn = duckdb.connect(":memory:", config=config)
                for i, (table, path) in enumerate(sources):
                    conn.execute(f"ATTACH '{_literal(path)}' AS src{i} (READ_ONLY)")
                    # the path is our own version file under DATA_DIR, quoted by _literal; never user input
                    conn.execute(f'CREATE VIEW "{table}" AS SELECT * FROM src{i}.data')  # nosec B608
            conn.execute("SET enable_progress_bar = false")
            conn.execute("SET enable_external_access = false")
            conn.execute("SET lock_configuration = true")
            _bases[key] = conn
        return conn


def connection(sources: dict[str, str], memory_limit: str = "512MB", threads: int = 2) -> duckdb.DuckDBPyConnection:
    """The process's base connection over {table: duckdb file}, configured as run() uses it (the bench's
    DuckDB-direct figure runs on it, so both sides of the comparison have the same settings)."""
    return _base(tuple(sorted(sources.items())), memory_limit, threads)


def _literal(path: str) -> str:
    if "'" in path:
        raise ValueError("dataset paths never contain quotes")
    return path


def run(
    agreement_id: int,
    sql: str,
    sources: dict[str, str],
    *,
    max_rows: int,
    time_limit: float,
    memory_limit: str = "512MB",
    threads: int = 2,
    still_allowed: Callable[[], bool] | None = None,
    poll_every: float = POLL_EVERY,
) -> Result:
    """Run checked SQL over the given {table: duckdb file}; at most max_rows rows are fetched.

    A watchdog thread interrupts the query at the time limit and, every poll_every seconds while it
    runs, asks still_allowed() (a small read of the agreement's status on a connection of its own):
    a termination served by another process or machine stops the query within one interval. A query
    that ends before the first interval is never polled."""
    base = _base(tuple(sorted(sources.items())), memory_limit, threads)
    cursor = base.cursor()
    now = time.monotonic()
    watched = _Watched(cursor, now + time_limit, now + min(poll_every, time_limit), poll_every, still_allowed)
    entry = (cursor, watched.stop)
    with _running_lock:
        _running.setdefault(agreement_id, set()).add(entry)
    _watch(watched)
    try:
        cursor.execute(sql)
        columns = [d[0] for d in cursor.description]
        rows = cursor.fetchmany(max_rows + 1)
        return Result(columns, rows[:max_rows], len(rows) > max_rows)
    except duckdb.InterruptException:
        raise Interrupted(watched.reason or "terminated") from None
    except duckdb.Error:
        if watched.reason:
            raise Interrupted(watched.reason) from None
        raise
    finally:
        _unwatch(watched)
        with _running_lock:
            _running.get(agreement_id, set()).discard(entry)
        cursor.close()


class _Watched:
    """A running query as the watchdog sees it: when it must end, when to look at its agreement next."""

    def __init__(self, cursor, deadline, next_poll, poll_every, still_allowed):
        self.cursor, self.deadline, self.next_poll = cursor, deadline, next_poll
        self.poll_every, self.still_allowed = poll_every, still_allowed
        self.reason = None
        self.lock = threading.Lock()
        self.ended = False

    def stop(self, reason: str) -> None:
        with self.lock:
            self.reason = self.reason or reason
            if self.ended:
                return
            with contextlib.suppress(duckdb.Error):  # the query ended and its cursor closed meanwhile
                self.cursor.interrupt()


# One watchdog thread per process (started by the first query after a fork) looks after every running
# query: a thread per query cost more to start than most queries take to run.
_watched: set = set()
_watch_cond = threading.Condition()
_watchdog_pid = None


def _watch(watched: _Watched) -> None:
    global _watchdog_pid
    with _watch_cond:
        _watched.add(watched)
        if _watchdog_pid != os.getpid():
            _watchdog_pid = os.getpid()
            threading.Thread(target=_watchdog, name="duckdb-watchdog", daemon=True).start()
        _watch_cond.notify()


def _unwatch(watched: _Watched) -> None:
    with watched.lock:
        watched.ended = True
    with _watch_cond:
        _watched.discard(watched)


def _watchdog() -> None:
    while True:
        with _watch_cond:
            while not _watched:
                _watch_cond.wait()
            now = time.monotonic()
            due = [w for w in _watched if min(w.deadline, w.next_poll) <= now]
            if not due:
                _watch_cond.wait(max(0.001, min(min(w.deadline, w.next_poll) for w in _watched) - now))
                continue
        for w in due:  # outside the lock: a poll is a database read
            if w.reason is None:
                if time.monotonic() >= w.deadline:
                    w.reason = "timeout"
                elif w.still_allowed is not None and not _allowed(w.still_allowed):
                    w.reason = "terminated"
            if w.reason is not None:
                # again at every interval: an interrupt that landed before DuckDB began is lost
                w.stop(w.reason)
                w.deadline = float("inf")
            w.next_poll = time.monotonic() + w.poll_every


def _allowed(still_allowed: Callable[[], bool]) -> bool:
    """A failing poll (the database briefly unreachable) lets the query go on: the time limit
    still holds, and the next call is checked in full."""
    try:
        return bool(still_allowed())
    except Exception:  # noqa: BLE001
        return True


def interrupt(agreement_id: int) -> int:
    """Stop every query running for the agreement (in this process); returns how many."""
    with _running_lock:
        entries = list(_running.get(agreement_id, ()))
    for _cursor, stop in entries:
        stop("terminated")
    return len(entries)


def running(agreement_id: int) -> int:
    with _running_lock:
        return len(_running.get(agreement_id, ()))


def forget(paths_prefix: str | None = None) -> None:
    """Close cached base connections (tests; a new version replaces old files only by new names)."""
    with _bases_lock:
        for key in list(_bases):
            if paths_prefix is None or any(p.startswith(paths_prefix) for _t, p in key[0]):
                _bases.pop(key).close()


def transpile(sql: str, dialect: str = "trino") -> str:
    """The checked SQL in another engine's dialect (the same tree, regenerated)."""
    import sqlglot

    return sqlglot.transpile(sql, read="duckdb", write=dialect)[0]


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, (time.perf_counter() - start) * 1000
