"""The double-entry journal: the chart of accounts and the one function that posts to it.

Every invoice, payment, fee, refund, void, remittance and remittance accrual is one balanced entry
made here; entries are never edited (the ORM refuses, and so does a PostgreSQL trigger)."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from flask_babel import lazy_gettext as _l
from sqlalchemy import event

from core.extensions import db
from core.money import from_fen, quantize
from core.writes import insert_now
from finance import bulk, periods
from finance.models import JournalEntry, JournalLine

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Account:
    code: str
    number: str  # 企业会计准则 account number
    label: object
    kind: str  # asset | liability | equity | revenue | expense


CHART = {
    a.code: a
    for a in (
        Account("bank", "1002", _l("Bank deposits (银行存款)"), "asset"),
        Account("stripe_clearing", "1012", _l("Stripe clearing (其他货币资金)"), "asset"),
        Account("receivables", "1122", _l("Accounts receivable (应收账款)"), "asset"),
        Account("customer_credit", "2203", _l("Customer credit (预收账款)"), "liability"),
        Account("unapplied_receipts", "2241.01", _l("Unidentified receipts (待查明款项)"), "liability"),
        Account("vat_payable", "2221", _l("VAT payable (应交税费—销项税额)"), "liability"),
        Account("remittance_payable", "2241.02", _l("State-capital income payable (应上缴国有资本收益)"), "liability"),
        Account("revenue", "6001", _l("Operation service revenue (主营业务收入)"), "revenue"),
        Account("stripe_fees", "6603", _l("Card processing fees (财务费用—手续费)"), "expense"),
        Account("remitted", "4104", _l("State-capital income (利润分配—上缴国有资本收益)"), "equity"),
    )
}
DEBIT_NORMAL = ("asset", "expense", "equity")
CASH = {"bank": "bank", "stripe": "stripe_clearing"}


class Line(NamedTuple):
    account: str
    debit: Decimal = ZERO
    credit: Decimal = ZERO
    invoice_id: int | None = None
    organisation_id: int | None = None
    channel: str | None = None


def dr(account, amount, **tags) -> Line:
    return Line(account, debit=quantize(amount), **tags)


def cr(account, amount, **tags) -> Line:
    return Line(account, credit=quantize(amount), **tags)


def receipt_lines(cash: str, channel: str, receipts, in_cents: bool = False) -> list[Line]:
    """The lines of money received into cash, one payment or a statement's worth: cash debited
    with all of it; per invoice, receivables credited with what was applied to it; per customer,
    their credit (预收账款) with the rest, or unidentified receipts for money from nobody known.
    receipts: (invoice_id, organisation_id, amount, applied, credited), as money_rules.receive
    split each (a pure function: the ORM path and the bulk statement path both post these); in
    integer cents if in_cents (money_rules.receive_cents: summed as integers, the lines' amounts
    Decimal)."""
    kind = int if in_cents else Decimal
    received, applied_to, credit_of = 0 if in_cents else ZERO, defaultdict(kind), defaultdict(kind)
    for invoice_id, organisation_id, amount, applied, credited in receipts:
        received += amount
        if applied:
            applied_to[invoice_id, organisation_id] += applied
        if credited:
            credit_of[organisation_id] += credited
    money = from_fen if in_cents else _same
    return [
        Line(cash, debit=money(received), channel=channel),
        *(Line("receivables", credit=money(a), invoice_id=i, organisation_id=o) for (i, o), a in applied_to.items()),
        *(
            Line("customer_credit" if o else "unapplied_receipts", credit=money(c), organisation_id=o)
            for o, c in credit_of.items()
        ),
    ]


def _same(amount):
    return amount


class UnbalancedEntry(ValueError):
    pass


class Balanced(NamedTuple):
    """An entry's lines as balance() leaves them, ready to post: (account, debit, credit, invoice,
    organisation, channel) each, zero lines dropped, negative amounts turned to the other side."""

    rows: list[tuple]


def balance(kind: str, lines: list[Line]) -> Balanced:
    """The lines of an entry checked (known accounts, debits equal to credits) and cleaned, or
    UnbalancedEntry. post() does it; a caller may do it first, outside its transaction's locks."""
    clean, debits, credits = [], ZERO, ZERO
    for account, debit, credit, invoice_id, organisation_id, channel in lines:
        if account not in CHART:
            raise UnbalancedEntry(f"unknown account {account}")
        amount = quantize(debit) - quantize(credit)
        if amount > 0:
            debits += amount
            clean.append((account, amount, ZERO, invoice_id, organisation_id, channel))
        elif amount < 0:
            credits -= amount
            clean.append((account, ZERO, -amount, invoice_id, organisation_id, channel))
    if debits != credits:
        raise UnbalancedEntry(f"{kind}: debits {debits} != credits {credits}")
    return Balanced(clean)


def post(
    kind: str,
    on: date,
    lines: "list[Line] | Balanced",
    memo: str = "",
    source: tuple[str, object] = ("", ""),
    actor=None,
    posting: periods.Posting | None = None,
) -> JournalEntry:
    """Post one balanced entry dated on, into the month it belongs to or, if that month is closed,
    into the next open month as an adjustment. Lines of zero are dropped; a line with a negative
    amount is turned to the other side (balance(): lines may come balanced already). posting: where
    the entry goes, found (its month's row locked) earlier in this transaction by
    periods.locked_posting(on); else found here."""
    clean = (lines if isinstance(lines, Balanced) else balance(kind, lines)).rows
    if posting is None:
        posting = periods.locked_posting(on)
    entry = JournalEntry(
        period=posting.period,
        occurred_on=on,
        kind=kind,
        memo=memo[:2000],
        is_adjustment=posting.is_adjustment,
        note=posting.note,
        source_type=source[0],
        source_id=str(source[1]),
        created_by_id=getattr(actor, "id", None),
    )
    db.session.flush()  # what the lines refer to (an invoice, a payment) is written first
    insert_now(entry)  # one INSERT … RETURNING id: no flush of its own
    # the lines in one executemany: a bank statement's entry can hold a line per invoice (100,000)
    entry_id, period = entry.id, posting.period
    bulk.insert_rows(
        JournalLine.__table__,
        ("entry_id", "period", "account", "debit", "credit", "invoice_id", "organisation_id", "channel"),
        [(entry_id, period, *x) for x in clean],
    )
    return entry


def account_label(code: str) -> str:
    account = CHART.get(code)
    return f"{account.number} {account.label}" if account else code


class JournalIsAppendOnly(Exception):
    pass


@event.listens_for(JournalEntry, "before_update")
@event.listens_for(JournalLine, "before_update")
@event.listens_for(JournalEntry, "before_delete")
@event.listens_for(JournalLine, "before_delete")
def _refuse_change(mapper, connection, target):
    raise JournalIsAppendOnly("journal entries are never edited: post a correcting entry")
