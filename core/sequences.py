"""Gapless numbers per kind and year (INV-2026-000042, DL-2026-0003, AG-2026-000007).

The counter row is incremented with UPDATE … RETURNING inside the caller's transaction: on PostgreSQL
the row stays locked until that transaction ends, so concurrent callers queue and a rolled-back
transaction gives its number back. No number is skipped or used twice."""

from sqlalchemy import Integer, String, UniqueConstraint, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from core.extensions import db


class Counter(db.Model):
    __tablename__ = "counters"
    __table_args__ = (UniqueConstraint("kind", "year"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    value: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


def next_value(kind: str, year: int) -> int:
    bump = (
        update(Counter)
        .where(Counter.kind == kind, Counter.year == year)
        .values(value=Counter.value + 1)
        .returning(Counter.value)
    )
    value = db.session.execute(bump).scalar()
    if value is not None:
        return value
    try:
        with db.session.begin_nested():
            db.session.add(Counter(kind=kind, year=year, value=0))
    except IntegrityError:
        pass  # another transaction created it first; its lock makes us wait below
    return db.session.execute(bump).scalar()


def next_number(prefix: str, year: int, width: int = 6) -> str:
    return f"{prefix}-{year}-{next_value(prefix, year):0{width}d}"


def current_value(kind: str, year: int) -> int:
    return db.session.scalar(select(Counter.value).where(Counter.kind == kind, Counter.year == year)) or 0
