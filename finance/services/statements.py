"""Bank transfers (对公转账): statements imported, lines matched to open invoices, the rest queued.

Matching is set-based SQL over the whole statement (a million lines import in seconds): first the
invoice number found in the remark (附言), then payer name and exact amount owed, pairing the k-th
such line with the k-th such invoice by due date. The money arithmetic of the matched lines (partial
payments, overpayments kept as the customer's credit, the VAT-excluded part) is then one pass in
Python with the money module, and everything is written back in bulk. Re-importing a statement,
or a line already imported from another statement, changes nothing: each line has a fingerprint."""

import hashlib
from collections import defaultdict
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from core import audit
from core.errors import Conflict, NotFound, ValidationError
from core.extensions import db
from core.timeutil import utcnow
from finance import periods
from finance.bank_csv import StatementError, find_invoice_number, parse
from finance.ledger import ZERO, Line, post
from finance.models import Allocation, BankStatement, Payment, StatementLine
from finance.services import payments
from marketplace.services import access
from pricing.models import Invoice
from pricing.money import quantize

FINANCE = ("finance", "admin")
OPEN = ("issued", "partially_paid")
CHUNK = 20000


def _insert_ignoring_duplicates():
    dialect = db.session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    return module.insert(StatementLine).on_conflict_do_nothing(index_elements=["fingerprint"])


def import_statement(actor, filename: str, raw: bytes) -> tuple[BankStatement, bool]:
    """(statement, duplicate): the same file twice returns the first import and changes nothing."""
    access.require_role(actor, *FINANCE)
    if not raw:
        raise ValidationError(_l("Check the highlighted fields."), {"file": [_l("Choose a statement file.")]})
    digest = hashlib.sha256(raw).hexdigest()
    earlier = db.session.scalar(select(BankStatement).where(BankStatement.sha256 == digest))
    if earlier is not None:
        return earlier, True
    try:
        lines, encoding = parse(raw)
    except StatementError as exc:
        raise ValidationError(_l("The statement cannot be imported."), {"file": exc.messages}) from None
    statement = BankStatement(
        filename=(filename or "statement.csv")[:255],
        sha256=digest,
        encoding=encoding,
        line_count=len(lines),
        uploaded_by_id=actor.id,
    )
    db.session.add(statement)
    db.session.flush()
    period_of = {}
    for line in lines:
        month = (line.booked_on.year, line.booked_on.month)
        if month not in period_of:
            period_of[month] = periods.posting_for(line.booked_on).period
    statement_id, insert_lines = statement.id, _insert_ignoring_duplicates()
    for start in range(0, len(lines), CHUNK):
        db.session.execute(
            insert_lines,
            [
                {
                    "statement_id": statement_id,
                    "line_no": x.line_no,
                    "fingerprint": x.fingerprint,
                    "booked_on": x.booked_on,
                    "amount": x.amount,
                    "payer_name": x.payer_name,
                    "payer_account": x.payer_account,
                    "remark": x.remark,
                    "invoice_ref": x.invoice_ref,
                    "status": "new",
                    "period": period_of[(x.booked_on.year, x.booked_on.month)],
                    "applied": ZERO,
                    "credited": ZERO,
                    "matched_by": "",
                }
                for x in lines[start : start + CHUNK]
            ],
        )
    statement.new_lines = db.session.scalar(
        select(func.count()).select_from(StatementLine).where(StatementLine.statement_id == statement_id)
    )
    statement.summary = reconcile(statement, actor)
    audit.record(
        actor,
        "statement.imported",
        "bank_statement",
        statement.id,
        after={
            "file": statement.filename,
            "lines": statement.line_count,
            "new": statement.new_lines,
            **statement.summary,
        },
    )
    db.session.commit()
    return statement, False


def _match_by_remark(statement_id: int) -> None:
    number = (
        select(Invoice.id).where(Invoice.number == StatementLine.invoice_ref).correlate(StatementLine).scalar_subquery()
    )
    db.session.execute(
        update(StatementLine)
        .where(
            StatementLine.statement_id == statement_id,
            StatementLine.status == "new",
            StatementLine.invoice_ref.is_not(None),
        )
        .values(invoice_id=number, matched_by="remark")
        .execution_options(synchronize_session=False)
    )
    # a number that names no invoice is no match at all
    db.session.execute(
        update(StatementLine)
        .where(
            StatementLine.statement_id == statement_id,
            StatementLine.matched_by == "remark",
            StatementLine.invoice_id.is_(None),
        )
        .values(matched_by="")
        .execution_options(synchronize_session=False)
    )


