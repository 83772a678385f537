"""Card payments through Stripe, against a local server that answers like Stripe: a Checkout
Session per invoice (a double click gets the same one), webhooks verified on the raw body, each
event processed once whatever the order, and payments, fees and refunds recorded once."""

import re
import threading
import time
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from core.extensions import db
from finance.models import CheckoutSession, Invoice, JournalEntry, JournalLine, Payment, Refund, StripeEvent
from tests.conftest import make_app
from tests.factories import PASSWORD
from tests.finance.stripe_fake import API_KEY, WEBHOOK_SECRET, FakeStripe, sign
from tests.marketplace import conftest as board_fixtures
from tests.pricing import conftest as pricing_fixtures

# The cast of users the board and pricing tests share (fixtures of their packages).
session_cast = board_fixtures.session_cast
cast = pricing_fixtures.cast
published_listing = pricing_fixtures.published_listing

# A department no other test uses, so its authorisations and listings are this module's own.
CATEGORY = "KAWLB-002"
PUBLIC_URL = "https://data.example.cn"


@pytest.fixture(scope="module")
def fake():
    server = FakeStripe().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def card_app(database_url, workdir, app, fake):
    """The shared database, with card payments switched on and Stripe played by the fake."""
    return make_app(
        database_url,
        str(workdir / "index"),
        STRIPE_API_KEY=API_KEY,
        STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET,
        STRIPE_API_BASE=fake.url,
        PUBLIC_URL=PUBLIC_URL,
    )


@pytest.fixture(scope="module")
def cardless_app(database_url, workdir, app, fake):
    return make_app(database_url, str(workdir / "index"), STRIPE_API_KEY="", STRIPE_API_BASE=fake.url)


@pytest.fixture(scope="module")
def listing(app, session_cast):
    with app.app_context():
        listing, _demand = published_listing(session_cast, category=CATEGORY)
    return listing


@pytest.fixture()
def card(card_app):
    return card_app.test_client()


def new_invoice(cast, listing, amount="3710.00") -> str:
    """An invoice issued the way every invoice is: the enterprise offers, the operator accepts."""
    thread = cast.consumer.post(
        "/api/v1/negotiations", {"listing_id": listing["id"], "message": "刷卡支付测试", "amount": amount}
    )
    assert thread.status_code == 201, thread.json
    done = cast.operator.post(
        f"/api/v1/negotiations/{thread.json['id']}/accept", {"offer_id": thread.json["standing_offer"]["id"]}
    )
    assert done.status_code == 200, done.json
    return done.json["invoice_number"]


def checkout(client, actor, number):
    return client.post(f"/api/v1/invoices/{number}/checkout", headers=actor.headers)


def deliver(client, payload: bytes, secret=WEBHOOK_SECRET, timestamp=None, header=None):
    signature = sign(payload, secret, timestamp) if header is None else header
    return client.post(
        "/webhooks/stripe", data=payload, headers={"Stripe-Signature": signature}, content_type="application/json"
    )


def paid_session(card, cast, listing, fake, fee=0, amount="3710.00"):
    """An invoice whose checkout the customer completed at Stripe (nothing delivered yet)."""
    number = new_invoice(cast, listing, amount)
    session = checkout(card, cast.consumer, number)
    assert session.status_code == 201, session.json
    intent = fake.complete(session.json["id"], fee=fee)
    return number, fake.sessions[session.json["id"]], intent


def fresh(statement):
    db.session.rollback()  # a new snapshot: the app under test committed in its own session
    return db.session.execute(statement)


def invoice_row(number) -> Invoice:
    return fresh(select(Invoice).where(Invoice.number == number)).scalar_one()


def payments_for(reference):
    return fresh(select(Payment).where(Payment.channel == "stripe", Payment.reference == reference)).scalars().all()


def receivable_open(invoice: Invoice) -> Decimal:
    owed = fresh(
        select(func.coalesce(func.sum(JournalLine.debit - JournalLine.credit), 0)).where(
            JournalLine.account == "receivables", JournalLine.invoice_id == invoice.id
        )
    ).scalar_one()
    return Decimal(str(owed)).quantize(Decimal("0.01"))


def count(model, *where):
    return fresh(select(func.count()).select_from(model).where(*where)).scalar_one()


# --- checkout ---------------------------------------------------------------------------------


