"""The money rules of an invoice, as pure functions of its figures (Decimal, 2 places; no database,
no ORM): what it still owes, the VAT-excluded part of what was paid, its status, what a payment or
a refund does to it, and the outcome of the bank line that paid it.

Every path that moves money on an invoice calls these and nothing else: a payment or refund one at
a time (finance.services.payments: a card payment from the Stripe webhook, a bank line matched by
hand, a refund) and a bank statement's thousands of lines at once (finance.services.statements).
The rounding and the VAT split of a total are core.money's."""

from decimal import Decimal
from typing import NamedTuple

from core.money import quantize

ZERO = Decimal("0.00")
OPEN = ("issued", "partially_paid")  # the stored statuses that may still be paid (overdue is shown, never stored)


def owed(total, paid, status: str) -> Decimal:
    """What an invoice still owes: its total less what was applied to it; nothing when void."""
    if status == "void":
        return ZERO
    return max(Decimal(total) - Decimal(paid), ZERO)


def net_part(total, net, cumulative) -> Decimal:
    """The VAT-excluded part of the money applied to an invoice so far: exact when it is fully
    paid, so the parts of several partial payments always add up to the invoice's net."""
    total, cumulative = Decimal(total), Decimal(cumulative)
    if cumulative >= total:
        return Decimal(net)
    if cumulative <= 0:
        return ZERO
    return quantize(cumulative * Decimal(net) / total)


def invoice_status(status: str, total, paid) -> str:
    """The stored status that follows from what was paid (a void invoice stays void)."""
    if status == "void":
        return "void"
    paid = Decimal(paid)
    return "paid" if paid >= Decimal(total) else "partially_paid" if paid > 0 else "issued"


class Change(NamedTuple):
    """Money applied to (or, negative, taken back from) an invoice: the allocation's amount and
    its VAT-excluded part and VAT, and the invoice's figures afterwards."""

    amount: Decimal
    net: Decimal
    vat: Decimal
    paid: Decimal
    net_received: Decimal
    status: str


def allocate(total, net, paid, net_received, status: str, amount) -> Change:
    """Apply amount (negative: take back) to an invoice whose figures are given."""
    amount = quantize(amount)
    after = Decimal(paid) + amount
    net_after = net_part(total, net, after)
    part = net_after - Decimal(net_received)
    return Change(amount, part, amount - part, after, net_after, invoice_status(status, total, after))


class Receipt(NamedTuple):
    """Money received for an invoice: applied up to what it owes, the rest kept as the customer's
    credit; change is what the applied part does to the invoice (None when nothing is applied)."""

    amount: Decimal
    applied: Decimal
    credited: Decimal
    change: Change | None


def receive(total, net, paid, net_received, status: str, amount) -> Receipt:
    amount = quantize(amount)
    applied = min(amount, owed(total, paid, status))
    change = allocate(total, net, paid, net_received, status, applied) if applied else None
    return Receipt(amount, applied, amount - applied, change)


def line_status(credited, paid, total) -> str:
    """A matched bank line's outcome once its money is applied: over (part of it kept as credit),
    partial (the invoice still owes) or matched."""
    if Decimal(credited) > 0:
        return "over"
    return "partial" if Decimal(paid) < Decimal(total) else "matched"


# --- the same rules in integer cents (分), for a bank statement's tens of thousands of lines ----------
# receive() and line_status() above, with every figure an int of cents: no Decimal built per line.
# Equal to them for every input (tests/finance/test_one_money_path.py checks it over random figures):
# the one division, net_part's, is rounded half up from the exact quotient, which the Decimal rule
# matches whenever its 28-digit quotient cannot straddle a half cent — certainly while net × total <
# 10**26 cents²; beyond that (invoices of hundreds of billions) the Decimal rule itself is used.
EXACT_CENTS_BELOW = 10**26


def net_part_cents(total: int, net: int, cumulative: int) -> int:
    """net_part in cents."""
    if cumulative >= total:
        return net
    if cumulative <= 0:
        return 0
    if net * total >= EXACT_CENTS_BELOW or net < 0:
        return int(net_part(Decimal(total).scaleb(-2), Decimal(net).scaleb(-2), Decimal(cumulative).scaleb(-2)) * 100)
    return (2 * cumulative * net + total) // (2 * total)


class ChangeCents(NamedTuple):
    """Change in cents."""

    amount: int
    net: int
    vat: int
    paid: int
    net_received: int
    status: str


def receive_cents(total: int, net: int, paid: int, net_received: int, status: str, amount: int):
    """receive() in cents: (amount, applied, credited, change), change a ChangeCents or None."""
    applied = min(amount, 0 if status == "void" else max(total - paid, 0))
    if not applied:
        return amount, applied, amount - applied, None
    after = paid + applied
    net_after = net_part_cents(total, net, after)
    part = net_after - net_received
    if status == "void":
        after_status = "void"
    else:
        after_status = "paid" if after >= total else "partially_paid" if after > 0 else "issued"
    return amount, applied, amount - applied, ChangeCents(applied, part, applied - part, after, net_after, after_status)


def line_status_cents(credited: int, paid: int, total: int) -> str:
    """line_status in cents."""
    if credited > 0:
        return "over"
    return "partial" if paid < total else "matched"
