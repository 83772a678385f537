"""Money in and out of a customer's account: payments applied, refunds, and the state-capital income
accrued on what was received. What a payment or refund does to an invoice is finance.money_rules'
(the statement import applies the same rules to many lines at once); invoices are issued and voided
by finance.services.invoices.

Cash basis for the remittance: each month's due is rate × the VAT-excluded part of the money
applied to invoices in that month (or of the whole amount when the base is "gross")."""

from datetime import date
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from core import audit
from core.errors import Conflict
from core.extensions import db
from core.money import from_db, quantize
from core.paging import page_of_query
from finance import money_rules as rules
from finance import periods
from finance.ledger import CASH, ZERO, cr, dr, post, receipt_lines
from finance.models import Allocation, Invoice, JournalEntry, JournalLine, Payment, Refund
from finance.services import FINANCE
from marketplace.services import access
from marketplace.services.validation import Fields


def remaining(invoice: Invoice) -> Decimal:
    """What the invoice still owes (finance.money_rules.owed)."""
    return rules.owed(invoice.total, invoice.paid, invoice.status)


def allocate(invoice: Invoice, amount: Decimal, period: str, kind: str, payment=None, entry=None) -> Allocation:
    """Apply amount (negative: take back) to invoice and record the VAT-excluded part."""
    change = rules.allocate(invoice.total, invoice.net, invoice.paid, invoice.net_received, invoice.status, amount)
    invoice.paid, invoice.net_received, invoice.status = change.paid, change.net_received, change.status
    allocation = Allocation(
        invoice_id=invoice.id,
        payment_id=getattr(payment, "id", None),
        period=period,
        kind=kind,
        amount=change.amount,
        net=change.net,
        vat=change.vat,
        entry_id=getattr(entry, "id", None),
    )
    db.session.add(allocation)
    return allocation


# --- receipts ---------------------------------------------------------------------------------


def receive(
    channel: str,
    amount: Decimal,
    on: date,
    reference: str,
    invoice: Invoice | None = None,
    organisation_id: int | None = None,
    fee: Decimal = ZERO,
    payer_name: str = "",
    payer_account: str = "",
    matched_by: str = "",
    statement_line_id: int | None = None,
    cash_account: str | None = None,
    actor=None,
) -> Payment:
    """Money received through channel: applied to invoice up to what it still owes, the rest kept
    as the customer's credit. cash_account is where the money sits now (a bank line first matched
    by hand was posted to unidentified receipts when it was imported)."""
    amount = quantize(amount)
    if invoice is not None:
        invoice = access.lock(invoice)
        organisation_id = invoice.buyer_id
    if invoice is not None:
        applied = rules.receive(
            invoice.total, invoice.net, invoice.paid, invoice.net_received, invoice.status, amount
        ).applied
    else:
        applied = ZERO
    credited = amount - applied
    payment = Payment(
        channel=channel,
        reference=reference[:120],
        organisation_id=organisation_id,
        invoice_id=getattr(invoice, "id", None),
        amount=amount,
        applied=applied,
        credited=credited,
        fee=quantize(fee),
        received_on=on,
        payer_name=payer_name[:200],
        payer_account=payer_account[:64],
        matched_by=matched_by,
        statement_line_id=statement_line_id,
    )
    db.session.add(payment)
    db.session.flush()
    cash = cash_account or CASH[channel]
    lines = receipt_lines(cash, channel, [(payment.invoice_id, organisation_id, amount, applied, credited)])
    if fee:
        lines += [dr("stripe_fees", fee, channel=channel), cr(CASH[channel], fee, channel=channel)]
    memo = f"{channel} {reference}" + (f" → {invoice.number}" if invoice is not None else "")
    entry = post("payment", on, lines, memo=memo, source=("payment", payment.id), actor=actor)
    if applied:
        allocate(invoice, applied, entry.period, "payment", payment, entry)
        true_up_remittance(entry.period, on)
    return payment


def record_fee(payment: Payment, fee: Decimal, on: date, actor=None) -> JournalEntry | None:
    """A processing fee learnt after the payment (Stripe reports it on the balance transaction)."""
    delta = quantize(fee) - Decimal(payment.fee)
    if delta == 0:
        return None
    payment.fee = quantize(fee)
    cash = CASH[payment.channel]
    return post(
        "fee",
        on,
        [dr("stripe_fees", delta, channel=payment.channel), cr(cash, delta, channel=payment.channel)],
        memo=payment.reference,
        source=("payment", payment.id),
        actor=actor,
    )


