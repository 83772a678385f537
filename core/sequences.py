"""Gapless numbers per kind and year (INV-2026-000042, DL-2026-0003, AG-2026-000007).

The counter row is incremented with UPDATE … RETURNING inside the caller's transaction: on PostgreSQL
the row stays locked until that transaction ends, so concurrent callers queue and a rolled-back
transaction gives its number back. No number is skipped or used twice."""

import secrets
from functools import cache

from sqlalchemy import Integer, String, UniqueConstraint, bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, mapped_column

from core import writes
from core.extensions import db


class Counter(db.Model):
    __tablename__ = "counters"
    __table_args__ = (UniqueConstraint("kind", "year"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    value: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


@cache
def _bump():
    """Built once (kind and year bound at each execution): a plain statement, not an ORM one, so it
    flushes nothing and costs no more than the round trip."""
    return (
        update(Counter.__table__)
        .where(Counter.kind == bindparam("counter_kind"), Counter.year == bindparam("counter_year"))
        .values(value=Counter.value + 1)
        .returning(Counter.value)
    )


def next_value(kind: str, year: int) -> int:
    """Taking a number writes only the counter: nothing pending in the session is flushed first, so a
    caller may add objects that get their number only now (they are written at its next flush)."""
    bump, key = _bump(), {"counter_kind": kind, "counter_year": year}
    value = writes.execute(bump, key).scalar()  # on the session's connection: no flush
    if value is not None:
        return value
    with db.session.no_autoflush:
        # the year's first number: create the row unless another transaction just did (then its
        # lock makes us wait below); no savepoint, as one would flush the session first
        dialect = db.session.get_bind().dialect.name
        insert = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}[dialect]
        db.session.execute(insert(Counter.__table__).values(kind=kind, year=year, value=0).on_conflict_do_nothing())
        return db.session.execute(bump, key).scalar()


def next_number(prefix: str, year: int, width: int = 6) -> str:
    return f"{prefix}-{year}-{next_value(prefix, year):0{width}d}"


@cache
def _bump_two():
    """Two counters bumped by one statement, their rows locked in a fixed order — by kind, then
    year (so AG before INV, as taking them one by one does): the sub-select locks them as it
    returns them, sorted; the UPDATE then writes the rows it holds. (SQLite has one writer: its
    compiler drops the FOR UPDATE.)"""
    counters = Counter.__table__
    held = (
        select(counters.c.id)
        .where(
            ((counters.c.kind == bindparam("kind_a")) & (counters.c.year == bindparam("year_a")))
            | ((counters.c.kind == bindparam("kind_b")) & (counters.c.year == bindparam("year_b")))
        )
        .order_by(counters.c.kind, counters.c.year)
        .with_for_update()
    )
    return (
        update(counters)
        .where(counters.c.id.in_(held))
        .values(value=counters.c.value + 1)
        .returning(counters.c.kind, counters.c.year, counters.c.value)
    )


def next_numbers(first: tuple[str, int], second: tuple[str, int], width: int = 6) -> tuple[str, str]:
    """next_number() for two counters (prefix, year) at once, in one round trip: for a caller that
    draws both at the end of its transaction (an accept: AG and INV), so the rows every such caller
    queues for are held from here to the commit only. A counter whose row does not exist yet (the
    year's first number) is made and bumped by next_value(), after the other."""
    if first == second:
        raise ValueError("two different counters")
    found = {
        (kind, year): value
        for kind, year, value in writes.execute(
            _bump_two(), {"kind_a": first[0], "year_a": first[1], "kind_b": second[0], "year_b": second[1]}
        )
    }
    for kind, year in sorted({first, second} - set(found)):
        found[kind, year] = next_value(kind, year)
    return tuple(f"{kind}-{year}-{found[kind, year]:0{width}d}" for kind, year in (first, second))


def provisional() -> str:
    """A placeholder number, unique, for a row written before its gapless number is drawn and
    given that number before its transaction ends (never committed: "~" and 16 hex digits, which no
    real number has, and short enough for any number column)."""
    return f"~{secrets.token_hex(8)}"


def current_value(kind: str, year: int) -> int:
    return db.session.scalar(select(Counter.value).where(Counter.kind == kind, Counter.year == year)) or 0
