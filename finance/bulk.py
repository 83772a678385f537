"""Bulk writes for the statement import: a million rows in one DBAPI executemany, without building
a parameter dictionary per row (which costs more than the database's own work at this size)."""

import gc
import logging
import sqlite3
import threading
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal

from core.extensions import db

log = logging.getLogger(__name__)

# The sqlite3 module binds neither Decimal nor (from Python 3.12) dates by itself: these adapters
# store them as text in exactly the form SQLAlchemy's SQLite types write and read back.
sqlite3.register_adapter(Decimal, str)
sqlite3.register_adapter(date, date.isoformat)
sqlite3.register_adapter(datetime, lambda value: value.strftime("%Y-%m-%d %H:%M:%S.%f"))


def stamp(value: datetime):
    """A timestamp to put in many rows: on SQLite the text it is stored as, formatted once."""
    if db.session.get_bind().dialect.name == "sqlite":
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    return value


def run(sql: str, rows: list[tuple]) -> int:
    """sql (with ? marks) executed once per row in one executemany: the rows it changed (inserted,
    updated) in all."""
    connection = db.session.connection()
    if connection.dialect.name != "sqlite":
        sql = sql.replace("?", "%s")
    if not rows:
        return 0
    return connection.exec_driver_sql(sql, rows).rowcount


def rows(statement, parameters: dict | None = None) -> list[tuple]:
    """The rows of a select as the DBAPI returns them, plain tuples: no SQLAlchemy Row built per
    row, which costs several times the database's own work for a hundred thousand narrow rows. Only
    for columns read as the driver gives them (integers, text): a column whose type converts what
    is read (a date, money, on SQLite) is refused, not returned unconverted."""
    connection = db.session.connection()
    dialect = connection.dialect
    for column in statement.selected_columns:
        if column.type.dialect_impl(dialect).result_processor(dialect, None) is not None:
            raise ValueError(f"bulk.rows reads no converted column: {column}")
    result = connection.execute(statement, parameters or {})
    try:
        return result.cursor.fetchall()
    finally:
        result.close()


def update_rows(table, columns: tuple[str, ...], rows: list[tuple], key: str = "id") -> int:
    """rows: (value of each column..., key value)."""
    # bandit B608: table, column and key names come from the ORM tables and constants of the callers
    # (statements, ledger), never from input; every value is a bound parameter.
    sets = ", ".join(c + " = ?" for c in columns)
    return run(f"UPDATE {table.name} SET {sets} WHERE {key} = ?", rows)  # nosec B608


def insert_rows(
    table,
    columns: tuple[str, ...],
    rows: list[tuple],
    ignore_conflicts_on: str | None = None,
    fixed: dict[str, int] | None = None,
) -> int:
    """How many rows were inserted (those in conflict on ignore_conflicts_on are not). fixed:
    integer columns of the same value in every row, written into the statement, not bound per row."""
    # bandit B608: names from the ORM table and the caller's constant column tuple; values bound
    # but for fixed's, integers (int() refuses anything else).
    fixed = {name: int(value) for name, value in (fixed or {}).items()}
    names = ", ".join((*fixed, *columns))
    marks = ", ".join((*map(str, fixed.values()), *["?"] * len(columns)))
    sql = f"INSERT INTO {table.name} ({names}) VALUES ({marks})"  # nosec B608
    if ignore_conflicts_on:
        sql += f" ON CONFLICT ({ignore_conflicts_on}) DO NOTHING"
    return run(sql, rows)


@contextmanager
def cyclic_gc_paused():
    """A million-line import allocates millions of tuples, none of them in reference cycles; the
    cyclic collector would walk the growing heap again and again for nothing."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# How often the write-ahead log is checkpointed beside a long import (checkpoints_beside): often
# enough that the log's last pages are copied before it reaches the 1,000 at which a commit would
# checkpoint (a million lines copied in: 1.67 s, 1.64 s with a checkpoint every 50 ms, 1.39 s every
# 5 ms); one with nothing to copy costs next to nothing
CHECKPOINT_EVERY_S = 0.005


@contextmanager
def checkpoints_beside():
    """On SQLite (a database in a file): while a long import writes, a thread of this process
    checkpoints the write-ahead log every CHECKPOINT_EVERY_S on a connection of its own (PASSIVE:
    it waits for no one, and copies only what every reader is past). SQLite checkpoints at the
    commit that finds the log over 1,000 pages — the pages copied into the database and two fsyncs,
    on the import's own critical path, a third of its commits' time; with the log kept short beside
    it, they find little or nothing to copy. (The thread's waiting on the disk lets go of the GIL.)
    Elsewhere nothing."""
    url = db.engine.url
    path = url.database if url.get_backend_name() == "sqlite" else None
    if not path or path == ":memory:" or path.startswith("file:"):
        yield
        return
    stop = threading.Event()

    def checkpoint() -> None:
        try:
            connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            log.warning("the checkpoints beside an import did not start: %s", exc)
            return
        try:
            while not stop.wait(CHECKPOINT_EVERY_S):
                connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        except sqlite3.Error as exc:  # the import's own commits checkpoint, as they always did
            log.warning("the checkpoints beside an import stopped: %s", exc)
        finally:
            connection.close()

    thread = threading.Thread(target=checkpoint, name="import-checkpoints", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
