"""`finance check`: the ledger's invariants, each computed straight from the journal and compared
with the sub-ledgers it must agree with."""

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, or_, select

from core.extensions import db
from core.money import from_db, quantize
from finance import money_rules as rules
from finance import periods
from finance.models import (
    Allocation,
    BankStatement,
    Invoice,
    JournalEntry,
    JournalLine,
    Payment,
    Period,
    Refund,
    Remittance,
    StatementLine,
)

ZERO = Decimal("0.00")


@dataclass
class Check:
    name: str
    ok: bool
    detail: str = ""
    problems: list = field(default_factory=list)


def debits_equal_credits() -> Check:
    debit, credit = db.session.execute(
        select(func.coalesce(func.sum(JournalLine.debit), 0), func.coalesce(func.sum(JournalLine.credit), 0))
    ).one()
    unbalanced = db.session.execute(
        select(JournalLine.entry_id, func.sum(JournalLine.debit - JournalLine.credit))
        .group_by(JournalLine.entry_id)
        .having(func.round(func.sum(JournalLine.debit - JournalLine.credit), 2) != 0)
        .limit(20)
    ).all()
    ok = from_db(debit) == from_db(credit) and not unbalanced
    return Check(
        "debits equal credits",
        ok,
        f"debits {from_db(debit)} credits {from_db(credit)}",
        [f"entry {e} off by {from_db(d)}" for e, d in unbalanced],
    )


def receivables_match_invoices() -> Check:
    """The receivables account, per invoice, equals what each invoice still owes (0 when void)."""
    ledger = dict(
        db.session.execute(
            select(JournalLine.invoice_id, func.sum(JournalLine.debit - JournalLine.credit))
            .where(JournalLine.account == "receivables")
            .group_by(JournalLine.invoice_id)
        ).all()
    )
    problems, total_ledger, total_open = [], ZERO, ZERO
    for invoice_id, number, total, paid, status in db.session.execute(
        select(Invoice.id, Invoice.number, Invoice.total, Invoice.paid, Invoice.status)
    ):
        owed = rules.owed(from_db(total), from_db(paid), status)
        balance = from_db(ledger.pop(invoice_id, 0))
        total_ledger += balance
        total_open += owed
        if balance != owed and len(problems) < 20:
            problems.append(f"{number}: ledger {balance}, invoice owes {owed}")
    for invoice_id, balance in ledger.items():
        total_ledger += from_db(balance)
        if invoice_id is None and from_db(balance) != 0:
            problems.append(f"receivables without an invoice: {from_db(balance)}")
    return Check(
        "receivables equal open invoice balances",
        not problems and total_ledger == total_open,
        f"ledger {total_ledger} open invoices {total_open}",
        problems,
    )


def payments_match_allocations() -> Check:
    applied = dict(
        db.session.execute(
            select(Allocation.invoice_id, func.sum(Allocation.amount)).group_by(Allocation.invoice_id)
        ).all()
    )
    problems = []
    for number, invoice_id, paid in db.session.execute(select(Invoice.number, Invoice.id, Invoice.paid)):
        if from_db(paid) != from_db(applied.get(invoice_id)) and len(problems) < 20:
            problems.append(f"{number}: paid {from_db(paid)}, applied {from_db(applied.get(invoice_id))}")
    return Check("invoice payments equal their allocations", not problems, "", problems)


def remittance_payable_per_month() -> Check:
    """Each month's accrued state-capital income = rate × that month's base (received net revenue,
    adjustments posted into the month included), rounded once."""
    base_column = {"net": Allocation.net, "gross": Allocation.amount}
    accrued = dict(
        db.session.execute(
            select(JournalLine.period, func.sum(JournalLine.credit - JournalLine.debit))
            .join(JournalEntry, JournalEntry.id == JournalLine.entry_id)
            .where(JournalLine.account == "remittance_payable", JournalEntry.kind == "accrual")
            .group_by(JournalLine.period)
        ).all()
    )
    months = set(accrued) | set(db.session.scalars(select(Allocation.period).group_by(Allocation.period)))
    problems = []
    for month in sorted(months):
        rate, base = periods.rate_and_base(month)
        received = db.session.scalar(
            select(func.coalesce(func.sum(base_column[base]), 0)).where(Allocation.period == month)
        )
        due = quantize(rate * from_db(received))
        if from_db(accrued.get(month)) != due:
            problems.append(f"{month}: accrued {from_db(accrued.get(month))}, {rate} × {from_db(received)} = {due}")
    return Check(
        "remittance payable = rate × revenue received, per month", not problems, f"{len(months)} months", problems
    )


def closed_months_unchanged() -> Check:
    """Nothing was posted into a closed month after it closed, and its postings still add up to
    what they did at closing (entries and debits counted then)."""
    digest = dict(
        (period, (count, from_db(debits)))
        for period, count, debits in db.session.execute(
            select(JournalLine.period, func.count(func.distinct(JournalLine.entry_id)), func.sum(JournalLine.debit))
            .join(Period, Period.month == JournalLine.period)
            .where(Period.status == "closed")
            .group_by(JournalLine.period)
        )
    )
    problems = []
    posted_late = dict(
        db.session.execute(
            select(JournalEntry.period, func.count())
            .join(Period, Period.month == JournalEntry.period)
            .where(Period.status == "closed", JournalEntry.created_at > Period.closed_at)
            .group_by(JournalEntry.period)
        ).all()
    )
    for row in db.session.scalars(select(Period).where(Period.status == "closed").order_by(Period.month)):
        late = posted_late.get(row.month)
        if late:
            problems.append(f"{row.month}: {late} entries posted after closing")
        frozen = row.closing_figures or {}
        now = digest.get(row.month, (0, ZERO))
        if "journal_entries" in frozen and (frozen["journal_entries"], frozen["journal_debits"]) != (
            now[0],
            str(now[1]),
        ):
            problems.append(f"{row.month}: postings changed since closing")
    return Check("closed months never change", not problems, "", problems)


