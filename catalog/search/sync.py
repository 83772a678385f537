"""Keeping this node's index in step with the catalog's change log (catalog_changes), so that an edit
made on any node is found by a search on every node.

Every category change writes a row in the transaction that makes it (record_change); ids grow in
commit order (locks.serialize). Each index records the id of the last change it holds (index.APPLIED,
written by a rebuild and by every apply). A node applies what it has not seen:

- at start (create_app → at_start),
- right after an edit it made (update_category calls catch_up at once, so its own edit is searchable
  before the answer goes back),
- before answering a search, at most every SEARCH_SYNC_SECONDS per process: one MAX(id) on the
  primary key; only when the index is behind are the changes and their categories read.

Applying a change puts the category's current state into the index (or removes it when it is gone),
so applying one twice, or an older change after a newer one, does no harm. The node's processes
take turns through index.node_lock; each re-reads the record under the lock.
"""

import logging
import threading
import time

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from catalog.models import CatalogChange, Category
from catalog.search import index
from core import locks
from core.extensions import db
from core.timeutil import utcnow

log = logging.getLogger(__name__)

_checked: dict[str, float] = {}  # index directory -> monotonic time of this process's last check
_checked_lock = threading.Lock()


def record_change(*codes: str) -> None:
    """Log a change of each category (call it in the transaction that changes them, after they are
    locked: serialize waits for the writers before, so ids follow commit order)."""
    if not codes:
        return
    locks.serialize("catalog_changes")
    now = utcnow()
    db.session.add_all([CatalogChange(category_code=code, changed_at=now) for code in codes])
    db.session.flush()


def latest_change() -> int:
    """The id of the last change committed (0 before the first)."""
    return db.session.scalar(select(func.max(CatalogChange.id))) or 0


def index_version(directory: str | None = None) -> int | None:
    """The last change this node's index holds (a cache key of answers drawn from it)."""
    return index.applied_change(directory or current_app.config["SEARCH_INDEX_DIR"])


def catch_up(directory: str | None = None, force: bool = False) -> int:
    """Apply the changes this node's index has not seen; how many categories were put in.
    Without force, at most one look at the log per SEARCH_SYNC_SECONDS in this process."""
    directory = directory or current_app.config["SEARCH_INDEX_DIR"]
    if not force and not _due(directory):
        return 0
    applied = index.applied_change(directory)
    if applied is None and not index.current(directory):
        return 0  # no index here (search answers from the database until a rebuild)
    began = not db.session().in_transaction()
    try:
        if applied is not None and latest_change() <= applied:
            return 0
        with index.node_lock(directory):
            applied = index.applied_change(directory) or 0  # another process may have done it
            changes = db.session.execute(
                select(CatalogChange.id, CatalogChange.category_code)
                .where(CatalogChange.id > applied)
                .order_by(CatalogChange.id)
            ).all()
            if not changes:
                return 0
            codes = sorted({code for _id, code in changes})
            documents: dict[str, dict | None] = dict.fromkeys(codes)
            words: list[str] = []
            for start in range(0, len(codes), 500):
                for category in db.session.scalars(
                    select(Category)
                    .where(Category.code.in_(codes[start : start + 500]))
                    .options(joinedload(Category.department))
                ):
                    documents[category.code] = index.document_for(category)
                    words += category.keywords_zh or []
            if began:  # the reads are done: no transaction (nor SQLite lock) held while the index is written
                db.session.rollback()
                began = False
            index.apply(directory, documents, applied=changes[-1][0], words=words)
            log.info("search index at %s: applied changes %d..%d", directory, changes[0][0], changes[-1][0])
            return len(codes)
    finally:
        if began:
            db.session.rollback()


def at_start(app) -> None:
    """Catch up once as the app starts (a node that was down missed changes), and load what searching
    needs (index.warm) before the first client waits for it. Never stops the app:
    without an index or before the change log's migration there is nothing to do."""
    directory = app.config.get("SEARCH_INDEX_DIR")
    if not directory or not index.current(directory):
        return
    with app.app_context():
        try:
            catch_up(directory, force=True)
            index.warm(directory)  # a worker's first search answers as fast as the rest
        except Exception as exc:  # e.g. the database is not migrated yet (`flask db upgrade` itself)
            # one line (the reason's first), not a traceback in every command run before the migration
            reason = (str(getattr(exc, "orig", None) or exc).splitlines() or [type(exc).__name__])[0]
            log.info("search index at %s not caught up at start: %s", directory, reason[:200])
            log.debug("search index at %s not caught up at start", directory, exc_info=True)
            db.session.rollback()
        finally:
            db.session.remove()


def looked_recently(directory: str, interval: float) -> bool:
    """Whether this process looked at the change log for directory less than interval seconds ago
    (a read that may skip the look; it does not count as one)."""
    return time.monotonic() - _checked.get(directory, float("-inf")) < interval


def _due(directory: str) -> bool:
    interval = float(current_app.config.get("SEARCH_SYNC_SECONDS", 1.0))
    now = time.monotonic()
    with _checked_lock:
        if now - _checked.get(directory, float("-inf")) < interval:
            return False
        _checked[directory] = now
    return True
