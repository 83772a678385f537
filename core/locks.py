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

import contextlib
import fcntl
import hashlib
import time
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
# Beside a SQLite database file, a file whose only use is its lock (flock): a writer about to wait
# for the write lock holds it shared until it has the write lock, so a long writer that lets others
# in between its steps (a statement's import) can see whether anyone waits (WaitingRoom).
WAITING_ROOM_SUFFIX = "-writers"
_ROOM = "waiting_room"  # on the DBAPI connection's info: the room file open on its own descriptor
# on the DBAPI connection's info, from before a transaction's first write to after it: its room
# (held shared meanwhile), or False where there is none
_FIRST_WRITE = "first_write"

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


def _we_begin(dbapi_connection, record):
    """pysqlite begins no transaction by itself: _sqlite_begin does. And the connection gets its own
    descriptor of the database's waiting room (one per connection: flock's locks belong to an open
    file, which two threads' connections must not share)."""
    dbapi_connection.isolation_level = None
    room = waiting_room_path(dbapi_connection)
    if room is not None:
        # (a read-only directory: writers wait unannounced, and WaitingRoom() is None)
        with contextlib.suppress(OSError):
            record.info[_ROOM] = open(room, "ab", buffering=0)  # noqa: SIM115 (closed with the connection)


def waiting_room_path(dbapi_connection) -> str | None:
    """The waiting room of the connection's main database file (None for an in-memory database)."""
    row = dbapi_connection.execute("PRAGMA database_list").fetchone()  # (seq, name, file)
    return f"{row[2]}{WAITING_ROOM_SUFFIX}" if row is not None and row[2] else None


class WaitingRoom:
    """A long SQLite writer's view of the waiting room: `waiting()` is True while a writer waits for
    the write lock (it holds the room shared), `let_in(most)` waits until none does, at most `most`
    seconds. Used as a context manager; its value is None where writers cannot announce themselves
    (PostgreSQL, whose row locks need no room; an in-memory database; a room that cannot be opened)."""

    def __init__(self, session=None, dbapi_connection=None):
        """The room of the session's database (default: the app's session), or of the database a
        DBAPI connection of the app's engine has open (a raw connection a bulk write uses)."""
        self.room = None
        if dbapi_connection is None:
            session = session or db.session
            if session.get_bind().dialect.name != "sqlite":
                return
            dbapi_connection = session.connection().connection.dbapi_connection
        elif not _is_sqlite(dbapi_connection):
            return
        path = waiting_room_path(dbapi_connection)
        try:
            self.room = open(path, "ab", buffering=0) if path is not None else None  # noqa: SIM115
        except OSError:
            self.room = None

    def __enter__(self):
        return self if self.room is not None else None

    def __exit__(self, *_exc):
        if self.room is not None:
            self.room.close()

    def waiting(self) -> bool:
        try:
            fcntl.flock(self.room, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(self.room, fcntl.LOCK_UN)
        return False

    def let_waiting_in(self, most: float) -> None:
        """Between two of a long writer's transactions: anyone waiting for the lock gets it first."""
        if self.waiting():
            self.let_in(most)

    def let_in(self, most: float, step: float = 0.001) -> float:
        """Wait while anyone waits (a writer polls for the lock in SQLite's busy handler: the 1st,
        3rd, 8th, 18th, 33rd … ms of its wait, later every 100 ms), at most `most` seconds; returns
        the seconds waited."""
        began = time.perf_counter()
        while self.waiting():
            waited = time.perf_counter() - began
            if waited >= most:
                return waited
            time.sleep(step)
        return time.perf_counter() - began


def _writing_request() -> bool:
    return has_request_context() and request.method not in SAFE_METHODS


def _sqlite_begin(conn):
    immediate = _begin_immediate.get() or _writing_request()
    _begin_immediate.set(False)
    _leave_room(conn.info)  # (a write interrupted past SQLAlchemy's hooks must not stay in it)
    room = conn.info.get(_ROOM) if immediate else None
    if room is None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
    else:  # in the waiting room while it may wait for the write lock
        fcntl.flock(room, fcntl.LOCK_SH)
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        finally:
            fcntl.flock(room, fcntl.LOCK_UN)
    conn.info[_WRITE_LOCKED] = immediate
    if has_request_context():
        _request_write_transaction.set(conn)


def _sqlite_announce_write(conn, _cursor, statement, _parameters, _context, _executemany):
    """A DEFERRED transaction's first write may wait for the write lock: noted here (the statement
    read once, _sqlite_note_write takes the note), and in the waiting room till it ran."""
    info = conn.info
    if info.get(_WRITE_LOCKED) or not statement.lstrip()[:7].upper().startswith(_WRITES):
        return
    room = info.get(_ROOM)
    if room is not None and info.get(_FIRST_WRITE) is None:
        fcntl.flock(room, fcntl.LOCK_SH)
    info[_FIRST_WRITE] = room if room is not None else False


def _leave_room(info) -> bool:
    """Whether a first write was under way; if it was in the waiting room, it leaves it."""
    room = info.pop(_FIRST_WRITE, None)
    if room:
        fcntl.flock(room, fcntl.LOCK_UN)
    return room is not None


def _sqlite_note_write(conn, _cursor, _statement, _parameters, _context, _executemany):
    info = conn.info
    if _leave_room(info):  # the transaction's first write ran: it holds the write lock
        info[_WRITE_LOCKED] = True


def _sqlite_failed(context) -> None:
    """A statement that failed (a write that waited its busy timeout out) leaves the waiting room."""
    connection = context.connection
    if connection is not None and not connection.closed:
        _leave_room(connection.info)


def watch(engine) -> None:
    """Our transactions on an engine of the app's (core.extensions.db), SQLite only: pysqlite begins
    none (_we_begin), _sqlite_begin begins each (IMMEDIATE in a writing request) and
    _sqlite_note_write notes a transaction's first write. Listened to on the engine itself, not on
    every Engine: an engine with no connection-event listener (PostgreSQL's) is spared SQLAlchemy's
    event dispatch at every statement, about a fifth of a prebuilt statement's Python calls.
    A transaction about to wait for the write lock (BEGIN IMMEDIATE, a DEFERRED one's first write)
    holds the database's waiting room shared meanwhile (WaitingRoom)."""
    if engine.dialect.name != "sqlite":
        return
    event.listen(engine, "connect", _we_begin)
    event.listen(engine, "begin", _sqlite_begin)
    event.listen(engine, "before_cursor_execute", _sqlite_announce_write)
    event.listen(engine, "after_cursor_execute", _sqlite_note_write)
    event.listen(engine, "handle_error", _sqlite_failed)


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