def _match_by_payer_and_amount(statement_id: int) -> None:
    """The k-th line from a payer for an amount pays the k-th open invoice of that buyer owing
    exactly that amount (oldest due first); invoices the remarks already named are left out."""
    owed = func.round(Invoice.total - Invoice.paid, 2)
    # correlate(None): these read statement_lines as a table of their own, not the row being updated
    named = (
        select(StatementLine.invoice_id)
        .where(StatementLine.statement_id == statement_id, StatementLine.invoice_id.is_not(None))
        .correlate(None)
    )
    lines = (
        select(
            StatementLine.id.label("line_id"),
            StatementLine.payer_name,
            StatementLine.amount,
            func.row_number()
            .over(
                partition_by=(StatementLine.payer_name, StatementLine.amount),
                order_by=(StatementLine.booked_on, StatementLine.id),
            )
            .label("rank"),
        )
        .where(
            StatementLine.statement_id == statement_id,
            StatementLine.status == "new",
            StatementLine.invoice_id.is_(None),
            StatementLine.amount > 0,
            StatementLine.payer_name != "",
        )
        .correlate(None)
        .subquery()
    )
    invoices = (
        select(
            Invoice.id.label("invoice_id"),
            Invoice.buyer_name,
            owed.label("owed"),
            func.row_number()
            .over(partition_by=(Invoice.buyer_name, owed), order_by=(Invoice.due_on, Invoice.id))
            .label("rank"),
        )
        .where(Invoice.status.in_(OPEN), Invoice.id.not_in(named))
        .subquery()
    )
    pairs = (
        select(lines.c.line_id, invoices.c.invoice_id)
        .join(
            invoices,
            and_(
                invoices.c.buyer_name == lines.c.payer_name,
                invoices.c.owed == lines.c.amount,
                invoices.c.rank == lines.c.rank,
            ),
        )
        .subquery()
    )
    db.session.execute(
        update(StatementLine)
        .where(StatementLine.id == pairs.c.line_id)
        .values(invoice_id=pairs.c.invoice_id, matched_by="payer_amount")
        .execution_options(synchronize_session=False)
    )


def _locked_invoices(ids: list[int]) -> dict[int, Invoice]:
    found = {}
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        rows = db.session.execute(
            select(
                Invoice.id,
                Invoice.number,
                Invoice.buyer_id,
                Invoice.total,
                Invoice.net,
                Invoice.paid,
                Invoice.net_received,
                Invoice.status,
            )
            .where(Invoice.id.in_(chunk))
            .with_for_update()
        ).all()
        for row in rows:
            found[row.id] = _InvoiceState(row)
    return found


class _InvoiceState:
    """The few figures of an invoice the matching pass changes, without loading 100,000 ORM objects."""

    def __init__(self, row):
        self.id, self.number, self.buyer_id, self.status = row.id, row.number, row.buyer_id, row.status
        self.total, self.net = quantize(Decimal(str(row.total))), quantize(Decimal(str(row.net)))
        self.paid, self.net_received = quantize(Decimal(str(row.paid))), quantize(Decimal(str(row.net_received)))
        self.changed = False


