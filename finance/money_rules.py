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
