"""Card refunds by hand: recorded under Stripe's refund id only. Its own module (its own books), so
the invoice it issues never shows in the month report test_workspace.py checks to the cent."""

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from core.extensions import db
from finance.models import Payment
from finance.services import payments


def test_a_card_refund_is_recorded_under_stripes_refund_id_only(books):
    app = books.app
    with app.app_context():
        buyer = books.buyer()
        number = books.invoice(buyer, "500.00")
        invoice = db.session.scalar(select(Payment.invoice.property.mapper.class_).filter_by(number=number))
        payment = payments.receive("stripe", Decimal("500.00"), date(2026, 11, 26), f"pi_{number}", invoice=invoice)
        db.session.commit()
        payment_id = payment.id
    client = app.test_client()
    headers = books.finance_headers
    body = {"amount": "100.00", "refunded_on": "2026-11-26", "reference": "RF-by-hand"}
    refused = client.post(f"/api/v1/finance/payments/{payment_id}/refunds", json=body, headers=headers)
    assert refused.status_code == 400 and "reference" in refused.json["error"]["fields"]
    body["reference"] = "re_3Pabc"
    assert client.post(f"/api/v1/finance/payments/{payment_id}/refunds", json=body, headers=headers).status_code == 201
    invoice_now = client.get(f"/api/v1/invoices/{number}", headers=headers).json
    assert invoice_now["status"] == "partially_paid" and invoice_now["paid"] == "400.00"
