"""JSON shapes of negotiations and invoices. Money is a string with 2 decimals."""

from core.money import to_api
from core.timeutil import isoformat_utc
from finance.services.invoices import status_of
from pricing.states import INVOICE, OFFER, THREAD


def offer(o) -> dict:
    return {
        "id": o.id,
        "side": o.side,
        "amount": to_api(o.amount),
        "currency": "CNY",
        "pricing_basis": o.pricing_basis,
        "quantity": o.quantity,
        "term_months": o.term_months,
        "message": o.message,
        "valid_until": isoformat_utc(o.valid_until),
        "status": o.status,
        "status_label": OFFER.label(o.status),
        "created_at": isoformat_utc(o.created_at),
    }


def thread(t, viewer=None, messages=None) -> dict:
    """messages: the thread's messages when read apart (rows with id, side, body, created_at), else
    t.messages."""
    standing = next((o for o in t.offers if o.status == "standing"), None)
    return {
        "id": t.id,
        "status": t.status,
        "status_label": THREAD.label(t.status),
        "listing": {
            "id": t.listing.id,
            "title_zh": t.listing.title_zh,
            "title_en": t.listing.title_en,
            "price_cap": to_api(t.listing.price_cap),
            "guide_price": to_api(t.listing.guide_price),
            "pricing_basis": t.listing.pricing_basis,
        },
        "demand_id": t.demand_id,
        "consumer": {"name": t.consumer.name_zh, "credit_code": t.consumer.code},
        "delivery_mode": t.delivery_mode,
        "standing_offer": offer(standing) if standing else None,
        "offers": [offer(o) for o in t.offers],
        "messages": [
            {"id": m.id, "side": m.side, "body": m.body, "at": isoformat_utc(m.created_at)}
            for m in (t.messages if messages is None else messages)
        ],
        "agreement": t.agreement.number if t.agreement else None,
        "agreement_id": t.agreement_id,
        "invoice_number": t.invoice.number if t.invoice else None,
        "close_reason": t.close_reason,
        "created_at": isoformat_utc(t.created_at),
        "updated_at": isoformat_utc(t.updated_at),
    }


def invoice(i) -> dict:
    status = status_of(i)
    return {
        "number": i.number,
        "status": status,
        "status_label": INVOICE.label(status),
        "seller": {"name": i.seller.name_zh, "code": i.seller.code},
        "buyer": {"name": i.buyer_name, "credit_code": i.buyer_credit_code},
        "lines": i.lines,
        "net": to_api(i.net),
        "vat": to_api(i.vat),
        "total": to_api(i.total),
        "vat_rate": str(i.vat_rate),
        "paid": to_api(i.paid),
        "currency": "CNY",
        "issued_at": isoformat_utc(i.issued_at),
        "due_on": i.due_on.isoformat(),
        "agreement": i.agreement.number,
        "void_reason": i.void_reason,
        "voided_at": isoformat_utc(i.voided_at),
    }