def test_pay_by_card_opens_one_checkout_session_for_what_is_owed(ctx, cast, listing, card, fake):
    number = new_invoice(cast, listing)
    posts = fake.calls("POST", "/v1/checkout/sessions")
    first = checkout(card, cast.consumer, number)
    assert first.status_code == 201, first.json
    assert first.json["amount"] == "3710.00" and first.json["invoice_number"] == number
    assert first.json["url"].startswith("https://checkout.stripe.com/")
    # a double click: the same session, and Stripe is not asked to make another
    again = checkout(card, cast.consumer, number)
    assert again.status_code == 201 and again.json == first.json
    assert fake.calls("POST", "/v1/checkout/sessions") == posts + 1
    params = fake.session_params[first.json["id"]]
    line = params["line_items"][0]
    assert (line["price_data"]["currency"], line["price_data"]["unit_amount"]) == ("cny", "371000")
    assert line["price_data"]["product_data"]["name"] == number and line["quantity"] == "1"
    assert params["metadata"] == {"invoice_number": number} and params["client_reference_id"] == number
    assert params["payment_intent_data"]["metadata"] == {"invoice_number": number}
    assert params["success_url"] == f"{PUBLIC_URL}/invoices/{number}?card=success"
    assert params["cancel_url"] == f"{PUBLIC_URL}/invoices/{number}?card=cancelled"
    rows = fresh(select(CheckoutSession).where(CheckoutSession.stripe_id == first.json["id"])).scalars().all()
    assert len(rows) == 1 and rows[0].amount == Decimal("3710.00") and rows[0].status == "open"


def test_clicks_at_the_same_moment_send_one_idempotency_key_and_get_one_session(ctx, cast, listing, card, fake):
    number = new_invoice(cast, listing)
    first = checkout(card, cast.consumer, number).json
    row = fresh(select(CheckoutSession).where(CheckoutSession.stripe_id == first["id"])).scalar_one()
    key = row.idempotency_key
    assert re.fullmatch(rf"checkout-{number}-371000-0", key)
    # the other click asked Stripe before the first one's row was stored: same key, same session
    db.session.delete(row)
    db.session.commit()
    sessions_before = len(fake.sessions)
    second = checkout(card, cast.consumer, number)
    assert second.status_code == 201 and second.json["id"] == first["id"]
    assert len(fake.sessions) == sessions_before
    assert count(CheckoutSession, CheckoutSession.idempotency_key == key) == 1


def test_a_true_double_click_stores_the_one_session_once(ctx, cast, listing, card_app, fake):
    number = new_invoice(cast, listing)
    answers = []
    fake.delay = 0.5  # both clicks reach Stripe before either has stored its session
    try:
        clicks = [
            threading.Thread(target=lambda: answers.append(checkout(card_app.test_client(), cast.consumer, number)))
            for _ in range(2)
        ]
        for click in clicks:
            click.start()
        for click in clicks:
            click.join()
    finally:
        fake.delay = 0.0
    assert [a.status_code for a in answers] == [201, 201], [a.json for a in answers]
    assert answers[0].json == answers[1].json
    assert count(CheckoutSession, CheckoutSession.invoice_id == invoice_row(number).id) == 1


def test_an_expired_session_is_replaced_by_a_new_one(ctx, cast, listing, card, fake):
    number = new_invoice(cast, listing)
    first = checkout(card, cast.consumer, number).json
    fake.expire(first["id"])
    second = checkout(card, cast.consumer, number)
    assert second.status_code == 201 and second.json["id"] != first["id"]
    statuses = dict(fresh(select(CheckoutSession.stripe_id, CheckoutSession.status)).all())
    assert (statuses[first["id"]], statuses[second.json["id"]]) == ("expired", "open")


def test_the_buyer_sees_the_button_and_is_sent_to_stripe(ctx, cast, listing, card_app, fake):
    number = new_invoice(cast, listing)
    browser = card_app.test_client()
    assert browser.post("/login", data={"email": cast.consumer.email, "password": PASSWORD}).status_code == 302
    page = browser.get(f"/invoices/{number}")
    assert page.status_code == 200 and 'id="pay-by-card"' in page.text
    sent = browser.post(f"/invoices/{number}/pay")
    assert sent.status_code == 303 and sent.location.startswith("https://checkout.stripe.com/c/pay/cs_test_")
    back = browser.get(f"/invoices/{number}?card=cancelled")
    assert 'id="card-return"' in back.text
    # finance sees the invoice, but the button is the buyer's
    staff = card_app.test_client()
    assert staff.post("/login", data={"email": cast.finance.email, "password": PASSWORD}).status_code == 302
    assert 'id="pay-by-card"' not in staff.get(f"/invoices/{number}").text


