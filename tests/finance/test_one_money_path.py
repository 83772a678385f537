"""One payment, three ways in, the same books: money matched by hand from the unidentified-receipts
queue, a bank statement line naming the invoice (the bulk import), and a card payment reported by
Stripe's webhook all apply money through finance.money_rules. Each path gets fresh, identical books
(the same invoices on a database of its own); the books they leave — journal balances per account,
invoice and customer, allocations with their VAT-excluded parts, invoices' paid amounts and
statuses, payments, customer credit, the month's accrual — compare equal once normalised (the cash
account is the bank's or Stripe's; the hand-matched money passes through unidentified receipts).

Also the rules themselves: the parts of partial payments add up to the invoice's net, and the
statuses follow from the money."""

import time
from collections import defaultdict
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from accounts.models import Organisation
from core.extensions import db
from core.money import from_db, split_vat, to_fen
from finance import money_rules as rules
from finance import periods
from finance.models import Allocation, Invoice, JournalLine, Payment, StatementLine
from finance.services import checks, reports, statements
from tests.factories import bearer, token_for
from tests.finance.conftest import open_books
from tests.finance.stripe_fake import API_KEY, WEBHOOK_SECRET, FakeStripe, sign

# (invoice total, money received): exactly what it owes, half of it, and more than it owes
CASES = (("1060.00", "1060.00"), ("2120.00", "1000.00"), ("530.00", "600.00"))
BUYERS = ("成都一元数据科技有限公司", "成都二元信息技术有限公司", "成都三元征信有限公司")
UNKNOWN_PAYER = "某某个人"  # a line finance has to match by hand


@pytest.fixture(scope="module")
def fake():
    server = FakeStripe().start()
    yield server
    server.stop()


def _invoices(books) -> list[tuple]:
    """The same invoices on each set of books: (buyer user, invoice number) per case."""
    made = []
    for name, (total, _amount) in zip(BUYERS, CASES, strict=True):
        buyer = books.buyer(name)
        made.append((buyer, books.invoice(buyer, total)))
    return made


def _statement(rows) -> bytes:
    lines = ["交易日期,交易金额,对方户名,对方账号,附言", *(",".join(r) for r in rows)]
    return ("\r\n".join(lines) + "\r\n").encode()


def pay_by_statement(books, made, fake, client):
    today = periods.today().isoformat()
    raw = _statement(
        (today, amount, name, "6222000011112222", f"{number} 数据服务费")
        for (buyer, number), (name, (_total, amount)) in zip(made, zip(BUYERS, CASES, strict=True), strict=True)
    )
    statement, duplicate = statements.import_statement(books.user(books.finance_id), "statement.csv", raw)
    assert not duplicate and statement.summary["lines"].get("unmatched", 0) == 0, statement.summary
    db.session.commit()  # the test is the edge of its unit of work (services flush)


def pay_by_hand(books, made, fake, client):
    """The lines name no invoice and come from an unknown payer: queued, then matched by finance."""
    today = periods.today().isoformat()
    raw = _statement((today, amount, UNKNOWN_PAYER, "6222000099990000", "货款") for _total, amount in CASES)
    finance = books.user(books.finance_id)
    statement, _ = statements.import_statement(finance, "statement.csv", raw)
    assert statement.summary["lines"] == {"unmatched": len(CASES)}, statement.summary
    queued = db.session.scalars(
        select(StatementLine).where(StatementLine.statement_id == statement.id).order_by(StatementLine.line_no)
    ).all()
    for line, (_buyer, number) in zip(queued, made, strict=True):
        statements.match_line(finance, line.id, number)
    db.session.commit()  # the test is the edge of its unit of work (services flush)


