"""Accounting months. Everything up to the latest closed month is locked: a posting dated in a
closed month lands in the first open month after it, marked as an adjustment with a note."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, func, select
from sqlalchemy.dialects import postgresql, sqlite

from core import writes
from core.extensions import db
from core.timeutil import to_display, utcnow
from finance.models import JournalEntry, Period

BASES = ("net", "gross")


def today() -> date:
    """Today on the Shanghai calendar, the calendar every business date is read in."""
    return to_display(utcnow()).date()


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def parse_month(text: str) -> tuple[int, int] | None:
    if not isinstance(text, str) or len(text) != 7 or text[4] != "-":
        return None
    try:
        year, month = int(text[:4]), int(text[5:])
    except ValueError:
        return None
    return (year, month) if 2000 <= year <= 2999 and 1 <= month <= 12 else None


def next_month(month: str) -> str:
    year, mon = int(month[:4]), int(month[5:])
    return f"{year + mon // 12:04d}-{mon % 12 + 1:02d}"


def previous_month(month: str) -> str:
    year, mon = int(month[:4]), int(month[5:])
    return f"{year - (mon == 1):04d}-{(mon - 2) % 12 + 1:02d}"


def months_back(month: str, count: int) -> list[str]:
    """The count months ending with month, oldest first."""
    months = [month]
    while len(months) < count:
        months.append(previous_month(months[-1]))
    return months[::-1]


def first_day(month: str) -> date:
    return date(int(month[:4]), int(month[5:]), 1)


def last_day(month: str) -> date:
    return date.fromordinal(first_day(next_month(month)).toordinal() - 1)


def locked_through() -> str | None:
    """The latest closed month; it and every month before it are locked."""
    return db.session.scalar(select(func.max(Period.month)).where(Period.status == "closed"))


@dataclass(frozen=True)
class Posting:
    period: str
    is_adjustment: bool
    note: str


def adjustment_note(on: date, period: str):
    """Why an entry dated on sits in period (in the reader's language)."""
    return _l(
        "Dated %(day)s, in %(month)s, which is closed: posted in %(period)s as an adjustment.",
        day=on.isoformat(),
        month=month_of(on),
        period=period,
    )


def posting_for(on: date) -> Posting:
    month = month_of(on)
    locked = locked_through()
    if locked is None or month > locked:
        return Posting(month, False, "")
    period = next_month(locked)
    return Posting(period, True, str(adjustment_note(on, period)))


def locked_posting(on: date, share: bool = False) -> Posting:
    """Where a posting dated on goes, with that month's row locked until the transaction ends (so
    postings into one month queue and closing waits for them). The common case — the month's row
    exists and is open, and no later month is closed — is one statement: the row, locked, with the
    latest closed month read beside it (as posting_for() would read it, before the lock's wait).

    share: the row is locked in share mode (FOR SHARE), for a posting whose transaction posts
    nothing that trues up the month (an invoice issued: the remittance follows money received, not
    invoices), so such postings do not queue for one another — only closing, which takes the row
    FOR UPDATE, waits for them and they for it. A transaction that may go on to lock the month FOR
    UPDATE (a payment and its true-up) must not take it in share mode first: two such would each
    wait for the other's share lock. A month whose row is missing, closed or behind a later closed
    month is found as before, its row locked FOR UPDATE (a rare path)."""
    month = month_of(on)
    found = writes.execute(_locked_month(share), {"month": month}).one_or_none()
    if found is not None:
        status, locked = found
        if status != "closed" and (locked is None or month > locked):
            return Posting(month, False, "")
    posting = posting_for(on)
    while period_row(posting.period, lock=True).status == "closed":
        posting = posting_for(on)  # closed while we waited for its lock: post into the next
    return posting


@cache
def _locked_month(share: bool = False):
    """The month's status (its row locked, in share mode if share) and the latest closed month, as
    plain columns on the session's connection (core.writes.execute): no Period object is loaded (a
    later reader of the month reads its row itself)."""
    periods = Period.__table__
    latest_closed = select(func.max(periods.c.month)).where(periods.c.status == "closed").scalar_subquery()
    return (
        select(periods.c.status, latest_closed)
        .where(periods.c.month == bindparam("month"))
        .with_for_update(of=periods, read=share)
    )


def settings() -> tuple[Decimal, str]:
    return Decimal(current_app.config["REMITTANCE_RATE"]), current_app.config["REMITTANCE_BASE"]


def period_row(month: str, lock: bool = False) -> Period:
    """The month's row, created with the rate and base in force the first time it is needed. With
    lock, the row is held until the transaction ends, so postings into one month queue (their
    remittance true-ups would otherwise race) and closing waits for them."""
    statement = select(Period).where(Period.month == month)
    if lock:
        statement = statement.with_for_update().execution_options(populate_existing=True)
    row = db.session.scalar(statement)
    if row is None:
        # created unless another transaction just did (its row then waits for that one to end):
        # concurrent first postings into a month each find the one row, none fails on the key
        rate, base = settings()
        insert = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}[db.session.get_bind().dialect.name]
        db.session.execute(
            insert(Period.__table__)
            .values(month=month, status="open", remittance_rate=rate, remittance_base=base)
            .on_conflict_do_nothing()
        )
        row = db.session.scalar(statement)
    return row


def rate_and_base(month: str) -> tuple[Decimal, str]:
    row = db.session.get(Period, month)
    if row is None:
        return settings()
    return Decimal(row.remittance_rate), row.remittance_base


def closable_problem(month: str, on: date | None = None) -> str | None:
    """Why month cannot be closed now, or None."""
    if parse_month(month) is None:
        return str(_l("A month such as 2026-10."))
    if month >= month_of(on or today()):
        return str(_l("Only a month that has ended can be closed."))
    locked = locked_through()
    if locked is not None and month <= locked:
        return str(_l("%(month)s is already closed.", month=month))
    earlier = db.session.scalar(
        select(func.min(JournalEntry.period)).where(JournalEntry.period < month, JournalEntry.period > (locked or ""))
    )
    if earlier is not None:
        return str(_l("Close %(month)s first.", month=earlier))
    return None
