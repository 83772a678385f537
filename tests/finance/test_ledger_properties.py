"""Property: whatever finance does, in whatever order — invoices, payments by bank and card, bank
statements, refunds, voids, remittances, month closings — `finance check` holds after every step."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from core.errors import Conflict, ValidationError
from core.extensions import db
from finance import periods
from finance.models import Invoice, Payment, StatementLine
from finance.services import checks, closing, payments, remittances, statements
from finance.services.invoices import void_invoice
from tests.finance.conftest import open_books

pytestmark = pytest.mark.ledger  # 1,500 steps: CI runs it as a step of its own (.ci/run)

STEPS = 500  # per example; three examples make 1,500 steps
CENT = Decimal("0.01")
ACTIONS = ("invoice", "pay", "pay", "statement", "refund", "void", "remit", "close", "match")


def _assert_books_balance(step, action):
    failed = [(c.name, c.problems[:3]) for c in checks.run_checks() if not c.ok]
    assert not failed, f"after step {step} ({action}): {failed}"


def pick(data, options, step, label=None):
    """One of options. The index is rotated by the step so that Hypothesis's first, simplest
    example (every draw zero) is a round-robin walk through every action rather than one action
    repeated; the later examples are random."""
    return options[(data.draw(st.integers(0, len(options) - 1), label=label) + step) % len(options)]


@settings(
    max_examples=3,
    deadline=None,
    database=None,
    phases=[Phase.generate],  # each example builds fresh books; a failing run is reported, not shrunk
    suppress_health_check=list(HealthCheck),
)
@given(data=st.data())
def test_finance_check_holds_after_every_step_of_a_random_sequence(database_url, workdir, app, data):
    with open_books(database_url, workdir, "fin_properties", seed_catalog=False) as books, books.app.app_context():
        finance = books.user(books.finance_id)
        buyers = [books.buyer(f"成都性质测试{i}号企业有限公司") for i in range(4)]
        today = periods.today()
        first_day = date(today.year - 1, 1, 1)
        counts = dict.fromkeys(ACTIONS, 0)
        numbers = []
        for step in range(STEPS):
            action = pick(data, ACTIONS, step, label=f"step {step}")
            invoice = (
                db.session.scalar(select(Invoice).where(Invoice.number == pick(data, numbers, step)))
                if numbers
                else None
            )
            day = first_day + timedelta(
                days=(data.draw(st.integers(0, 700)) + step * 7) % ((today - first_day).days + 1)
            )
            try:
                if action == "invoice" or invoice is None:
                    buyer = pick(data, buyers, step)
                    cents = data.draw(st.integers(1, 5_000_000)) + step
                    numbers.append(books.invoice(buyer, str(Decimal(cents) / 100)))
                    action = "invoice"
                elif action == "pay":
                    owed = Decimal(invoice.total) - Decimal(invoice.paid)
                    share = pick(data, ("exact", "part", "over"), step)
                    amount = owed if share == "exact" else (owed / 3).quantize(CENT) if share == "part" else owed + 50
                    channel = pick(data, ("bank", "stripe"), step)
                    fee = (amount * Decimal("0.006")).quantize(CENT) if channel == "stripe" else Decimal(0)
                    if amount > 0:
                        payments.receive(channel, amount, day, f"P-{step}", invoice=invoice, fee=fee, actor=finance)
                        db.session.commit()
                elif action == "statement":
                    rows = ["交易日期,交易金额,对方户名,对方账号,附言"]
                    for i in range(data.draw(st.integers(1, 4))):
                        invoice = db.session.scalar(
                            select(Invoice).where(Invoice.number == pick(data, numbers, step + i))
                        )
                        how = pick(data, ("remark", "payer", "unknown"), step + i)
                        owed = max(Decimal(invoice.total) - Decimal(invoice.paid), CENT)
                        amount = pick(data, (owed, (owed / 2).quantize(CENT) or CENT, owed + 10), step + i)
                        payer = invoice.buyer_name if how != "unknown" else "不明付款人"
                        remark = invoice.number if how == "remark" else f"款项{step}-{i}"
                        rows.append(f"{day.isoformat()},{amount},{payer},62{step:08d},{remark}")
                    statements.import_statement(finance, f"s{step}.csv", "\n".join(rows).encode())
                elif action == "refund":
                    paid = db.session.scalars(select(Payment).where(Payment.amount > Payment.refunded)).all()
                    if paid:
                        payment = pick(data, paid, step)
                        left = Decimal(payment.amount) - Decimal(payment.refunded)
                        amount = pick(data, (left, (left / 2).quantize(CENT) or left), step)
                        on = max(day, payment.received_on)
                        payments.refund(payment, amount, on, f"R-{step}", "退款", finance)
                        db.session.commit()
                elif action == "void":
                    void_invoice(finance, invoice.number, {"reason": "开票有误"})
                elif action == "remit":
                    month = periods.month_of(day)
                    due = remittances.remittance_status(month)["difference"]
                    amount = pick(data, (due, (due / 2).quantize(CENT), Decimal("100.00")), step)
                    if amount > 0:
                        remittances.record_remittance(
                            finance,
                            {
                                "month": month,
                                "amount": str(amount),
                                "paid_on": day.isoformat(),
                                "reference": f"GK-{step}",
                            },
                        )
                elif action == "close":
                    locked = periods.locked_through()
                    month = periods.next_month(locked) if locked else periods.month_of(first_day)
                    closing.close_month(finance, month)
                elif action == "match":
                    waiting = db.session.scalars(select(StatementLine).where(StatementLine.status == "unmatched")).all()
                    if waiting:
                        line = pick(data, waiting, step)
                        statements.match_line(finance, line.id, invoice.number)
            except (Conflict, ValidationError):
                db.session.rollback()  # refused as a user would be (a paid invoice voided, a month not ended…)
            else:
                db.session.commit()  # each step is a unit of work and the test its edge (services flush)
            counts[action] += 1
            _assert_books_balance(step, action)
        assert all(counts[a] >= 20 for a in ACTIONS), counts
