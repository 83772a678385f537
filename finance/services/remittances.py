"""State-capital income (上缴国有资本收益): each month's due and the transfers finance records against
it. (Closing a month, which reads the month report, is finance.services.closing.)"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from core import audit, locks
from core.errors import ValidationError
from core.extensions import db
from core.money import from_db
from core.paging import page_of_query
from finance import periods
from finance.ledger import cr, dr, post
from finance.models import JournalEntry, JournalLine, Remittance
from finance.services import FINANCE
from marketplace.services import access
from marketplace.services.validation import Fields


def record_remittance(actor, data) -> Remittance:
    """A transfer to the treasury against one month's due; the difference stays visible until settled."""
    access.require_role(actor, *FINANCE)
    locks.take_write_lock()  # the reference is checked unused below, then used
    f = Fields(data)
    month = f.text("month", max_length=7)
    amount = f.money("amount", required=True, allow_zero=False)
    paid_on = f.date("paid_on")
    reference = f.text("reference", max_length=120)
    note = f.text("note", required=False, max_length=2000)
    if month and "month" not in f.errors:
        if periods.parse_month(month) is None:
            f.fail("month", _l("A month such as 2026-10."))
        elif month > periods.month_of(periods.today()):
            f.fail("month", _l("Income cannot be remitted for a month that has not begun."))
    if paid_on is not None and paid_on > periods.today():
        f.fail("paid_on", _l("Cannot be in the future."))
    if reference and db.session.scalar(select(Remittance.id).where(Remittance.reference == reference)):
        f.fail("reference", _l("A transfer with this reference is already recorded."))
    f.done()
    remittance = Remittance(
        for_period=month, amount=amount, paid_on=paid_on, reference=reference, note=note, recorded_by_id=actor.id
    )
    db.session.add(remittance)
    db.session.flush()
    entry = post(
        "remittance",
        paid_on,
        [dr("remittance_payable", amount), cr("bank", amount, channel="bank")],
        memo=f"{month} · {reference}",
        source=("remittance", remittance.id),
        actor=actor,
    )
    remittance.entry_id = entry.id
    audit.record(
        actor,
        "remittance.recorded",
        "remittance",
        remittance.id,
        after={"month": month, "amount": str(amount), "paid_on": paid_on.isoformat(), "reference": reference},
    )
    db.session.flush()
    return remittance


def remittances(actor, page: int, per_page: int, month: str | None = None) -> tuple[list[Remittance], int]:
    access.require_role(actor, *FINANCE)
    query = select(Remittance)
    if month:
        query = query.where(Remittance.for_period == month)
    return page_of_query(query, page, per_page, Remittance.paid_on.desc(), Remittance.id.desc())


def remittance_by_month(months: list[str] | None = None, before: str | None = None) -> dict[str, dict]:
    """{month: {"due", "remitted", "difference"}} for the given months, or for every month before
    `before` that has an accrual or a transfer: two grouped queries however many months."""
    accrued = (
        select(JournalLine.period, func.sum(JournalLine.credit - JournalLine.debit))
        .join(JournalEntry, JournalEntry.id == JournalLine.entry_id)
        .where(JournalLine.account == "remittance_payable", JournalEntry.kind == "accrual")
        .group_by(JournalLine.period)
    )
    remitted = select(Remittance.for_period, func.sum(Remittance.amount)).group_by(Remittance.for_period)
    if months is not None:
        accrued = accrued.where(JournalLine.period.in_(months))
        remitted = remitted.where(Remittance.for_period.in_(months))
    if before is not None:
        accrued = accrued.where(JournalLine.period < before)
        remitted = remitted.where(Remittance.for_period < before)
    due_by, remitted_by = dict(db.session.execute(accrued).all()), dict(db.session.execute(remitted).all())
    result = {}
    for month in sorted(months if months is not None else set(due_by) | set(remitted_by)):
        due, paid = from_db(due_by.get(month)), from_db(remitted_by.get(month))
        result[month] = {"due": due, "remitted": paid, "difference": due - paid}
    return result


def remittance_status(month: str) -> dict:
    return remittance_by_month([month])[month]


def validate_month(month: str) -> str:
    if periods.parse_month(month or "") is None:
        raise ValidationError(_l("Check the highlighted fields."), {"month": [_l("A month such as 2026-10.")]})
    return month
