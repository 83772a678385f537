"""Card payments through Stripe: a Checkout Session for what an invoice still owes, and the webhook
that records what Stripe says happened.

Stripe delivers an event at least once, possibly late and in any order. So each event id is stored
before anything else (a second delivery changes nothing), and an event is only a cue: what gets
recorded is read from the PaymentIntent as Stripe holds it now — the payment, its processing fee
and every succeeded refund, each exactly once (a payment by its PaymentIntent id, a refund by its
own id). A refund reported before the payment it belongs to therefore records both, in order."""

import json
import logging
from datetime import UTC, datetime
from decimal import Decimal

import stripe
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError

from core import audit, locks, uow
from core.errors import Conflict, ValidationError
from core.extensions import db
from core.money import from_fen, to_fen
from core.timeutil import to_display
from finance import money_rules as rules
from finance.models import CheckoutSession, Invoice, Payment, Refund, StripeEvent
from finance.services import payments
from finance.services.invoices import visible_invoice
from marketplace.services import access

log = logging.getLogger(__name__)

CURRENCY = "cny"
TOLERANCE = 300  # seconds; an older signature may be a replayed request (Stripe's own default)
TIMEOUT = 30  # seconds for one call to Stripe, so a slow Stripe never holds a page for long
# Events whose object leads to a PaymentIntent; its current state is then recorded.
PAYMENT_EVENTS = frozenset(
    {
        "checkout.session.completed",
        "checkout.session.async_payment_succeeded",
        "payment_intent.succeeded",
        "charge.succeeded",
        "charge.refunded",
        "charge.refund.updated",
        "refund.created",
        "refund.updated",
    }
)
SESSION_STATUS = {"checkout.session.completed": "complete", "checkout.session.expired": "expired"}

NOT_AVAILABLE = _l("Card payments are not available. Please pay by bank transfer.")
NOTHING_OWED = _l("This invoice is paid or void: there is nothing to pay by card.")
NOT_STARTED = _l("The card payment could not be started. Please try again in a minute or pay by bank transfer.")
BEING_CONFIRMED = _l("A card payment for this invoice is being confirmed. The invoice updates when Stripe reports it.")
BAD_SIGNATURE = _l("The Stripe signature is missing, wrong or too old.")
NOT_AN_EVENT = _l("The request body is not a Stripe event.")
NO_SECRET = _l("Stripe webhooks are not configured on this server.")


class StripeUnavailable(RuntimeError):
    """Stripe could not be asked about an event: nothing was stored, so Stripe's retry gets another go."""


def card_payments_enabled() -> bool:
    return bool(current_app.config.get("STRIPE_API_KEY"))


def stripe_client() -> stripe.StripeClient:
    """One client per key and base address (STRIPE_API_BASE points it at a local server in tests)."""
    key = current_app.config.get("STRIPE_API_KEY") or ""
    base = current_app.config.get("STRIPE_API_BASE") or ""
    clients = current_app.extensions.setdefault("stripe_clients", {})
    if (key, base) not in clients:
        clients[key, base] = stripe.StripeClient(
            key,
            base_addresses={"api": base} if base else None,
            max_network_retries=2,
            http_client=stripe.RequestsClient(timeout=TIMEOUT),
        )
    return clients[key, base]


# Stripe counts CNY in fen; both conversions are exact (amounts carry exactly 2 decimals).
def business_date(epoch):
    """The Shanghai calendar day of a Stripe timestamp (seconds since the epoch)."""
    return to_display(datetime.fromtimestamp(int(epoch), UTC)).date()


def payable_by_card(invoice: Invoice) -> bool:
    return invoice.status in rules.OPEN and payments.remaining(invoice) > 0


# --- checkout ---------------------------------------------------------------------------------