def reconcile(statement: BankStatement, actor) -> dict:
    sid = statement.id
    db.session.execute(
        update(StatementLine)
        .where(StatementLine.statement_id == sid, StatementLine.amount < 0)
        .values(status="outgoing")
        .execution_options(synchronize_session=False)
    )
    _match_by_remark(sid)
    _match_by_payer_and_amount(sid)
    matched = db.session.execute(
        select(
            StatementLine.id,
            StatementLine.invoice_id,
            StatementLine.amount,
            StatementLine.booked_on,
            StatementLine.period,
            StatementLine.payer_name,
            StatementLine.payer_account,
            StatementLine.matched_by,
        )
        .where(StatementLine.statement_id == sid, StatementLine.invoice_id.is_not(None))
        .order_by(StatementLine.invoice_id, StatementLine.booked_on, StatementLine.id)
    ).all()
    invoices = _locked_invoices(sorted({m.invoice_id for m in matched}))
    now = utcnow()
    payment_rows, allocation_rows, line_updates = [], [], []
    for m in matched:
        invoice = invoices[m.invoice_id]
        amount = quantize(Decimal(str(m.amount)))
        owed = ZERO if invoice.status == "void" else max(invoice.total - invoice.paid, ZERO)
        applied = min(amount, owed)
        credited = amount - applied
        if applied:
            after = invoice.paid + applied
            net_after = invoice.net if after >= invoice.total else quantize(after * invoice.net / invoice.total)
            net = net_after - invoice.net_received
            invoice.paid, invoice.net_received, invoice.changed = after, net_after, True
            allocation_rows.append(
                {
                    "line_id": m.id,
                    "invoice_id": invoice.id,
                    "key": (m.period, periods.month_of(m.booked_on)),
                    "amount": applied,
                    "net": net,
                }
            )
        status = "over" if credited else ("partial" if invoice.paid < invoice.total else "matched")
        line_updates.append({"id": m.id, "status": status, "applied": applied, "credited": credited, "matched_at": now})
        payment_rows.append(
            {
                "channel": "bank",
                "reference": f"BANK-{m.id}",
                "organisation_id": invoice.buyer_id,
                "invoice_id": invoice.id,
                "amount": amount,
                "applied": applied,
                "credited": credited,
                "fee": ZERO,
                "refunded": ZERO,
                "credit_refunded": ZERO,
                "received_on": m.booked_on,
                "payer_name": m.payer_name,
                "payer_account": m.payer_account,
                "matched_by": m.matched_by,
                "statement_line_id": m.id,
                "created_at": now,
            }
        )
    payment_ids = {}
    for start in range(0, len(payment_rows), CHUNK):
        returned = db.session.execute(
            insert(Payment).returning(Payment.id, Payment.statement_line_id, sort_by_parameter_order=True),
            payment_rows[start : start + CHUNK],
        )
        payment_ids.update({line_id: pid for pid, line_id in returned})
    for start in range(0, len(line_updates), CHUNK):
        db.session.execute(update(StatementLine), line_updates[start : start + CHUNK])
    db.session.execute(
        update(StatementLine)
        .where(StatementLine.statement_id == sid, StatementLine.status == "new")
        .values(status="unmatched")
        .execution_options(synchronize_session=False)
    )
    changed = [
        {"id": i.id, "paid": i.paid, "net_received": i.net_received, "status": _status(i)}
        for i in invoices.values()
        if i.changed
    ]
    for start in range(0, len(changed), CHUNK):
        db.session.execute(update(Invoice), changed[start : start + CHUNK])
    entries = _post_receipts(statement, invoices, actor)
    for start in range(0, len(allocation_rows), CHUNK):
        db.session.execute(
            insert(Allocation),
            [
                {
                    "invoice_id": a["invoice_id"],
                    "payment_id": payment_ids[a["line_id"]],
                    "period": a["key"][0],
                    "kind": "payment",
                    "amount": a["amount"],
                    "net": a["net"],
                    "vat": a["amount"] - a["net"],
                    "entry_id": entries[a["key"]].id,
                    "created_at": now,
                }
                for a in allocation_rows[start : start + CHUNK]
            ],
        )
    for (period, _month), entry in sorted(entries.items()):
        payments.true_up_remittance(period, entry.occurred_on, actor)
    db.session.expire_all()
    return statement_summary(sid)


def _status(invoice: _InvoiceState) -> str:
    if invoice.status == "void":
        return "void"
    return "paid" if invoice.paid >= invoice.total else "partially_paid" if invoice.paid > 0 else "issued"


def _post_receipts(statement: BankStatement, invoices: dict, actor) -> dict:
    """One journal entry per posting month for the whole statement: the bank is debited with
    everything received; receivables credited per invoice, credit per customer, the unmatched rest
    held as unidentified receipts until someone matches it by hand."""
    rows = db.session.execute(
        select(
            StatementLine.period,
            StatementLine.booked_on,
            StatementLine.invoice_id,
            func.sum(StatementLine.amount),
            func.sum(StatementLine.applied),
            func.sum(StatementLine.credited),
        )
        .where(StatementLine.statement_id == statement.id, StatementLine.status != "outgoing")
        .group_by(StatementLine.period, StatementLine.booked_on, StatementLine.invoice_id)
    ).all()
    # one entry per posting month and month of the money: lines dated in a closed month are an
    # adjustment of their own, with the note saying where they came from
    groups = defaultdict(lambda: defaultdict(lambda: [ZERO, ZERO, ZERO]))
    last_day = {}
    for period, booked_on, invoice_id, amount, applied, credited in rows:
        key = (period, periods.month_of(booked_on))
        sums = groups[key][invoice_id]
        for i, value in enumerate((amount, applied, credited)):
            sums[i] += quantize(Decimal(str(value)))
        last_day[key] = max(booked_on, last_day.get(key, booked_on))
    entries = {}
    for key, by_invoice in sorted(groups.items()):
        lines, credit_by_org = [], defaultdict(Decimal)
        for invoice_id, (amount, applied, credited) in by_invoice.items():
            lines.append(Line("bank", debit=amount, channel="bank"))
            if invoice_id is None:
                lines.append(Line("unapplied_receipts", credit=amount))
                continue
            buyer = invoices[invoice_id].buyer_id
            lines.append(Line("receivables", credit=applied, invoice_id=invoice_id, organisation_id=buyer))
            credit_by_org[buyer] += credited
        lines += [Line("customer_credit", credit=c, organisation_id=o) for o, c in credit_by_org.items() if c]
        bank_total = sum(line.debit for line in lines)
        lines = [Line("bank", debit=bank_total, channel="bank")] + [x for x in lines if x.account != "bank"]
        entry = post(
            "receipt",
            last_day[key],
            lines,
            memo=f"bank statement {statement.id} {statement.filename}",
            source=("bank_statement", statement.id),
            actor=actor,
        )
        entries[key] = entry
    return entries


