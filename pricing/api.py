"""Negotiation and invoice API (names as in the contract)."""

from flask import Blueprint, jsonify, request

from accounts.auth import require_api_user
from core import openapi
from core.api import json_object
from core.money import to_api
from core.openapi import DATE, DATETIME, ID, MONEY, MONEY_OUT, nullable, obj, query
from core.paging import list_body, paging
from finance.services import cards, invoices
from pricing import shapes
from pricing.services import negotiation
from pricing.states import INVOICE, OFFER, THREAD

bp = Blueprint("pricing_api", __name__, url_prefix="/api/v1")
TAG = "pricing"


def body() -> dict:
    """The JSON body; its schema problems are raised by the service's Fields, after its access checks."""
    return json_object(strict=False)


op = openapi.declarer("/api/v1", TAG)

# ---- the shapes answered (pricing/shapes.py), declared once ------------------------------------
S, NS, INT = {"type": "string"}, nullable({"type": "string"}), {"type": "integer"}
NDATETIME = nullable(DATETIME)
MODE = {"type": "string", "enum": ["usable_invisible", "in_platform", "controlled_export"]}
CNY = {"type": "string", "enum": ["CNY"]}
_offer = openapi.schema(
    "Offer",
    obj(
        id=INT,
        side={"type": "string", "enum": ["consumer", "operator"]},
        amount=MONEY_OUT,
        currency=CNY,
        pricing_basis=NS,
        quantity=nullable(INT),
        term_months=nullable(INT),
        message=NS,
        valid_until=NDATETIME,
        status={"type": "string", "enum": list(OFFER.states)},
        status_label=S,
        created_at=NDATETIME,
    ),
)
_message = obj(id=INT, side={"type": "string", "enum": ["consumer", "operator"]}, body=S, at=NDATETIME)
_thread = openapi.schema(
    "Negotiation",
    obj(
        id=INT,
        status={"type": "string", "enum": list(THREAD.states)},
        status_label=S,
        listing=obj(id=INT, title_zh=S, title_en=NS, price_cap=MONEY_OUT, guide_price=MONEY_OUT, pricing_basis=NS),
        demand_id=nullable(INT),
        consumer=obj(name=S, credit_code=S),
        delivery_mode=nullable(MODE),
        standing_offer=nullable(_offer),
        offers={"type": "array", "items": _offer},
        messages={"type": "array", "items": _message},
        agreement=NS,
        agreement_id=nullable(INT),
        invoice_number=NS,
        close_reason=NS,
        created_at=NDATETIME,
        updated_at=NDATETIME,
    ),
)
_invoice = openapi.schema(
    "Invoice",
    obj(
        number=S,
        status={"type": "string", "enum": list(INVOICE.states)},
        status_label=S,
        seller=obj(name=S, code=S),
        buyer=obj(name=S, credit_code=S),
        lines={
            "type": "array",
            "items": obj(description=S, quantity={"type": "number"}, unit_price=S, amount=S),
        },
        net=MONEY_OUT,
        vat=MONEY_OUT,
        total=MONEY_OUT,
        vat_rate=S,
        paid=MONEY_OUT,
        currency=CNY,
        issued_at=NDATETIME,
        due_on=DATE,
        agreement=S,
        void_reason=NS,
        voided_at=NDATETIME,
    ),
)


def _text(max_length: int, required: bool = True) -> dict:
    return {"type": "string", "maxLength": max_length} | ({"minLength": 1} if required else {})


op(
    "get",
    "/negotiations",
    "Negotiations (an enterprise sees its own; operators all)",
    errors=(400,),
    params=[query("status", {"type": "string", "enum": list(THREAD.states)}), *openapi.PAGING],
    response=openapi.page_of(_thread),
)
op(
    "post",
    "/negotiations",
    "Open a negotiation on a published listing (consumer)",
    status=201,
    errors=(400, 404, 409),
    body_schema=obj(
        required=["listing_id", "message"],
        listing_id=ID,
        demand_id=nullable(ID),
        message=_text(4000),
        amount=nullable(MONEY),
        delivery_mode=nullable(MODE),
    ),
    response=_thread,
)
op("get", "/negotiations/{id}", "Status, offers, messages, invoice number", errors=(404,), response=_thread)
op(
    "post",
    "/negotiations/{id}/messages",
    "Post a message",
    status=201,
    body_schema=obj(body=_text(4000)),
    response=obj(id=INT, side=_message["properties"]["side"], body=S),
)
op(
    "post",
    "/negotiations/{id}/offers",
    "Make an offer; it supersedes the standing one",
    status=201,
    body_schema=obj(
        required=["amount"],
        amount=MONEY,
        message=nullable(_text(4000, False)),
        valid_days={"type": "integer", "minimum": 1, "maximum": 90},
        quantity={"type": "integer", "minimum": 1, "maximum": 10**9},
        term_months={"type": "integer", "minimum": 1, "maximum": 120},
    ),
    response=_offer,
)
op(
    "post",
    "/negotiations/{id}/accept",
    "Accept the other side's standing offer: agreement and invoice",
    body_schema=obj(offer_id=ID),
    response=_thread,
)
op(
    "post",
    "/negotiations/{id}/withdraw",
    "End the negotiation without agreement",
    body_schema=obj(reason=_text(2000)),
    response=_thread,
)


