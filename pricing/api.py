"""Negotiation and invoice API (names as in the contract)."""

from flask import Blueprint, jsonify, request

from accounts.auth import require_api_user
from core import openapi
from core.api import json_object
from core.paging import list_body, paging
from finance.services import cards
from pricing import shapes
from pricing.money import to_api
from pricing.services import invoices, negotiation

bp = Blueprint("pricing_api", __name__, url_prefix="/api/v1")
TAG = "pricing"


body = json_object


op = openapi.declarer("/api/v1", TAG)


op("get", "/negotiations", "Negotiations (an enterprise sees its own; operators all)", errors=(400,))
op(
    "post",
    "/negotiations",
    "Open a negotiation on a published listing (consumer)",
    status=201,
    errors=(400,),
    body_schema={
        "type": "object",
        "required": ["listing_id", "message"],
        "properties": {
            "listing_id": {"type": "integer"},
            "demand_id": {"type": "integer"},
            "message": {"type": "string"},
            "amount": {"type": "string"},
            "delivery_mode": {"type": "string"},
        },
    },
)
op("get", "/negotiations/{id}", "Status, offers, messages, invoice number", errors=(404,))
op(
    "post",
    "/negotiations/{id}/messages",
    "Post a message",
    status=201,
    body_schema={"type": "object", "required": ["body"], "properties": {"body": {"type": "string"}}},
)
op(
    "post",
    "/negotiations/{id}/offers",
    "Make an offer; it supersedes the standing one",
    status=201,
    body_schema={
        "type": "object",
        "required": ["amount"],
        "properties": {
            "amount": {"type": "string"},
            "message": {"type": "string"},
            "valid_days": {"type": "integer"},
            "quantity": {"type": "integer"},
            "term_months": {"type": "integer"},
        },
    },
)
op(
    "post",
    "/negotiations/{id}/accept",
    "Accept the other side's standing offer: agreement and invoice",
    body_schema={"type": "object", "required": ["offer_id"], "properties": {"offer_id": {"type": "integer"}}},
)
op(
    "post",
    "/negotiations/{id}/withdraw",
    "End the negotiation without agreement",
    body_schema={"type": "object", "required": ["reason"], "properties": {"reason": {"type": "string"}}},
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
    actor = require_api_user()
    negotiation.accept(actor, thread_id, body())
    return jsonify(shapes.thread(negotiation.visible_thread(actor, thread_id)))


@bp.post("/negotiations/<thread_id>/withdraw")
def negotiation_withdraw(thread_id):
    return jsonify(shapes.thread(negotiation.withdraw(require_api_user(), thread_id, body())))


op("get", "/invoices", "Invoices (an enterprise sees its own; operator and finance all)", errors=(400,))
op("get", "/invoices/{number}", "One invoice", errors=(404,))
op(
    "post",
    "/invoices/{number}/void",
    "Void an invoice with a reason; the number stays used (finance)",
    body_schema={"type": "object", "required": ["reason"], "properties": {"reason": {"type": "string"}}},
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
                "amount": {"type": "string"},
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