def month_digest(month: str) -> dict:
    count, debits = db.session.execute(
        select(func.count(func.distinct(JournalLine.entry_id)), func.coalesce(func.sum(JournalLine.debit), 0)).where(
            JournalLine.period == month
        )
    ).one()
    return {"journal_entries": count, "journal_debits": str(from_db(debits))}


def unidentified_receipts_match_queue() -> Check:
    imported_statements = select(BankStatement.id).where(BankStatement.status == "imported")
    ledger = from_db(
        db.session.scalar(
            select(func.coalesce(func.sum(JournalLine.credit - JournalLine.debit), 0)).where(
                JournalLine.account == "unapplied_receipts"
            )
        )
    )
    queued = from_db(
        db.session.scalar(
            select(func.coalesce(func.sum(StatementLine.amount), 0)).where(
                StatementLine.status == "unmatched", StatementLine.statement_id.in_(imported_statements)
            )
        )
    )
    return Check(
        "unidentified receipts equal the unmatched queue",
        ledger == queued,
        f"ledger {ledger} queue {queued}",
        [] if ledger == queued else [f"ledger {ledger} != queue {queued}"],
    )


def credits_not_negative() -> Check:
    negative = db.session.execute(
        select(JournalLine.organisation_id, func.sum(JournalLine.credit - JournalLine.debit))
        .where(JournalLine.account == "customer_credit")
        .group_by(JournalLine.organisation_id)
        .having(func.round(func.sum(JournalLine.credit - JournalLine.debit), 2) < 0)
    ).all()
    return Check(
        "no customer credit below zero", not negative, "", [f"organisation {o}: {from_db(b)}" for o, b in negative]
    )


def refunds_match_payments() -> Check:
    """Each payment's refunded amount is the sum of its refunds, and never more than the payment."""
    sums = select(Refund.payment_id, func.sum(Refund.amount).label("total")).group_by(Refund.payment_id).subquery()
    rows = db.session.execute(
        select(Payment.id, Payment.reference, Payment.amount, Payment.refunded, sums.c.total)
        .outerjoin(sums, sums.c.payment_id == Payment.id)
        .where(or_(Payment.refunded != 0, sums.c.total.is_not(None)))
    ).all()
    problems = []
    for payment_id, reference, amount, refunded, total in rows:
        amount, refunded, total = from_db(amount), from_db(refunded), from_db(total)
        if refunded != total:
            problems.append(f"payment {payment_id} ({reference}): refunded {refunded}, refunds add up to {total}")
        if max(refunded, total) > amount:
            problems.append(f"payment {payment_id} ({reference}): {max(refunded, total)} refunded of {amount}")
    return Check("refunds add up and never exceed the payment", not problems, f"{len(rows)} refunded", problems[:20])


CHECKS = [
    debits_equal_credits,
    receivables_match_invoices,
    payments_match_allocations,
    remittance_payable_per_month,
    unidentified_receipts_match_queue,
    credits_not_negative,
    closed_months_unchanged,
    refunds_match_payments,
]


def register(check):
    """Add a check of a package above finance (pricing's one agreement per negotiation) to `finance
    check`, without finance importing it: the package registers its check when it is imported."""
    if check not in CHECKS:
        CHECKS.append(check)
    return check


def run_checks() -> list[Check]:
    return [check() for check in CHECKS]


def ledger_figures(month: str) -> dict:
    """The month's headline figures read from account balances alone (the month report computes
    them from its own queries; a test holds the two, the page and the CSV to the cent)."""

    def balance(account, kinds=None, side="net"):
        query = (
            select(func.coalesce(func.sum(JournalLine.debit), 0), func.coalesce(func.sum(JournalLine.credit), 0))
            .join(JournalEntry, JournalEntry.id == JournalLine.entry_id)
            .where(JournalLine.period == month, JournalLine.account == account)
        )
        if kinds:
            query = query.where(JournalEntry.kind.in_(kinds))
        debit, credit = (from_db(v) for v in db.session.execute(query).one())
        return debit if side == "debit" else credit if side == "credit" else credit - debit

    remitted = db.session.scalar(
        select(func.coalesce(func.sum(JournalLine.debit), 0))
        .join(Remittance, Remittance.entry_id == JournalLine.entry_id)
        .where(Remittance.for_period == month, JournalLine.account == "remittance_payable")
    )
    outstanding = db.session.scalar(
        select(func.coalesce(func.sum(JournalLine.debit - JournalLine.credit), 0)).where(
            JournalLine.account == "receivables", JournalLine.period <= month
        )
    )
    due = balance("remittance_payable", ("accrual",))
    return {
        "net_revenue": balance("revenue"),
        "vat": balance("vat_payable"),
        "received_bank": balance("bank", ("receipt", "payment"), "debit"),
        "received_card": balance("stripe_clearing", ("payment",), "debit"),
        "remittance_due": due,
        "remitted": from_db(remitted),
        "remittance_difference": due - from_db(remitted),
        "receivables_outstanding": from_db(outstanding),
    }