def pay_by_card(books, made, fake, client):
    """The buyer checks out, pays at Stripe (which reports the amount received), Stripe calls the webhook."""
    for (buyer, number), (_total, amount) in zip(made, CASES, strict=True):
        headers = bearer(token_for(buyer))
        db.session.commit()
        session = client.post(f"/api/v1/invoices/{number}/checkout", headers=headers)
        assert session.status_code == 201, session.json
        intent = fake.complete(session.json["id"], fee=0, at=int(time.time()))
        with fake._lock:  # what the customer's card actually paid
            fake.intents[intent["id"]]["amount_received"] = to_fen(Decimal(amount))
        payload = fake.event("payment_intent.succeeded", fake.intents[intent["id"]])
        answer = client.post(
            "/webhooks/stripe",
            data=payload,
            headers={"Stripe-Signature": sign(payload)},
            content_type="application/json",
        )
        assert answer.status_code == 200, answer.json
    db.session.rollback()


CASH = {"bank": "cash", "stripe_clearing": "cash"}


def books_dump() -> dict:
    """The books as plain, comparable values: ids replaced by invoice numbers and customer names."""
    db.session.rollback()
    number = dict(db.session.execute(select(Invoice.id, Invoice.number)).all())
    name = dict(db.session.execute(select(Organisation.id, Organisation.name_zh)).all())
    balances = defaultdict(Decimal)
    for account, period, invoice_id, organisation_id, debit, credit in db.session.execute(
        select(
            JournalLine.account,
            JournalLine.period,
            JournalLine.invoice_id,
            JournalLine.organisation_id,
            JournalLine.debit,
            JournalLine.credit,
        )
    ):
        key = (CASH.get(account, account), period, number.get(invoice_id), name.get(organisation_id))
        balances[key] += from_db(debit) - from_db(credit)
    return {
        "journal": sorted((k, v) for k, v in balances.items() if v != 0),
        "allocations": sorted(
            (number[a.invoice_id], a.period, a.kind, from_db(a.amount), from_db(a.net), from_db(a.vat))
            for a in db.session.scalars(select(Allocation))
        ),
        "invoices": sorted(
            (i.number, from_db(i.total), from_db(i.paid), from_db(i.net_received), i.status)
            for i in db.session.scalars(select(Invoice))
        ),
        "payments": sorted(
            (number.get(p.invoice_id), name.get(p.organisation_id), *(from_db(x) for x in (p.amount, p.applied)))
            + (from_db(p.credited), from_db(p.fee), from_db(p.refunded))
            for p in db.session.scalars(select(Payment))
        ),
        "customer_credit": [(c["name"], c["credit"]) for c in reports.customer_credits()],
        "failed_checks": [c.name for c in checks.run_checks() if not c.ok],
        "lines": sorted(
            (number.get(x.invoice_id), x.status, from_db(x.applied), from_db(x.credited))
            for x in db.session.scalars(select(StatementLine))
        ),
    }


