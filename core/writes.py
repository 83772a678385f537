"""A row written now: a new ORM object inserted with one prebuilt `INSERT … RETURNING id`, without a
unit-of-work flush, then placed in the session as if it had been loaded (clean, with its id).

For a hot path whose writes follow a lock every request queues for (an accept's gapless counters):
a flush works out the order, the keys and the history of everything pending, which costs several
times the statement itself. The object's columns are written as a flush would write them: its
attributes, the keys of the many-to-one relations set on it, else the column's Python default.
Collections (many-to-many rows, children) are the caller's to write."""

from functools import cache

from sqlalchemy import insert, inspect
from sqlalchemy.orm import make_transient_to_detached
from sqlalchemy.orm.interfaces import MANYTOONE

from core.extensions import db

_NO_DEFAULT = object()


@cache
def _plan(cls):
    """Per mapped class, once: its columns with their defaults, the keys its many-to-one relations
    set, and the prebuilt statement."""
    mapper = inspect(cls)
    table = mapper.local_table
    (key,) = (c.key for c in table.primary_key.columns)
    columns = []
    for prop in mapper.column_attrs:
        column = prop.columns[0]
        if column.primary_key or column.table is not table:
            continue
        default = column.default
        if default is None and column.server_default is not None:  # NULL would override it
            raise TypeError(f"{cls.__name__}.{prop.key}: a server default only is not written here")
        if default is None:
            columns.append((prop.key, None, _NO_DEFAULT))
        elif default.is_scalar:
            columns.append((prop.key, None, default.arg))
        elif default.is_callable:
            columns.append((prop.key, default.arg, _NO_DEFAULT))
        else:  # a SQL expression default: let the flush do it
            raise TypeError(f"{cls.__name__}.{prop.key}: SQL expression defaults are not written here")
    relations = [
        (rel.key, [(local.key, remote.key) for local, remote in rel.local_remote_pairs])
        for rel in mapper.relationships
        if rel.direction is MANYTOONE
    ]
    return key, columns, relations, insert(table).returning(table.c[key])


def execute(statement, params=None):
    """A Core statement (built once by the caller) on the session's connection, in its transaction:
    without the session's own execute (its events, its bind lookup, the ORM's checks), which costs
    about as much again as the statement. Nothing pending in the session is flushed."""
    return db.session.connection().execute(statement, params)


def insert_now(obj):
    """obj (new, not in the session) written with one INSERT, then in the session, loaded and clean;
    returns it. Nothing pending in the session is flushed (flush first if the row needs it)."""
    key, columns, relations, statement = _plan(type(obj))
    state = obj.__dict__
    values = {}
    for name, pairs in relations:
        target = state.get(name)
        if target is not None:
            for local, remote in pairs:
                values[local] = getattr(target, remote)
    for name, make, default in columns:
        value = state.get(name)
        if value is None and name not in values:
            value = make(None) if make is not None else (None if default is _NO_DEFAULT else default)
        elif value is None:
            continue
        values[name] = value
    state.update(values)
    state[key] = execute(statement, values).scalar_one()
    make_transient_to_detached(obj)
    db.session.add(obj)
    return obj