def statement_summary(statement_id: int) -> dict:
    rows = db.session.execute(
        select(
            StatementLine.status,
            func.count(),
            func.coalesce(func.sum(StatementLine.amount), 0),
            func.coalesce(func.sum(StatementLine.applied), 0),
            func.coalesce(func.sum(StatementLine.credited), 0),
        )
        .where(StatementLine.statement_id == statement_id)
        .group_by(StatementLine.status)
    ).all()
    summary = {"lines": {}, "amount": {}, "applied": "0.00", "credited": "0.00"}
    applied = credited = ZERO
    for status, count, amount, line_applied, line_credited in rows:
        summary["lines"][status] = count
        summary["amount"][status] = str(quantize(Decimal(str(amount))))
        applied += quantize(Decimal(str(line_applied)))
        credited += quantize(Decimal(str(line_credited)))
    summary["applied"], summary["credited"] = str(applied), str(credited)
    return summary


def match_line(actor, line_id, invoice_number: str) -> StatementLine:
    """Finance matches a queued line by hand: the money leaves unidentified receipts for the
    invoice (and, beyond what it owes, the customer's credit)."""
    access.require_role(actor, *FINANCE)
    line = access.load_for_update(StatementLine, line_id, _l("No such statement line."))
    if line.status != "unmatched":
        raise Conflict(_l("Only an unmatched line can be matched by hand."))
    number = find_invoice_number(invoice_number or "") or (invoice_number or "").strip()[:24]
    invoice = db.session.scalar(select(Invoice).where(Invoice.number == number))
    if invoice is None:
        raise ValidationError(_l("Check the highlighted fields."), {"invoice_number": [_l("No such invoice.")]})
    if invoice.status == "void":
        raise ValidationError(_l("Check the highlighted fields."), {"invoice_number": [_l("That invoice is void.")]})
    payment = payments.receive(
        "bank",
        Decimal(line.amount),
        line.booked_on,
        f"BANK-{line.id}",
        invoice=invoice,
        payer_name=line.payer_name,
        payer_account=line.payer_account,
        matched_by="manual",
        statement_line_id=line.id,
        cash_account="unapplied_receipts",
        actor=actor,
    )
    db.session.refresh(invoice)
    line.invoice_id = invoice.id
    line.applied, line.credited = payment.applied, payment.credited
    line.status = "over" if payment.credited else ("partial" if invoice.status == "partially_paid" else "matched")
    line.matched_by, line.matched_at, line.matched_by_user_id = "manual", utcnow(), actor.id
    audit.record(
        actor,
        "statement.line_matched",
        "statement_line",
        line.id,
        before={"status": "unmatched"},
        after={"status": line.status, "invoice": invoice.number, "applied": str(payment.applied)},
    )
    db.session.commit()
    return line


def queue(actor, page: int, per_page: int, status: str = "unmatched") -> tuple[list[StatementLine], int]:
    access.require_role(actor, *FINANCE)
    query = select(StatementLine).where(StatementLine.status == status)
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    rows = db.session.scalars(
        query.order_by(StatementLine.booked_on, StatementLine.id).offset((page - 1) * per_page).limit(per_page)
    ).all()
    return list(rows), total


def statements(actor, page: int, per_page: int) -> tuple[list[BankStatement], int]:
    access.require_role(actor, *FINANCE)
    total = db.session.scalar(select(func.count()).select_from(BankStatement))
    rows = db.session.scalars(
        select(BankStatement).order_by(BankStatement.id.desc()).offset((page - 1) * per_page).limit(per_page)
    ).all()
    return list(rows), total


def load_statement(actor, statement_id) -> BankStatement:
    access.require_role(actor, *FINANCE)
    try:
        statement = db.session.get(BankStatement, int(statement_id))
    except (TypeError, ValueError):
        statement = None
    if statement is None:
        raise NotFound(_l("No such statement."))
    return statement
