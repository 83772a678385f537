"""Invoices: issued when an agreement is made (pricing asks, finance.services.invoices issues), numbered
per year without gaps (INV-2026-000042), posted to the journal, voided but never deleted. What an
invoice still owes and its paid status follow from the money applied to it (finance.money_rules)."""

from datetime import date, timedelta
from decimal import Decimal
from functools import cache

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, select, update
from sqlalchemy.orm.attributes import set_committed_value

from core import audit, writes
from core.errors import Conflict, Forbidden, NotFound
from core.extensions import db
from core.money import quantize, split_vat
from core.paging import page_of_query
from core.sequences import next_number, provisional
from core.timeutil import to_display, utcnow
from core.writes import insert_now
from finance.ledger import cr, dr, post
from finance.models import Invoice, JournalEntry
from finance.periods import Posting, locked_posting, today
from finance.states import INVOICE
from marketplace.services import access
from marketplace.services.validation import Fields

NOT_FOUND = _l("No such invoice.")
READERS = ("operator", "admin", "finance")


def issue_invoice(actor, agreement, description: str) -> Invoice:
    """Inside the caller's transaction: the number is taken from a locked counter row, so
    concurrent agreements queue for it and none is skipped or repeated."""
    return record_invoice(actor, prepare_invoice(agreement, description))


def prepare_invoice(agreement, description: str, buyer=None) -> Invoice:
    """The invoice of an agreement's price (net, VAT, due date), not yet in the session and without
    its number; nothing is read or written. record_invoice() numbers, writes and posts it. buyer:
    the agreement's enterprise (its id, name_zh and code) when known to the caller, else
    agreement.consumer."""
    rate = Decimal(current_app.config["VAT_RATE"])
    total = quantize(agreement.price)
    net, vat = split_vat(total, rate)
    now = utcnow()
    consumer = agreement.consumer if buyer is None else buyer
    return Invoice(
        year=now.year,
        agreement=agreement,
        seller_id=agreement.operator_id,
        buyer_id=consumer.id,
        buyer_name=consumer.name_zh,
        buyer_credit_code=consumer.code,
        lines=[{"description": description, "quantity": 1, "unit_price": str(total), "amount": str(total)}],
        net=net,
        vat=vat,
        total=total,
        vat_rate=rate,
        paid=Decimal("0.00"),
        net_received=Decimal("0.00"),
        issued_at=now,
        # the due date is a Shanghai calendar day, counted from the Shanghai day of issue
        due_on=(to_display(now) + timedelta(days=int(current_app.config.get("INVOICE_DUE_DAYS", 30)))).date(),
        status="issued",
    )


def record_invoice(actor, invoice: Invoice) -> Invoice:
    """A prepared invoice takes its number from the locked INV counter (held until the transaction
    ends: gapless), is written and posted to the journal in the caller's transaction, and audited."""
    invoice.number = next_number("INV", invoice.year)
    db.session.add(invoice)
    db.session.flush()
    post_invoice_issued(invoice, actor, issued_posting(invoice))  # the month in share mode, as an accept's
    audit.record(actor, "invoice.issued", "invoice", invoice.number, after=_issued(invoice))
    return invoice


def write_invoice(invoice: Invoice) -> Invoice:
    """record_invoice()'s row, written now and before its number: one INSERT (core.writes, no
    flush; its agreement written before) under a provisional number (core.sequences.provisional),
    which number_invoice() replaces in this same transaction. So a caller can write it before it
    takes the INV counter, which it then holds for the numbering alone."""
    invoice.number = provisional()
    return insert_now(invoice)


def number_invoice(actor, invoice: Invoice, number: str, posting: Posting | None = None) -> dict:
    """A written invoice (write_invoice) given its number (drawn by the caller from the INV
    counter, held to the commit: gapless) by one UPDATE, then posted to the journal (whose memo and
    source name the number; posting: its month, found and locked by the caller beforehand).
    Returns its audit entry's row (core.audit.entry), for the caller to write with its others."""
    writes.execute(_set_number(), {"row": invoice.id, "new_number": number})
    set_committed_value(invoice, "number", number)
    post_invoice_issued(invoice, actor, posting)
    return audit.entry(actor, "invoice.issued", "invoice", invoice.number, after=_issued(invoice))


