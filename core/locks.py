"""Locks that hold on SQLite and PostgreSQL alike: every decision that must see the state before it
(accept an offer, sign, grant, refund, match a bank line, close a month, …) locks first and reads
after, so concurrent decisions queue and each one sees what the one before it did.

PostgreSQL: `lock(obj)` is a row lock (SELECT … FOR UPDATE OF its table) and a fresh read.

SQLite has no row locks: it has one write lock for the whole database, and a transaction that only
reads holds none. pysqlite's default makes it worse: it begins every transaction DEFERRED, so two
workers can both read "standing offer", both decide to accept, and both write one after the other.
So the app's SQLite transactions are begun here, not by pysqlite (SQLAlchemy's documented recipe for
pysqlite: isolation_level None on connect, our own BEGIN in the "begin" event, listened to on the
app's SQLite engines by watch(); savepoints then work too), and:

- a transaction begun inside a request that may write (any method but GET, HEAD, OPTIONS) begins
  IMMEDIATE: it takes the write lock before its first read, so everything it decides on is current;
  the other worker's writer waits (busy timeout) instead of failing. Rails 8 and Django 5.1's
  "IMMEDIATE" transaction mode make the same choice for the same reason.
- elsewhere (GET requests, the CLI, jobs, tests calling services) transactions begin DEFERRED, and
  `lock()` / `take_write_lock()` upgrade them: a transaction that has written already holds the
  write lock (in WAL mode SQLite grants a write only to a transaction whose snapshot is the newest,
  so what it read is current); one that has only read is rolled back and begun again IMMEDIATE, and
  every object it had loaded is expired, so it is read again under the lock. Hence: lock before you
  read what you decide on.

Constraints in the database are the last line of defence (migration 0005): a decision taken twice
anyway fails with an IntegrityError, which the web layer answers as a 409 (core/errors.py).
"""

import hashlib
from contextvars import ContextVar

from flask import has_request_context, request
from sqlalchemy import bindparam, event, inspect, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import NoResultFound

from core import writes
from core.extensions import db

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# How long a SQLite writer waits for the write lock before "database is locked": under gunicorn's
# 30 s worker timeout, far above any one decision's transaction.
BUSY_TIMEOUT_MS = 20000
_WRITE_LOCKED = "write_locked"  # on Connection.info: this SQLite transaction holds the write lock
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER")

_begin_immediate = ContextVar("sqlite_begin_immediate", default=False)
_request_write_transaction = ContextVar("sqlite_request_write_transaction", default=None)


def _is_sqlite(dbapi_connection) -> bool:
    return type(dbapi_connection).__module__.startswith("sqlite3")


@event.listens_for(Engine, "connect")
def _sqlite_connect(dbapi_connection, _record):
    """SQLite, the embedded default: write-ahead logging lets readers and a writer (several gunicorn
    workers) work at once; NORMAL sync is safe under WAL; a writer waits for the lock instead of
    failing. (A pool event: it costs nothing per statement.) On the app's engines we, not pysqlite,
    also say when and how a transaction begins (watch())."""
    if not _is_sqlite(dbapi_connection):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    # a 64 MB page cache and in-memory temporary b-trees: a bank statement of a million lines
    # is inserted into (and sorted and grouped) in seconds rather than minutes
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.close()


def _we_begin(dbapi_connection, _record):
    """pysqlite begins no transaction by itself: _sqlite_begin does."""
    dbapi_connection.isolation_level = None


def _writing_request() -> bool:
    return has_request_context() and request.method not in SAFE_METHODS


