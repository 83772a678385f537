"""The month report of the reconciliation workspace, read from the journal and its sub-ledgers.

Every figure here is a sum over journal lines or allocations of one posting month, so a closed
month's report never changes; the page, its CSV and the API all render month_report()."""

from collections import defaultdict
from datetime import date
from decimal import ROUND_DOWN, Decimal

from flask import current_app
from sqlalchemy import and_, func, select

from accounts.models import Organisation
from catalog.models import Category, Department
from core.extensions import db
from core.money import from_db, quantize, to_fen
from core.paging import page_of_query
from core.timeutil import to_display
from finance import periods
from finance.ledger import ZERO
from finance.models import Invoice, JournalEntry, JournalLine, Period, RevenueCeiling
from finance.services import payments, remittances
from marketplace.models import Agreement, listing_categories

AGING = (("0-30", 0, 30), ("31-60", 31, 60), ("61-90", 61, 90), ("90+", 91, None))


def _account_sums(month_filter) -> dict:
    """{(account, kind, channel): (debit, credit)} over the lines matching month_filter."""
    rows = db.session.execute(
        select(
            JournalLine.account,
            JournalEntry.kind,
            JournalLine.channel,
            func.sum(JournalLine.debit),
            func.sum(JournalLine.credit),
        )
        .join(JournalEntry, JournalEntry.id == JournalLine.entry_id)
        .where(month_filter)
        .group_by(JournalLine.account, JournalEntry.kind, JournalLine.channel)
    ).all()
    return {(a, k, c): (from_db(d), from_db(cr)) for a, k, c, d, cr in rows}


def _sum(sums, account, kinds=None, side="net", channel=None) -> Decimal:
    total = ZERO
    for (a, k, c), (debit, credit) in sums.items():
        if a != account or (kinds and k not in kinds) or (channel and c != channel):
            continue
        total += debit if side == "debit" else credit if side == "credit" else credit - debit
    return total


def month_figures(month: str) -> dict:
    """The month's totals (strings, to the cent): what closing freezes and what finance check,
    the page and the CSV must agree on."""
    sums = _account_sums(JournalLine.period == month)
    rate, base = periods.rate_and_base(month)
    remittance = remittances.remittance_status(month)
    issued = db.session.execute(
        select(func.count(), func.coalesce(func.sum(JournalLine.debit), 0))
        .join(JournalEntry, JournalEntry.id == JournalLine.entry_id)
        .where(JournalLine.period == month, JournalEntry.kind == "invoice", JournalLine.account == "receivables")
    ).one()
    voided = _sum(sums, "receivables", ("void",), "credit")
    figures = {
        "invoices_issued": issued[0],
        "invoiced_total": from_db(issued[1]),
        "voided_total": voided,
        "net_revenue": _sum(sums, "revenue"),
        "vat": _sum(sums, "vat_payable"),
        "received_bank": _sum(sums, "bank", ("receipt", "payment"), "debit"),
        "received_card": _sum(sums, "stripe_clearing", ("payment",), "debit"),
        "refunded": _sum(sums, "bank", ("refund",), "credit") + _sum(sums, "stripe_clearing", ("refund",), "credit"),
        "card_fees": -_sum(sums, "stripe_fees"),
        "applied_to_invoices": _sum(sums, "receivables", ("receipt", "payment", "refund")),
        "customer_credit_added": _sum(sums, "customer_credit"),
        "unidentified_receipts": _sum(sums, "unapplied_receipts"),
        "remittance_rate": str(rate),
        "remittance_base": base,
        "remittance_base_amount": payments.remittance_base(month),
        "remittance_due": remittance["due"],
        "remitted": remittance["remitted"],
        "remittance_difference": remittance["difference"],
        "receivables_outstanding": receivables_through(month),
    }
    return {k: (str(v) if isinstance(v, Decimal) else v) for k, v in figures.items()}


def receivables_through(month: str) -> Decimal:
    total = db.session.scalar(
        select(func.coalesce(func.sum(JournalLine.debit - JournalLine.credit), 0)).where(
            JournalLine.account == "receivables", JournalLine.period <= month
        )
    )
    return from_db(total)