def test_without_an_api_key_the_card_option_is_hidden_and_refused(ctx, cast, listing, cardless_app, fake):
    number = new_invoice(cast, listing)
    browser = cardless_app.test_client()
    assert browser.post("/login", data={"email": cast.consumer.email, "password": PASSWORD}).status_code == 302
    page = browser.get(f"/invoices/{number}")
    assert page.status_code == 200 and 'id="pay-by-card"' not in page.text
    requests_before = len(fake.requests)
    refused = checkout(cardless_app.test_client(), cast.consumer, number)
    assert refused.status_code == 409 and refused.json["error"]["code"] == "conflict"
    assert len(fake.requests) == requests_before
    assert count(CheckoutSession, CheckoutSession.invoice_id == invoice_row(number).id) == 0


def test_a_paid_or_void_invoice_cannot_be_paid_and_another_enterprise_sees_nothing(ctx, cast, listing, card, fake):
    number, session, _intent = paid_session(card, cast, listing, fake)
    assert deliver(card, fake.event("checkout.session.completed", session)).status_code == 200
    assert invoice_row(number).status == "paid"
    paid = checkout(card, cast.consumer, number)
    assert paid.status_code == 409 and paid.json["error"]["code"] == "conflict"

    void = new_invoice(cast, listing)
    assert cast.finance.post(f"/api/v1/invoices/{void}/void", {"reason": "开票信息有误"}).status_code == 200
    assert checkout(card, cast.consumer, void).status_code == 409

    other = new_invoice(cast, listing)
    hidden = checkout(card, cast.other_consumer, other)
    assert hidden.status_code == 404 and hidden.json["error"]["code"] == "not_found"
    assert checkout(card, cast.steward, other).status_code == 404
    assert card.post(f"/api/v1/invoices/{other}/checkout").status_code == 401
    assert count(CheckoutSession, CheckoutSession.invoice_id == invoice_row(other).id) == 0


def test_a_completed_session_not_yet_reported_is_not_offered_again(ctx, cast, listing, card, fake):
    number, _session, _intent = paid_session(card, cast, listing, fake)
    sessions_before = len(fake.sessions)
    waiting = checkout(card, cast.consumer, number)
    assert waiting.status_code == 409 and waiting.json["error"]["code"] == "conflict"
    assert len(fake.sessions) == sessions_before


# --- webhooks: who may speak ------------------------------------------------------------------


def test_a_bad_or_stale_signature_is_400_and_records_nothing(ctx, cast, listing, card, fake):
    number, session, intent = paid_session(card, cast, listing, fake)
    payload = fake.event("checkout.session.completed", session)
    event_id = re.search(rb'"id": "(evt_[^"]+)"', payload).group(1).decode()
    now = int(time.time())
    refused = [
        deliver(card, payload, secret="whsec_someone_else"),
        deliver(card, payload, timestamp=now - 301),  # older than the 300 s tolerance
        deliver(card, payload.replace(b"3710", b"3711"), header=sign(payload)),  # body changed after signing
        deliver(card, payload, header=""),
        deliver(card, payload, header="t=abc,v1=zz"),
        deliver(card, payload, header=f"t={now}"),
    ]
    for response in refused:
        assert response.status_code == 400, response.json
        assert response.json["error"]["code"] == "validation_error"
    assert count(StripeEvent, StripeEvent.id == event_id) == 0
    assert payments_for(intent["id"]) == [] and invoice_row(number).status == "issued"
    # signed, but not an event
    for body in (b"{not json", b"[]", b'{"id": "evt_x"}'):
        response = deliver(card, body)
        assert response.status_code == 400 and response.json["error"]["code"] == "validation_error"
    assert count(StripeEvent, StripeEvent.id == "evt_x") == 0
    # the same event properly signed goes through
    assert deliver(card, payload).status_code == 200
    assert len(payments_for(intent["id"])) == 1