def _sqlite_begin(conn):
    immediate = _begin_immediate.get() or _writing_request()
    _begin_immediate.set(False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
    conn.info[_WRITE_LOCKED] = immediate
    if has_request_context():
        _request_write_transaction.set(conn)


def _sqlite_note_write(conn, _cursor, statement, _parameters, _context, _executemany):
    writes = statement.lstrip()[:7].upper().startswith(_WRITES)
    if writes and not conn.info.get(_WRITE_LOCKED):
        conn.info[_WRITE_LOCKED] = True


def watch(engine) -> None:
    """Our transactions on an engine of the app's (core.extensions.db), SQLite only: pysqlite begins
    none (_we_begin), _sqlite_begin begins each (IMMEDIATE in a writing request) and
    _sqlite_note_write notes a transaction's first write. Listened to on the engine itself, not on
    every Engine: an engine with no connection-event listener (PostgreSQL's) is spared SQLAlchemy's
    event dispatch at every statement, about a fifth of a prebuilt statement's Python calls."""
    if engine.dialect.name != "sqlite":
        return
    event.listen(engine, "connect", _we_begin)
    event.listen(engine, "begin", _sqlite_begin)
    event.listen(engine, "after_cursor_execute", _sqlite_note_write)


def _is_sqlite_session() -> bool:
    return db.session.get_bind().dialect.name == "sqlite"


def take_write_lock() -> None:
    """SQLite: make sure this transaction holds the database's write lock (see the module's note);
    PostgreSQL: nothing (lock rows with lock() or FOR UPDATE). Call it before reading what you
    decide on."""
    if not _is_sqlite_session():
        return
    session = db.session
    session.flush()
    _begin_immediate.set(True)  # used only if the session has no transaction yet
    try:
        if session.connection().info.get(_WRITE_LOCKED):
            return
        session.rollback()  # read but not written: begin again, holding the lock from the start
        _begin_immediate.set(True)
        session.connection()
    finally:
        _begin_immediate.set(False)


def lock(obj):
    """The object's row, locked until the transaction ends and read afresh (its relationships too)."""
    db.session.flush()
    take_write_lock()
    model = type(obj)
    object_id = inspect(obj).identity[0]  # obj.id after expire() would read the row once more
    if obj in db.session and not db.session.is_modified(obj):
        db.session.expire(obj)
    found = locked(model, object_id)
    if found is None:
        raise NoResultFound(f"{model.__name__} {object_id} is gone")
    return found


def locked(model, object_id, *options):
    """The row of model with this id, locked until the transaction ends and read afresh; None if there
    is none. One round trip: for a decision that starts from an id, read and lock at once (options:
    loader options, e.g. the collections the decision reads, loaded with it)."""
    statement = (
        select(model)
        .where(model.id == bindparam("id"))
        .options(*options)
        .with_for_update(of=model)
        .execution_options(populate_existing=True)
    )
    return locked_by(statement, {"id": object_id})


def locked_by(statement, params: dict):
    """locked() for a statement built once by its caller (its FOR UPDATE, populate_existing and
    loader options its own; the id bound at each call): the one row, or None."""
    db.session.flush()
    take_write_lock()
    return db.session.execute(statement, params).unique().scalar_one_or_none()


def locked_row(statement, params: dict):
    """locked_by() for a Core statement of a few columns (its FOR UPDATE its own): the one row as
    plain values, or None — for a decision that needs a few columns of the locked row rather than
    ORM objects (nothing in the session is read or refreshed)."""
    db.session.flush()
    take_write_lock()
    return writes.execute(statement, params).first()


def locked_rows(statement, params: dict) -> list:
    """locked_row() for a statement of several rows (e.g. a row joined to its few children): all of
    them, as plain values (an empty list when none)."""
    db.session.flush()
    take_write_lock()
    return writes.execute(statement, params).all()


def serialize(name: str) -> None:
    """Until this transaction ends, other transactions that serialize on the same name wait here:
    what they write after this call commits in the order they got here (e.g. ids of a log that
    readers follow by "everything above the last id I saw"). PostgreSQL: a transaction-level
    advisory lock keyed by the name; SQLite: the write lock, which serializes every writer anyway."""
    if _is_sqlite_session():
        take_write_lock()
        return
    key = int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "big", signed=True)
    db.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def end_request_write_transaction(_exc=None) -> None:
    """A transaction a request began ends with the request: one a writing request began IMMEDIATE
    (reads after its commit may have begun one more) would otherwise keep the write lock, and one a
    reading request began would keep its snapshot, so the next request in an app context that
    outlives the request (tests, as Flask's test client shares it) would read the past."""
    conn = _request_write_transaction.get()
    if conn is None:
        return
    _request_write_transaction.set(None)
    if not conn.closed and conn.in_transaction():
        db.session.rollback()


def register(app) -> None:
    """Call it after db.init_app(app), which makes the app's engines (none has connected yet)."""
    app.teardown_request(end_request_write_transaction)
    with app.app_context():
        for engine in db.engines.values():
            watch(engine)