def as_of(month: str) -> date:
    """The day a month's balances are read on: its last day, or today for the running month."""
    return min(periods.last_day(month), periods.today())


def aging(month: str) -> dict:
    """Open receivables at the report date, by the age of the invoice, with the overdue part."""
    day = as_of(month)
    balance = func.sum(JournalLine.debit - JournalLine.credit)
    rows = db.session.execute(
        select(Invoice.id, Invoice.number, Invoice.buyer_name, Invoice.issued_at, Invoice.due_on, balance)
        .join(JournalLine, and_(JournalLine.invoice_id == Invoice.id, JournalLine.account == "receivables"))
        .where(JournalLine.period <= month)
        .group_by(Invoice.id, Invoice.number, Invoice.buyer_name, Invoice.issued_at, Invoice.due_on)
        .having(func.round(balance, 2) != 0)
    ).all()
    buckets = {name: {"bucket": name, "count": 0, "outstanding": ZERO, "overdue": ZERO} for name, _, _ in AGING}
    for _id, _number, _buyer, issued_at, due_on, amount in rows:
        age = (day - to_display(issued_at).date()).days
        name = next(n for n, low, high in AGING if high is None or age <= high)
        bucket = buckets[name]
        bucket["count"] += 1
        bucket["outstanding"] += from_db(amount)
        if due_on < day:
            bucket["overdue"] += from_db(amount)
    items = list(buckets.values())
    return {
        "as_of": day,
        "buckets": items,
        "outstanding": sum((b["outstanding"] for b in items), ZERO),
        "overdue": sum((b["overdue"] for b in items), ZERO),
    }


def by_department(month: str) -> list[dict]:
    """The month's net revenue attributed to the departments providing the data: each invoice's
    revenue split equally over the categories of its listing, to the cent (largest remainder)."""
    revenue = db.session.execute(
        select(JournalLine.invoice_id, func.sum(JournalLine.credit - JournalLine.debit))
        .where(JournalLine.period == month, JournalLine.account == "revenue", JournalLine.invoice_id.is_not(None))
        .group_by(JournalLine.invoice_id)
    ).all()
    amounts = {invoice_id: from_db(amount) for invoice_id, amount in revenue if from_db(amount) != 0}
    departments: dict[int, list] = defaultdict(list)
    if amounts:
        rows = db.session.execute(
            select(Invoice.id, Category.department_id)
            .join(Agreement, Agreement.id == Invoice.agreement_id)
            .join(listing_categories, listing_categories.c.listing_id == Agreement.listing_id)
            .join(Category, Category.id == listing_categories.c.category_id)
            .where(Invoice.id.in_(list(amounts)))
            .order_by(Invoice.id, Category.code)
        ).all()
        for invoice_id, department_id in rows:
            departments[invoice_id].append(department_id)
    totals: dict[int | None, Decimal] = defaultdict(Decimal)
    for invoice_id, amount in amounts.items():
        for department_id, share in zip(
            departments.get(invoice_id) or [None],
            split(amount, len(departments.get(invoice_id) or [None])),
            strict=True,
        ):
            totals[department_id] += share
    names = {d.id: d for d in db.session.scalars(select(Department).where(Department.id.in_(list(totals))))}
    result = [
        {
            "department_id": department_id,
            "code": names[department_id].code if department_id in names else "",
            "name_zh": names[department_id].name_zh if department_id in names else "",
            "name_en": names[department_id].name_en if department_id in names else "",
            "net_revenue": amount,
        }
        for department_id, amount in totals.items()
    ]
    return sorted(result, key=lambda r: (-r["net_revenue"], r["code"]))


def split(amount: Decimal, parts: int) -> list[Decimal]:
    """amount in parts that differ by at most a cent and add up exactly."""
    cents = to_fen(amount)
    sign = -1 if cents < 0 else 1
    base, extra = divmod(abs(cents), parts)
    return [Decimal(sign * (base + (1 if i < extra else 0))) / 100 for i in range(parts)]