def test_the_same_event_five_times_is_one_payment(ctx, cast, listing, card, fake):
    number, session, intent = paid_session(card, cast, listing, fake, fee=1099)
    payload = fake.event("checkout.session.completed", session)
    outcomes = [deliver(card, payload) for _ in range(5)]
    assert [r.status_code for r in outcomes] == [200] * 5
    assert [r.json["outcome"] for r in outcomes] == ["payment"] + ["duplicate"] * 4
    # and the other events about the same payment change nothing either
    for kind, obj in (
        ("payment_intent.succeeded", fake.intents[intent["id"]]),
        ("charge.succeeded", fake.charges[intent["latest_charge"]]),
    ):
        assert deliver(card, fake.event(kind, obj)).json["outcome"] == "no change"
    [payment] = payments_for(intent["id"])
    assert payment.amount == Decimal("3710.00") and payment.applied == Decimal("3710.00")
    assert payment.payer_name == "张三" and payment.payer_account == "visa 4242"
    at = fake.charges[intent["latest_charge"]]["created"]
    assert payment.received_on == datetime.fromtimestamp(at, ZoneInfo("Asia/Shanghai")).date()
    entries = fresh(
        select(JournalEntry.kind).where(
            JournalEntry.source_type == "payment", JournalEntry.source_id == str(payment.id)
        )
    ).all()
    assert [kind for (kind,) in entries] == ["payment"]
    invoice = invoice_row(number)
    assert (invoice.status, invoice.paid) == ("paid", Decimal("3710.00")) and receivable_open(invoice) == 0
    session_row = fresh(select(CheckoutSession).where(CheckoutSession.stripe_id == session["id"])).scalar_one()
    assert session_row.status == "complete"
    assert count(StripeEvent, StripeEvent.object_id == session["id"]) == 1


def test_the_fee_is_booked_on_the_card_fees_account(ctx, cast, listing, card, fake):
    _number, session, intent = paid_session(card, cast, listing, fake, fee=1099)
    assert deliver(card, fake.event("checkout.session.completed", session)).status_code == 200
    [payment] = payments_for(intent["id"])
    assert payment.fee == Decimal("10.99")
    lines = fresh(
        select(JournalLine.account, JournalLine.debit, JournalLine.credit)
        .join(JournalEntry, JournalEntry.id == JournalLine.entry_id)
        .where(JournalEntry.source_type == "payment", JournalEntry.source_id == str(payment.id))
    ).all()
    assert ("stripe_fees", Decimal("10.99"), Decimal("0.00")) in lines
    cleared = sum((d - c for a, d, c in lines if a == "stripe_clearing"), Decimal("0"))
    assert cleared == Decimal("3699.01")  # what Stripe pays out: the payment less its fee


def test_a_fee_reported_after_the_payment_is_booked_once(ctx, cast, listing, card, fake):
    _number, session, intent = paid_session(card, cast, listing, fake, fee=1099)
    txn = fake.charges[intent["latest_charge"]]["balance_transaction"]
    real = fake.balance_transactions[txn]
    fake.balance_transactions[txn] = dict(real, currency="usd")  # not yet known in CNY
    assert deliver(card, fake.event("checkout.session.completed", session)).json["outcome"] == "payment"
    assert payments_for(intent["id"])[0].fee == Decimal("0.00")
    fake.balance_transactions[txn] = real
    for _ in range(2):
        deliver(card, fake.event("charge.succeeded", fake.charges[intent["latest_charge"]]))
    [payment] = payments_for(intent["id"])
    assert payment.fee == Decimal("10.99")
    kinds = fresh(
        select(JournalEntry.kind).where(
            JournalEntry.source_type == "payment", JournalEntry.source_id == str(payment.id)
        )
    ).all()
    assert sorted(k for (k,) in kinds) == ["fee", "payment"]


# --- refunds and order ------------------------------------------------------------------------


def test_a_refund_after_payment_reopens_the_receivable(ctx, cast, listing, card, fake):
    number, session, intent = paid_session(card, cast, listing, fake)
    assert deliver(card, fake.event("checkout.session.completed", session)).status_code == 200
    invoice = invoice_row(number)
    assert invoice.status == "paid" and receivable_open(invoice) == 0

    partial = fake.refund(intent["id"], 100000)
    response = deliver(card, fake.event("charge.refunded", fake.charges[intent["latest_charge"]]))
    assert response.status_code == 200 and response.json["outcome"] == "refund"
    assert deliver(card, fake.event("refund.created", partial)).json["outcome"] == "no change"
    invoice = invoice_row(number)
    assert (invoice.status, invoice.paid) == ("partially_paid", Decimal("2710.00"))
    assert receivable_open(invoice) == Decimal("1000.00")

    rest = fake.refund(intent["id"], 271000)
    assert deliver(card, fake.event("refund.updated", rest)).json["outcome"] == "refund"
    invoice = invoice_row(number)
    assert (invoice.status, invoice.paid) == ("issued", Decimal("0.00"))
    assert receivable_open(invoice) == Decimal("3710.00")
    refunds = fresh(select(Refund.reference, Refund.amount).order_by(Refund.id)).all()
    assert [(partial["id"], Decimal("1000.00")), (rest["id"], Decimal("2710.00"))] == [
        r for r in refunds if r[0] in (partial["id"], rest["id"])
    ]
    [payment] = payments_for(intent["id"])
    assert payment.refunded == Decimal("3710.00")
    # owing again, the invoice can be paid by card again
    assert checkout(card, cast.consumer, number).status_code == 201


