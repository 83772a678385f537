"""Webhooks from payment providers. Stripe signs the raw body, so it is read before anything parses
it; no CSRF token (Stripe has none) and no rate limit (Stripe retries what fails)."""

import logging

from flask import Blueprint, jsonify, request
from flask_babel import gettext as _

from core import openapi
from core.errors import error_body
from finance.services import cards

bp = Blueprint("finance_webhooks", __name__)
log = logging.getLogger(__name__)

openapi.operation(
    "post",
    "/webhooks/stripe",
    "Stripe events: signature verified on the raw body (Stripe-Signature), each event processed once",
    tag="finance",
    params=[{"name": "Stripe-Signature", "in": "header", "required": True, "schema": {"type": "string"}}],
    body={"type": "object", "required": ["id", "type", "data"]},
    response={
        "type": "object",
        "properties": {"received": {"type": "boolean"}, "outcome": {"type": "string"}},
    },
    errors=(400,),
)


@bp.post("/webhooks/stripe")
def stripe_events():
    try:
        outcome = cards.handle_event(request.get_data(), request.headers.get("Stripe-Signature", ""))
    except cards.StripeUnavailable:
        message = _("Stripe could not be reached; the event will be processed when Stripe sends it again.")
        return jsonify(error_body("server_error", message)), 503
    return jsonify({"received": True, "outcome": outcome})