def ceiling_for(year: int) -> tuple[Decimal, str]:
    row = db.session.get(RevenueCeiling, year)
    if row is None:
        return quantize(Decimal(current_app.config["PERMITTED_REVENUE"])), ""
    return quantize(Decimal(row.amount)), row.approval_ref


def year_to_date(month: str) -> dict:
    year = month[:4]
    revenue = from_db(
        db.session.scalar(
            select(func.coalesce(func.sum(JournalLine.credit - JournalLine.debit), 0)).where(
                JournalLine.account == "revenue", JournalLine.period >= f"{year}-01", JournalLine.period <= month
            )
        )
    )
    ceiling, reference = ceiling_for(int(year))
    used = (revenue / ceiling * 100).quantize(Decimal("0.1"), rounding=ROUND_DOWN) if ceiling else Decimal("0")
    return {
        "year": int(year),
        "net_revenue": revenue,
        "ceiling": ceiling,
        "approval_ref": reference,
        "remaining": ceiling - revenue,
        "percent_used": used,
        "exceeded": revenue > ceiling,
    }


def series(month: str, count: int = 12) -> list[dict]:
    """The last count months: net revenue, remittance due and remitted (for the charts)."""
    months = periods.months_back(month, count)
    revenue = dict(
        db.session.execute(
            select(JournalLine.period, func.sum(JournalLine.credit - JournalLine.debit))
            .where(JournalLine.account == "revenue", JournalLine.period.in_(months))
            .group_by(JournalLine.period)
        ).all()
    )
    remittance = remittances.remittance_by_month(months)
    return [
        {
            "month": m,
            "net_revenue": from_db(revenue.get(m)),
            "remittance_due": remittance[m]["due"],
            "remitted": remittance[m]["remitted"],
        }
        for m in months
    ]


def adjustments(month: str) -> list[dict]:
    entries = db.session.scalars(
        select(JournalEntry)
        .where(JournalEntry.period == month, JournalEntry.is_adjustment.is_(True))
        .order_by(JournalEntry.id)
    ).all()
    result = []
    for entry in entries:
        amount = sum((Decimal(line.debit) for line in entry.lines), ZERO)
        result.append(
            {
                "entry_id": entry.id,
                "occurred_on": entry.occurred_on,
                "kind": entry.kind,
                "memo": entry.memo,
                "note": str(periods.adjustment_note(entry.occurred_on, entry.period)),
                "amount": quantize(amount),
            }
        )
    return result


def unsettled_remittances(month: str) -> list[dict]:
    """Earlier months whose remittance is not yet settled (due ≠ remitted)."""
    return [
        {"month": m, **status}
        for m, status in remittances.remittance_by_month(before=month).items()
        if status["difference"] != 0
    ]


def month_report(month: str) -> dict:
    row = db.session.get(Period, month)
    return {
        "month": month,
        "status": row.status if row else "open",
        "closed_at": row.closed_at if row else None,
        "figures": month_figures(month),
        "aging": aging(month),
        "departments": by_department(month),
        "year_to_date": year_to_date(month),
        "series": series(month),
        "adjustments": adjustments(month),
        "unsettled_remittances": unsettled_remittances(month),
    }


def journal(month: str, page: int, per_page: int) -> tuple[list[JournalEntry], int]:
    query = select(JournalEntry).where(JournalEntry.period == month)
    return page_of_query(query, page, per_page, JournalEntry.id.desc())


def customer_credits() -> list[dict]:
    balance = func.sum(JournalLine.credit - JournalLine.debit)
    rows = db.session.execute(
        select(Organisation.id, Organisation.code, Organisation.name_zh, balance)
        .join(JournalLine, JournalLine.organisation_id == Organisation.id)
        .where(JournalLine.account == "customer_credit")
        .group_by(Organisation.id, Organisation.code, Organisation.name_zh)
        .having(func.round(balance, 2) != 0)
        .order_by(Organisation.code)
    ).all()
    return [{"organisation_id": i, "code": c, "name": n, "credit": from_db(b)} for i, c, n, b in rows]