def start_checkout(actor, number: str) -> CheckoutSession:
    """A Checkout Session for what the invoice still owes, for anyone who may see the invoice (its
    buyer, operator, finance). Clicking again returns the session still open for the same amount;
    two clicks at once send Stripe the same idempotency key and so get the same session."""
    invoice = visible_invoice(actor, number)
    access.require_verified(actor)
    if not card_payments_enabled():
        raise Conflict(NOT_AVAILABLE)
    if not payable_by_card(invoice):
        raise Conflict(NOTHING_OWED)
    number, amount = invoice.number, payments.remaining(invoice)
    reusable = db.session.scalars(
        select(CheckoutSession)
        .where(
            CheckoutSession.invoice_id == invoice.id,
            CheckoutSession.status == "open",
            CheckoutSession.amount == amount,
        )
        .order_by(CheckoutSession.id.desc())
        .limit(1)
    ).first()
    attempt = db.session.scalar(
        select(func.count()).select_from(CheckoutSession).where(CheckoutSession.invoice_id == invoice.id)
    )
    invoice_id, reusable_id = invoice.id, getattr(reusable, "stripe_id", None)
    uow.commit_now("no transaction (nor lock) is held across the round trip to Stripe")
    sessions = stripe_client().v1.checkout.sessions
    try:
        if reusable_id is not None:
            current = sessions.retrieve(reusable_id).to_dict()
            if current.get("status") == "open":
                return reusable
            _set_session_status(reusable_id, current.get("status"))
            if current.get("status") == "complete" and not _payment_recorded(current.get("payment_intent")):
                uow.commit_now("the session's status Stripe told us is kept although the request is refused")
                raise Conflict(BEING_CONFIRMED)
        key = f"checkout-{number}-{to_fen(amount)}-{attempt}"
        created = sessions.create(_session_params(number, amount), {"idempotency_key": key}).to_dict()
    except stripe.StripeError as exc:
        log.warning("Stripe refused or could not be reached for a checkout of %s: %s", number, exc)
        db.session.rollback()
        raise Conflict(NOT_STARTED) from exc
    row = CheckoutSession(
        invoice_id=invoice_id,
        stripe_id=created["id"],
        idempotency_key=key,
        url=created.get("url") or "",
        amount=amount,
        status=created.get("status") or "open",
        created_by_id=getattr(actor, "id", None),
    )
    db.session.add(row)
    audit.record(
        actor, "invoice.checkout_started", "invoice", number, after={"session": created["id"], "amount": str(amount)}
    )
    try:
        db.session.flush()
    except IntegrityError:
        # The other click of a double click stored the very same session first.
        db.session.rollback()
        row = db.session.scalar(
            select(CheckoutSession).where(
                or_(CheckoutSession.stripe_id == created["id"], CheckoutSession.idempotency_key == key)
            )
        )
        if row is None:
            raise
    return row


def _session_params(number: str, amount: Decimal) -> dict:
    """Derived from the invoice and the amount only: Stripe refuses an idempotency key sent again
    with different parameters."""
    page = f"{current_app.config['PUBLIC_URL'].rstrip('/')}/invoices/{number}"
    tags = {"invoice_number": number}
    return {
        "mode": "payment",
        "payment_method_types": ["card"],
        "line_items": [
            {
                "quantity": 1,
                "price_data": {"currency": CURRENCY, "unit_amount": to_fen(amount), "product_data": {"name": number}},
            }
        ],
        "client_reference_id": number,
        "metadata": tags,
        "payment_intent_data": {"metadata": tags, "description": number},
        "success_url": f"{page}?card=success",
        "cancel_url": f"{page}?card=cancelled",
    }


def _set_session_status(stripe_id: str, status: str | None) -> None:
    row = db.session.scalar(select(CheckoutSession).where(CheckoutSession.stripe_id == stripe_id))
    if row is not None and status and row.status != status:
        row.status = status[:20]


def _payment_recorded(payment_intent) -> bool:
    if isinstance(payment_intent, dict):
        payment_intent = payment_intent.get("id")
    if not payment_intent:
        return False
    found = db.session.scalar(
        select(Payment.id).where(Payment.channel == "stripe", Payment.reference == payment_intent)
    )
    return found is not None


# --- webhook ----------------------------------------------------------------------------------


def handle_event(payload: bytes, signature: str) -> str:
    """Verify, store the event id (a re-delivery stops here), record what it leads to; returns
    what was done. Raises ValidationError for anything not signed by Stripe recently, and
    StripeUnavailable when Stripe could not be asked (nothing is kept: Stripe delivers again)."""
    event = verified_event(payload, signature)
    obj = event["data"]["object"]
    if db.session.get(StripeEvent, event["id"]) is not None:
        return "duplicate"
    db.session.rollback()  # no transaction (nor SQLite's write lock) is held across Stripe's round trip
    intent_id = _intent_of(obj) if event["type"] in PAYMENT_EVENTS else None
    try:
        facts = fetch_intent(intent_id) if intent_id else None
    except stripe.StripeError as exc:
        log.warning("Stripe could not be asked about event %s: %s", event["id"], exc)
        raise StripeUnavailable(str(exc)) from exc
    record = StripeEvent(
        id=event["id"],
        type=event["type"][:80],
        created=int(event.get("created") or 0),
        object_id=str(obj.get("id") or "")[:255],
    )
    db.session.add(record)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()  # delivered twice at the same moment: the other delivery has it
        return "duplicate"
    if event["type"] in SESSION_STATUS:
        _set_session_status(record.object_id, SESSION_STATUS[event["type"]])
    if facts is not None:
        outcome = record_intent(*facts)
    elif event["type"] in PAYMENT_EVENTS:
        outcome = "no payment"
    else:
        outcome = "session expired" if event["type"] == "checkout.session.expired" else "ignored"
    record.outcome = outcome[:40]
    db.session.flush()
    return outcome