def refund(payment: Payment, amount: Decimal, on: date, reference: str, reason: str = "", actor=None) -> Refund:
    """Money given back: first out of the customer's credit on this payment, then out of what it
    paid on its invoice, which is owed again."""
    payment = access.lock(payment)
    amount = quantize(amount)
    refundable = Decimal(payment.amount) - Decimal(payment.refunded)
    if amount <= 0 or amount > refundable:
        raise Conflict(_l("At most %(amount)s of this payment can be refunded.", amount=str(refundable)))
    credit_left = Decimal(payment.credited) - Decimal(payment.credit_refunded)
    from_credit = min(amount, credit_left)
    from_invoice = amount - from_credit
    invoice = None
    if from_invoice:
        invoice = access.lock(db.session.get(Invoice, payment.invoice_id))
    record = Refund(
        payment_id=payment.id,
        reference=reference[:120],
        amount=amount,
        refunded_on=on,
        reason=reason,
        created_by_id=getattr(actor, "id", None),
    )
    db.session.add(record)
    db.session.flush()
    payment.refunded = Decimal(payment.refunded) + amount
    payment.credit_refunded = Decimal(payment.credit_refunded) + from_credit
    org = payment.organisation_id
    lines = [cr(CASH[payment.channel], amount, channel=payment.channel)]
    if from_credit:
        lines.append(dr("customer_credit" if org else "unapplied_receipts", from_credit, organisation_id=org))
    if from_invoice:
        lines.append(dr("receivables", from_invoice, invoice_id=invoice.id, organisation_id=org))
    entry = post(
        "refund", on, lines, memo=f"{reference} ← {payment.reference}", source=("refund", record.id), actor=actor
    )
    if from_invoice:
        allocate(invoice, -from_invoice, entry.period, "refund", payment, entry)
        true_up_remittance(entry.period, on)
    return record


# --- the remittance accrual -------------------------------------------------------------------


def remittance_base(month: str) -> Decimal:
    _, base = periods.rate_and_base(month)
    column = Allocation.net if base == "net" else Allocation.amount
    total = db.session.scalar(select(func.coalesce(func.sum(column), 0)).where(Allocation.period == month))
    return from_db(total)


def remittance_accrued(month: str) -> Decimal:
    # By the account's index (the payable's lines are few): SQLite otherwise chose the period's and
    # walked every line of the month (a bank statement's month holds hundreds of thousands), once
    # per true-up. "|| ''" keeps the same test while making the period index unusable for it.
    total = db.session.scalar(
        select(func.coalesce(func.sum(JournalLine.credit - JournalLine.debit), 0))
        .join(JournalEntry, JournalEntry.id == JournalLine.entry_id)
        .where(
            JournalLine.account == "remittance_payable",
            (JournalLine.period + "") == month,
            JournalEntry.kind == "accrual",
        )
    )
    return from_db(total)


def remittance_due_for(month: str, base: Decimal | None = None) -> Decimal:
    rate, _ = periods.rate_and_base(month)
    return quantize(rate * (remittance_base(month) if base is None else base))


def true_up_remittance(month: str, on: date, actor=None, base: Decimal | None = None) -> JournalEntry | None:
    """Bring the month's accrued state-capital income to exactly rate × base (rounded once for the
    month, so the month's total is never off by the sum of per-payment roundings). base: the
    month's remittance_base, if the caller keeps it (a bank statement's import, chunk after chunk);
    else summed here."""
    delta = remittance_due_for(month, base) - remittance_accrued(month)
    if delta == 0:
        return None
    entry = post(
        "accrual",
        on,
        [dr("remitted", delta), cr("remittance_payable", delta)],
        memo=month,
        source=("period", month),
        actor=actor,
    )
    if entry.period != month:
        raise RuntimeError(f"accrual for {month} landed in {entry.period}")
    return entry


def load_payment(payment_id) -> Payment:
    return access.load(Payment, payment_id, _l("No such payment."))


# --- what finance staff do by hand ---------------------------------------------------------------


def record_refund(actor, payment_id, data) -> Refund:
    """Finance records money sent back to a customer (a bank refund, or a card refund made outside
    the webhook): out of the customer's credit first, then reopening the invoice."""
    access.require_role(actor, *FINANCE)
    payment = access.lock(load_payment(payment_id))
    f = Fields(data)
    amount = f.money("amount", required=True, allow_zero=False)
    refunded_on = f.date("refunded_on")
    reference = f.text("reference", max_length=120)
    reason = f.text("reason", required=False, max_length=2000)
    if refunded_on is not None and (refunded_on > periods.today() or refunded_on < payment.received_on):
        f.fail("refunded_on", _l("Between the payment date and today."))
    refundable = Decimal(payment.amount) - Decimal(payment.refunded)
    if amount is not None and amount > refundable:
        f.fail("amount", _l("At most %(amount)s can be refunded.", amount=str(refundable)))
    if reference and db.session.scalar(select(Refund.id).where(Refund.reference == reference)):
        f.fail("reference", _l("A refund with this reference is already recorded."))
    elif reference and payment.channel == "stripe" and not reference.startswith("re_"):
        # the webhook records the same refund under Stripe's id; any other reference would count it twice
        f.fail("reference", _l("For a card payment, give Stripe's refund id (re_…)."))
    f.done()
    record = refund(payment, amount, refunded_on, reference, reason, actor)
    audit.record(
        actor,
        "payment.refunded",
        "payment",
        payment.id,
        after={"amount": str(amount), "reference": reference, "on": refunded_on.isoformat()},
    )
    db.session.flush()
    return record


def payments_list(actor, page: int, per_page: int, channel: str | None = None) -> tuple[list[Payment], int]:
    access.require_role(actor, *FINANCE)
    query = select(Payment)
    if channel:
        query = query.where(Payment.channel == channel)
    return page_of_query(query, page, per_page, Payment.id.desc())
