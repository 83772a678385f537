"""Another connection that commits between a transaction's reads: each time this thread's session runs
a SELECT, a second connection (autocommit) touches a row and commits — unless the transaction under
test holds the write lock (SQLite) or the row (PostgreSQL), in which case it gives up at once. So a
transaction that reads and later writes meets a database that moved under it, on either database."""

import sqlite3
import threading
from contextlib import ExitStack, contextmanager

from sqlalchemy import create_engine, event, text
from sqlalchemy.exc import OperationalError

from core.extensions import db

TOUCH = "UPDATE users SET email = email WHERE id = :id"


@contextmanager
def commits_between_reads(user_id: int):
    """Yields the list of the statements after which the other connection committed."""
    with ExitStack() as stack:
        if db.engine.dialect.name == "sqlite":
            # a plain sqlite3 connection: the app's engine hooks (BEGIN on every transaction) stay out
            raw = sqlite3.connect(db.engine.url.database, timeout=0, isolation_level=None)
            stack.callback(raw.close)

            def touch():
                raw.execute(TOUCH.replace(":id", "?"), (user_id,))

            refused = sqlite3.OperationalError
        else:
            other_engine = create_engine(db.engine.url, isolation_level="AUTOCOMMIT")
            stack.callback(other_engine.dispose)
            other = stack.enter_context(other_engine.connect())
            other.exec_driver_sql("SET lock_timeout = '200ms'")

            def touch():
                other.execute(text(TOUCH), {"id": user_id})

            refused = OperationalError
        interleaved, this_thread = [], threading.get_ident()

        def another_writer_commits(conn, _cursor, statement, *_):
            mine = conn.engine is db.engine and threading.get_ident() == this_thread
            if mine and statement.lstrip().upper().startswith("SELECT"):
                try:
                    touch()
                    interleaved.append(statement)
                except refused:  # the write lock (or the row) is held: nobody commits meanwhile
                    pass

        event.listen(db.engine, "after_cursor_execute", another_writer_commits)
        stack.callback(event.remove, db.engine, "after_cursor_execute", another_writer_commits)
        yield interleaved