def test_the_same_payments_through_each_path_leave_the_same_books(database_url, workdir, app, fake):
    dumps = {}
    for path, pay in (("statement", pay_by_statement), ("manual", pay_by_hand), ("card", pay_by_card)):
        config = {"STRIPE_API_KEY": API_KEY, "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET, "STRIPE_API_BASE": fake.url}
        with open_books(database_url, workdir, f"one_path_{path}", **config) as books, books.app.app_context():
            made = _invoices(books)
            pay(books, made, fake, books.app.test_client())
            dumps[path] = books_dump()
            db.session.remove()
    statement, manual, card = dumps["statement"], dumps["manual"], dumps["card"]
    assert statement["failed_checks"] == [], statement["failed_checks"]
    # what the payments did, read straight from the statement path's books
    assert [i[2:] for i in statement["invoices"]] == [
        (Decimal("1060.00"), Decimal("1000.00"), "paid"),
        (Decimal("1000.00"), Decimal("943.40"), "partially_paid"),
        (Decimal("530.00"), Decimal("500.00"), "paid"),
    ]
    assert statement["customer_credit"] == [(BUYERS[2], Decimal("70.00"))]
    assert sorted(x[1] for x in statement["lines"]) == ["matched", "over", "partial"]
    for other in (manual, card):
        for part in ("journal", "allocations", "invoices", "payments", "customer_credit", "failed_checks"):
            assert other[part] == statement[part], (part, other[part], statement[part])
    assert manual["lines"] == statement["lines"]  # the line's outcome, by hand or in bulk


# --- the rules themselves ---------------------------------------------------------------------------


@pytest.mark.parametrize("total", ["0.03", "1.00", "1060.00", "99999.99", "12345678.91"])
def test_the_parts_of_partial_payments_add_up_to_the_net(total):
    total = Decimal(total)
    net, _vat = split_vat(total, Decimal("0.06"))
    paid = net_received = Decimal("0.00")
    status, parts = "issued", []
    step = max((total / 7).quantize(Decimal("0.01")), Decimal("0.01"))
    while rules.owed(total, paid, status) > 0:
        receipt = rules.receive(total, net, paid, net_received, status, step)
        change = receipt.change
        assert receipt.applied + receipt.credited == step and change.amount == receipt.applied
        assert change.net + change.vat == change.amount
        paid, net_received, status = change.paid, change.net_received, change.status
        parts.append(change.net)
        assert status == ("paid" if paid == total else "partially_paid")
    assert sum(parts) == net and net_received == net and paid == total
    # money beyond what it owes is the customer's credit; a void invoice owes nothing
    assert rules.receive(total, net, paid, net_received, status, "5.00") == (Decimal("5.00"), 0, Decimal("5.00"), None)
    assert rules.owed(total, "0", "void") == 0
    # a refund takes money back: the invoice owes again, the parts still add up
    back = rules.allocate(total, net, paid, net_received, status, -step)
    assert back.status == ("partially_paid" if total > step else "issued")
    assert back.net_received == rules.net_part(total, net, total - step)


@pytest.mark.parametrize(
    ("credited", "paid", "total", "outcome"),
    [("0", "100", "100", "matched"), ("0", "40", "100", "partial"), ("5", "100", "100", "over")],
)
def test_a_bank_line_outcome_follows_from_the_money(credited, paid, total, outcome):
    assert rules.line_status(Decimal(credited), Decimal(paid), Decimal(total)) == outcome


def _cents(value) -> int:
    return int(Decimal(value) * 100)


@settings(max_examples=3000, deadline=None)
@given(
    total=st.integers(min_value=1, max_value=10**14 - 1),
    paid_share=st.integers(min_value=-10, max_value=120),
    net_share=st.integers(min_value=0, max_value=100),
    amount=st.integers(min_value=1, max_value=10**14 - 1),
    status=st.sampled_from(("issued", "partially_paid", "paid", "void")),
)
def test_the_rules_in_cents_are_the_rules(total, paid_share, net_share, amount, status):
    """receive_cents and line_status_cents (the statement import's) give what receive and
    line_status give, to the cent, from invoices of a cent to a hundred billion yuan and more."""
    net = total * net_share // 100
    paid = total * paid_share // 100
    net_received = rules.net_part_cents(total, net, paid) if paid > 0 else 0
    as_money = [Decimal(x).scaleb(-2) for x in (total, net, paid, net_received, amount)]
    receipt = rules.receive(*as_money[:4], status, as_money[4])
    in_cents = rules.receive_cents(total, net, paid, net_received, status, amount)
    assert in_cents[:3] == tuple(_cents(x) for x in receipt[:3])
    if receipt.change is None:
        assert in_cents[3] is None
    else:
        change = receipt.change
        assert in_cents[3] == (*(_cents(x) for x in change[:5]), change.status)
        assert rules.line_status_cents(in_cents[2], in_cents[3].paid, total) == rules.line_status(
            receipt.credited, change.paid, as_money[0]
        )


@pytest.mark.parametrize("total", [10**14 - 1, 3 * 10**13 + 7, 99_999_999_999_97])
def test_the_rules_in_cents_at_the_largest_figures(total):
    """Past EXACT_CENTS_BELOW the cents rule hands the division to the Decimal one: the same parts."""
    net = total * 94 // 100
    for cumulative in (1, total // 3, total // 2 + 1, total - 1):
        expected = rules.net_part(Decimal(total).scaleb(-2), Decimal(net).scaleb(-2), Decimal(cumulative).scaleb(-2))
        assert rules.net_part_cents(total, net, cumulative) == _cents(expected)
