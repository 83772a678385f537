"""One transaction per unit of work: services change and flush; the edge commits once.

The edges are the only places that end a transaction:

- a request (`init_app`): a writing request (POST, PUT, PATCH, DELETE) that succeeds (status < 400)
  and met no refusal commits after its view; anything else rolls back: a read never writes, and a
  refused request (bad input, forbidden, conflict — also one a view caught to flash and redirect)
  leaves no trace. A `DomainError` made during the request marks it refused (`note_refusal`).
- a CLI command: `AppGroup` here wraps each command in `unit()` (commit when it returns, roll back
  when it raises, a `click` refusal included).
- a background job (`core/jobs.py`): the task's work commits with its "done" status; progress
  checkpoints commit on purpose (`JobHandle.progress`).
- a scheduled task (`core/scheduler.py`): each task's run commits once, then its outcome.

So a refused step leaves nothing behind, and two operations compose in one transaction (Indico's
operations flush and its request commits; CKAN's `defer_commit`). Locks (core/locks.py) hold until
the edge's commit: on SQLite a writing request began IMMEDIATE and keeps the write lock to its end.

Some operations must commit in the middle on purpose (a quota charged before a query runs outside
any transaction, a failed sign-in counted though the request fails, a job's progress, a statement
staged in chunks, …). They say so with `commit_now(reason)`, the one named way to do it; the list of
places is in ARCHITECTURE.md ("Transactions") and tests/core/test_unit_of_work.py.

Work that must happen only once the change stands (a search index, a message, a queue) registers
with `after_commit(fn)`: it runs after the unit's commit, never after a rollback.
"""

import functools
import logging
from contextlib import contextmanager

from flask import current_app, g, has_app_context, request
from flask.cli import AppGroup as FlaskAppGroup
from flask.globals import _cv_request
from sqlalchemy import event
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.extensions import db

log = logging.getLogger(__name__)

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_AFTER_COMMIT = "uow_after_commit"
_REFUSED = "_uow_refused"
_WROTE = "uow_wrote"


def after_commit(fn) -> None:
    """Run fn() once the current unit of work has committed; dropped if it rolls back."""
    db.session.info.setdefault(_AFTER_COMMIT, []).append(fn)


def commit() -> None:
    """The edge's commit (only the edges call it), then the unit's after-commit work."""
    db.session.commit()
    for fn in db.session.info.pop(_AFTER_COMMIT, []):
        try:
            fn()
        except Exception:  # the change stands; what follows it must not turn it into an error
            log.exception("after-commit work %r failed", fn)


def rollback() -> None:
    db.session.info.pop(_AFTER_COMMIT, None)
    db.session.rollback()


@event.listens_for(Session, "after_flush")
def _note_write(session, _flush_context) -> None:
    if session.new or session.dirty or session.deleted:
        session.info[_WROTE] = True


@event.listens_for(Session, "after_transaction_end")
def _forget_write(session, transaction) -> None:
    if transaction.parent is None:
        session.info.pop(_WROTE, None)


def commit_now(reason: str) -> None:
    """A deliberate commit in the middle of an operation: what is done so far must stand (or be
    visible to other connections) whatever happens next. The reason says why; keep the list of
    such places short and written down (ARCHITECTURE.md, "Transactions")."""
    log.debug("commit now: %s", reason)
    commit()


def note_refusal() -> None:
    """A refusal (core.errors.DomainError) was made: the request that made it does not commit."""
    if has_app_context():
        setattr(g, _REFUSED, True)


def refused() -> bool:
    return bool(g.get(_REFUSED))


@contextmanager
def unit():
    """A unit of work outside a request (a CLI command, a script): commit on success, roll back on
    any exception (which goes on)."""
    try:
        yield
    except BaseException:
        rollback()
        raise
    commit()


def in_unit(fn):
    """fn runs as one unit of work (see unit())."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        with unit():
            return fn(*args, **kwargs)

    return wrapper


class AppGroup(FlaskAppGroup):
    """Flask's AppGroup whose commands each run as one unit of work, inside their app context."""

    def command(self, *args, **kwargs):
        wrap_for_ctx = kwargs.pop("with_appcontext", True)
        parent = super().command

        def decorator(fn):
            return parent(*args, with_appcontext=wrap_for_ctx, **kwargs)(in_unit(fn) if wrap_for_ctx else fn)

        return decorator


# --- the request edge ------------------------------------------------------------------------


def _begin_request() -> None:
    setattr(g, _REFUSED, False)
    # A request is a unit of its own. In production each request has a fresh session; only Flask's
    # test client runs a request inside an app context the test pushed, whose session may hold the
    # test's work: it is the test's, committed as the test's own edge would, so the request begins
    # its own transaction (IMMEDIATE on SQLite when it writes, core/locks.py). No session in this
    # scope yet (every request in production) means no transaction: none is made just to ask.
    if db.session.registry.has() and db.session().in_transaction():
        commit()


def _end_request(response):
    if _cv_request.get().request.method in SAFE_METHODS and not db.session.registry.has():
        return response  # a read that never used the session (a search answered from the index)
    if request.method in SAFE_METHODS or response.status_code >= 400 or refused():
        if request.method in SAFE_METHODS and db.session.info.get(_WROTE):
            log.warning("%s %s wrote and is rolled back: a read never writes", request.method, request.path)
        rollback()
        return response
    try:
        commit()
    except IntegrityError as exc:  # a deferred constraint refused the unit: the same 409 as at a flush
        rollback()
        return current_app.make_response(current_app.handle_user_exception(exc))
    return response


def _teardown_request(exc=None) -> None:
    if exc is not None:  # the view raised and nothing answered it: nothing of it stands
        rollback()


def init_app(app) -> None:
    """Register the request edge. Call it early in the app factory (right after db.init_app): its
    after-request hook then runs after the others, so whatever they flush commits with the request."""
    app.before_request(_begin_request)
    app.after_request(_end_request)
    app.teardown_request(_teardown_request)