def verified_event(payload: bytes, signature: str) -> dict:
    secret = current_app.config.get("STRIPE_WEBHOOK_SECRET") or ""
    if not secret:
        raise ValidationError(NO_SECRET)
    try:
        stripe.WebhookSignature.verify_header(payload, signature, secret, tolerance=TOLERANCE)
    except (stripe.SignatureVerificationError, UnicodeDecodeError):
        raise ValidationError(BAD_SIGNATURE, {"Stripe-Signature": [BAD_SIGNATURE]}) from None
    try:
        event = json.loads(payload)
    except ValueError:
        raise ValidationError(NOT_AN_EVENT) from None
    if not isinstance(event, dict):
        raise ValidationError(NOT_AN_EVENT)
    data = event.get("data")
    if not (
        isinstance(event.get("id"), str)
        and isinstance(event.get("type"), str)
        and isinstance(data, dict)
        and isinstance(data.get("object"), dict)
    ):
        raise ValidationError(NOT_AN_EVENT)
    return event


def _intent_of(obj: dict) -> str | None:
    intent = obj.get("id") if obj.get("object") == "payment_intent" else obj.get("payment_intent")
    if isinstance(intent, dict):
        intent = intent.get("id")
    return intent if isinstance(intent, str) and intent else None


def fetch_intent(intent_id: str) -> tuple[dict, list[dict]]:
    """Stripe's current truth about a PaymentIntent: itself (with its latest charge and that
    charge's balance transaction) and all its refunds."""
    client = stripe_client()
    intent = client.v1.payment_intents.retrieve(intent_id, {"expand": ["latest_charge.balance_transaction"]})
    refunds = client.v1.refunds.list({"payment_intent": intent_id, "limit": 100}).auto_paging_iter()
    return intent.to_dict(), [r.to_dict() for r in refunds]


def record_intent(intent: dict, refunds: list[dict]) -> str:
    """Record what is not yet recorded of a PaymentIntent: the payment (once it succeeded), its
    fee, its succeeded refunds. The invoice row is locked first, so two events about one payment
    arriving together record it once."""
    intent_id = intent["id"]
    number = (intent.get("metadata") or {}).get("invoice_number")
    if not number:
        return "not ours"
    if intent.get("currency") != CURRENCY:
        return f"not {CURRENCY}"
    locks.take_write_lock()
    invoice = db.session.execute(
        select(Invoice).where(Invoice.number == number[:24]).with_for_update()
    ).scalar_one_or_none()
    if invoice is None:
        return "unknown invoice"
    done = []
    charge = intent.get("latest_charge") if isinstance(intent.get("latest_charge"), dict) else {}
    paid_on = business_date(charge.get("created") or intent["created"])
    fee = _fee_of(charge)
    payment = db.session.scalar(select(Payment).where(Payment.channel == "stripe", Payment.reference == intent_id))
    if payment is None and intent.get("status") == "succeeded":
        payment = payments.receive(
            "stripe",
            from_fen(intent["amount_received"]),
            paid_on,
            intent_id,
            invoice=invoice,
            fee=fee or Decimal("0.00"),
            payer_name=((charge.get("billing_details") or {}).get("name") or ""),
            payer_account=_card_of(charge),
            matched_by="metadata",
        )
        audit.record(
            None,
            "payment.received",
            "payment",
            payment.id,
            after={"channel": "stripe", "reference": intent_id, "invoice": number, "amount": str(payment.amount)},
        )
        done.append("payment")
    elif payment is not None and fee is not None and fee != Decimal(payment.fee):
        payments.record_fee(payment, fee, paid_on)
        done.append("fee")
    if payment is not None:
        done += _record_refunds(payment, refunds)
    return "+".join(done) or "no change"


def _record_refunds(payment: Payment, refunds: list[dict]) -> list[str]:
    ids = [r["id"] for r in refunds]
    known = set(db.session.scalars(select(Refund.reference).where(Refund.reference.in_(ids)))) if ids else set()
    done = []
    for item in sorted(refunds, key=lambda r: (r.get("created") or 0, r["id"])):
        if item["id"] in known or item.get("status") != "succeeded" or item.get("currency") != CURRENCY:
            continue
        record = payments.refund(
            payment,
            from_fen(item["amount"]),
            business_date(item["created"]),
            item["id"],
            reason=item.get("reason") or "",
        )
        audit.record(
            None,
            "payment.refunded",
            "payment",
            payment.id,
            after={"channel": "stripe", "reference": item["id"], "amount": str(record.amount)},
        )
        done.append("refund")
    return done


def _fee_of(charge: dict) -> Decimal | None:
    """Stripe's fee from the charge's balance transaction, when it is known and counted in CNY."""
    txn = charge.get("balance_transaction")
    if not isinstance(txn, dict) or txn.get("currency") != CURRENCY:
        return None
    return from_fen(txn.get("fee") or 0)


def _card_of(charge: dict) -> str:
    card = (charge.get("payment_method_details") or {}).get("card") or {}
    return f"{card.get('brand', '')} {card.get('last4', '')}".strip()[:64]