@bp.get("/negotiations")
def negotiation_index():
    actor = require_api_user()
    page, per_page = paging(request.args)
    rows, total = negotiation.threads_for(actor, request.args, page, per_page)
    return jsonify(list_body([shapes.thread(t) for t in rows], total, page, per_page))


@bp.post("/negotiations")
def negotiation_open():
    return jsonify(shapes.thread(negotiation.open_thread(require_api_user(), body()))), 201


@bp.get("/negotiations/<thread_id>")
def negotiation_get(thread_id):
    return jsonify(shapes.thread(negotiation.visible_thread(require_api_user(), thread_id)))


@bp.post("/negotiations/<thread_id>/messages")
def negotiation_message(thread_id):
    entry = negotiation.post_message(require_api_user(), thread_id, body())
    return jsonify({"id": entry.id, "side": entry.side, "body": entry.body}), 201


@bp.post("/negotiations/<thread_id>/offers")
def negotiation_offer(thread_id):
    return jsonify(shapes.offer(negotiation.make_offer(require_api_user(), thread_id, body()))), 201


@bp.post("/negotiations/<thread_id>/accept")
def negotiation_accept(thread_id):
    thread, messages = negotiation.accepted_talk(require_api_user(), thread_id, body())
    return jsonify(shapes.thread(thread, messages=messages))


@bp.post("/negotiations/<thread_id>/withdraw")
def negotiation_withdraw(thread_id):
    return jsonify(shapes.thread(negotiation.withdraw(require_api_user(), thread_id, body())))


op(
    "get",
    "/invoices",
    "Invoices (an enterprise sees its own; operator and finance all)",
    errors=(400,),
    params=openapi.PAGING,
    response=openapi.page_of(_invoice),
)
op("get", "/invoices/{number}", "One invoice", errors=(404,), response=_invoice)
op(
    "post",
    "/invoices/{number}/void",
    "Void an invoice with a reason; the number stays used (finance)",
    body_schema=obj(reason=_text(2000)),
    response=_invoice,
)


@bp.get("/invoices")
def invoice_index():
    actor = require_api_user()
    page, per_page = paging(request.args)
    rows, total = invoices.invoices_for(actor, page, per_page)
    return jsonify(list_body([shapes.invoice(i) for i in rows], total, page, per_page))


@bp.get("/invoices/<number>")
def invoice_get(number):
    return jsonify(shapes.invoice(invoices.visible_invoice(require_api_user(), number)))


@bp.post("/invoices/<number>/void")
def invoice_void(number):
    return jsonify(shapes.invoice(invoices.void_invoice(require_api_user(), number, body())))


openapi.operation(
    "post",
    "/api/v1/invoices/{number}/checkout",
    "Pay what the invoice still owes by card: a Stripe Checkout Session to send the payer to "
    "(the same one again while it is open); 409 when card payments are off or nothing is owed",
    tag=TAG,
    status=201,
    auth=True,
    errors=(404, 409),
    response=openapi.schema(
        "CheckoutSession",
        {
            "type": "object",
            "required": ["id", "url", "amount", "invoice_number"],
            "properties": {
                "id": {"type": "string"},
                "url": {"type": "string"},
                "amount": MONEY_OUT,
                "invoice_number": {"type": "string"},
            },
        },
    ),
)


@bp.post("/invoices/<number>/checkout")
def invoice_checkout(number):
    session = cards.start_checkout(require_api_user(), number)
    return jsonify(
        {"id": session.stripe_id, "url": session.url, "amount": to_api(session.amount), "invoice_number": number}
    ), 201