def test_a_refund_reported_before_the_payment_records_both_once(ctx, cast, listing, card, fake):
    number, session, intent = paid_session(card, cast, listing, fake)
    refund = fake.refund(intent["id"], 71000)
    early = deliver(card, fake.event("refund.created", refund))
    assert early.status_code == 200 and early.json["outcome"] == "payment+refund"
    late = deliver(card, fake.event("checkout.session.completed", session))
    assert late.status_code == 200 and late.json["outcome"] == "no change"
    assert deliver(card, fake.event("charge.refunded", fake.charges[intent["latest_charge"]])).json["outcome"] == (
        "no change"
    )
    assert len(payments_for(intent["id"])) == 1
    assert count(Refund, Refund.reference == refund["id"]) == 1
    invoice = invoice_row(number)
    assert (invoice.status, invoice.paid) == ("partially_paid", Decimal("3000.00"))
    assert receivable_open(invoice) == Decimal("710.00")


def test_a_pending_refund_waits_until_it_succeeds(ctx, cast, listing, card, fake):
    number, session, intent = paid_session(card, cast, listing, fake)
    deliver(card, fake.event("checkout.session.completed", session))
    pending = fake.refund(intent["id"], 10000, status="pending")
    assert deliver(card, fake.event("refund.created", pending)).json["outcome"] == "no change"
    assert count(Refund, Refund.reference == pending["id"]) == 0
    fake.refunds[pending["id"]]["status"] = "succeeded"
    assert deliver(card, fake.event("refund.updated", fake.refunds[pending["id"]])).json["outcome"] == "refund"
    assert invoice_row(number).paid == Decimal("3610.00")


# --- webhooks: what else can happen -----------------------------------------------------------


def test_stripe_unreachable_keeps_nothing_so_the_redelivery_records_it(ctx, cast, listing, card, fake):
    number, session, intent = paid_session(card, cast, listing, fake)
    payload = fake.event("checkout.session.completed", session)
    fake.down = True
    try:
        failed = deliver(card, payload)
    finally:
        fake.down = False
    assert failed.status_code == 503 and failed.json["error"]["message"]
    assert count(StripeEvent, StripeEvent.object_id == session["id"]) == 0 and payments_for(intent["id"]) == []
    assert deliver(card, payload).json["outcome"] == "payment"
    assert invoice_row(number).status == "paid"


def test_other_events_are_stored_and_acknowledged(ctx, card, fake):
    payload = fake.event("customer.created", {"id": "cus_test_1", "object": "customer"})
    response = deliver(card, payload)
    assert response.status_code == 200 and response.json["outcome"] == "ignored"
    assert deliver(card, payload).json["outcome"] == "duplicate"
    stored = fresh(select(StripeEvent).where(StripeEvent.object_id == "cus_test_1")).scalar_one()
    assert (stored.type, stored.outcome) == ("customer.created", "ignored")
    # a payment Stripe knows but this platform did not ask for
    foreign = {"id": "pi_test_foreign", "object": "payment_intent", "metadata": {}, "currency": "cny"}
    fake.intents["pi_test_foreign"] = dict(
        foreign, status="succeeded", amount_received=100, created=0, latest_charge=None
    )
    assert deliver(card, fake.event("payment_intent.succeeded", foreign)).json["outcome"] == "not ours"
    assert payments_for("pi_test_foreign") == []


def test_the_webhook_needs_no_csrf_token(database_url, workdir, app, fake, cast, listing):
    guarded = make_app(
        database_url,
        str(workdir / "index"),
        WTF_CSRF_ENABLED=True,
        STRIPE_API_KEY=API_KEY,
        STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET,
        STRIPE_API_BASE=fake.url,
    )
    client = guarded.test_client()
    number, session, intent = paid_session(client, cast, listing, fake)
    response = deliver(client, fake.event("checkout.session.completed", session))
    assert response.status_code == 200 and response.json["outcome"] == "payment"
    assert invoice_row(number).status == "paid"


def test_the_routes_are_in_the_openapi_document(card):
    paths = card.get("/api/v1/openapi.json").json["paths"]
    assert "201" in paths["/api/v1/invoices/{number}/checkout"]["post"]["responses"]
    assert "400" in paths["/webhooks/stripe"]["post"]["responses"]