@cache
def _set_number():
    invoices = Invoice.__table__
    return update(invoices).where(invoices.c.id == bindparam("row")).values(number=bindparam("new_number"))


def issued_posting(invoice: Invoice) -> Posting:
    """Where the invoice's journal entry goes, the month's row locked in share mode (invoices
    issued at once do not queue for it; a closing waits for them): periods.locked_posting."""
    return locked_posting(_issued_on(invoice), share=True)


def _issued_on(invoice: Invoice) -> date:
    return to_display(invoice.issued_at).date()


def _issued(invoice: Invoice) -> dict:
    return {
        "total": str(invoice.total),
        "net": str(invoice.net),
        "vat": str(invoice.vat),
        "buyer": invoice.buyer_credit_code,
    }


def status_of(invoice: Invoice) -> str:
    """The status shown: overdue is read from the due date, never stored."""
    if invoice.status in ("issued", "partially_paid") and invoice.due_on < to_display(utcnow()).date():
        return "overdue"
    return invoice.status


def visible_invoice(viewer, number: str) -> Invoice:
    access.signed_in(viewer)
    invoice = db.session.scalar(select(Invoice).where(Invoice.number == (number or "")[:24]))
    if invoice is None:
        raise NotFound(NOT_FOUND)
    if viewer.role in READERS or (viewer.role == "consumer" and invoice.buyer_id == viewer.organisation_id):
        return invoice
    raise NotFound(NOT_FOUND)


def invoices_for(viewer, page: int, per_page: int) -> tuple[list[Invoice], int]:
    access.signed_in(viewer)
    query = select(Invoice)
    if viewer.role == "consumer":
        query = query.where(Invoice.buyer_id == viewer.organisation_id)
    elif viewer.role not in READERS:
        raise Forbidden(_l("Your role may not do this."))
    return page_of_query(query, page, per_page, Invoice.id.desc())


def void_invoice(actor, number: str, data) -> Invoice:
    invoice = access.lock(visible_invoice(actor, number))
    INVOICE.check("void", status_of(invoice), actor.role)
    f = Fields(data)
    reason = f.text("reason", max_length=2000)
    f.done()
    before = {"status": invoice.status}
    post_invoice_voided(invoice, today(), actor)
    invoice.status, invoice.void_reason, invoice.voided_at = "void", reason, utcnow()
    audit.record(
        actor, "invoice.voided", "invoice", invoice.number, before=before, after={"status": "void", "reason": reason}
    )
    db.session.flush()
    return invoice


# --- the ledger side of invoices -------------------------------------------------------------


def post_invoice_issued(invoice: Invoice, actor=None, posting: Posting | None = None) -> JournalEntry:
    return post(
        "invoice",
        _issued_on(invoice),
        [
            dr("receivables", invoice.total, invoice_id=invoice.id, organisation_id=invoice.buyer_id),
            cr("revenue", invoice.net, invoice_id=invoice.id),
            cr("vat_payable", invoice.vat, invoice_id=invoice.id),
        ],
        memo=f"{invoice.number} {invoice.buyer_name}",
        source=("invoice", invoice.number),
        actor=actor,
        posting=posting,
    )


def post_invoice_voided(invoice: Invoice, on: date, actor=None) -> JournalEntry:
    """A void reverses the whole invoice; only an invoice with nothing paid can be voided."""
    if Decimal(invoice.paid) != 0:
        raise Conflict(_l("Refund the payments on this invoice before voiding it."))
    return post(
        "void",
        on,
        [
            dr("revenue", invoice.net, invoice_id=invoice.id),
            dr("vat_payable", invoice.vat, invoice_id=invoice.id),
            cr("receivables", invoice.total, invoice_id=invoice.id, organisation_id=invoice.buyer_id),
        ],
        memo=f"{invoice.number} {invoice.buyer_name}",
        source=("invoice", invoice.number),
        actor=actor,
    )
