"""Printable documents: GET /invoices/<number>.pdf for those who may see the invoice."""

from flask import Blueprint, Response
from flask_login import current_user, login_required

from core.i18n import is_english
from finance.services.invoices import visible_invoice
from pricing.pdf import invoice_pdf

bp = Blueprint("pricing_documents", __name__)


@bp.get("/invoices/<number>.pdf")
@login_required
def invoice_document(number: str):
    # NotFound (404) for an unknown invoice and for one this user may not see: no existence leak
    invoice = visible_invoice(current_user._get_current_object(), number)
    pdf = invoice_pdf(invoice, english=is_english())
    response = Response(pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{invoice.number}.pdf"'
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
