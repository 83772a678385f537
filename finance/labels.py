"""What the month report's figures are called, in one place for the page, the CSV and the API docs."""

from flask_babel import lazy_gettext as _l

FIGURES = {
    "invoices_issued": _l("Invoices issued"),
    "invoiced_total": _l("Invoiced (VAT included)"),
    "voided_total": _l("Voided"),
    "net_revenue": _l("Net revenue (VAT excluded)"),
    "vat": _l("VAT"),
    "received_bank": _l("Received by bank transfer"),
    "received_card": _l("Received by card (Stripe)"),
    "refunded": _l("Refunded"),
    "card_fees": _l("Card processing fees"),
    "applied_to_invoices": _l("Applied to invoices"),
    "customer_credit_added": _l("Added to customers' credit"),
    "unidentified_receipts": _l("Unidentified receipts (awaiting matching)"),
    "remittance_rate": _l("Remittance rate"),
    "remittance_base": _l("Remittance base"),
    "remittance_base_amount": _l("Revenue received (remittance base)"),
    "remittance_due": _l("State-capital income due"),
    "remitted": _l("Remitted"),
    "remittance_difference": _l("Difference (due − remitted)"),
    "receivables_outstanding": _l("Receivables outstanding at month end"),
}
BASES = {"net": _l("net revenue received, VAT excluded"), "gross": _l("revenue received, VAT included")}
AGING = {"0-30": _l("0–30 days"), "31-60": _l("31–60 days"), "61-90": _l("61–90 days"), "90+": _l("Over 90 days")}
LINE_STATUS = {
    "matched": _l("Matched"),
    "partial": _l("Partial payment"),
    "over": _l("Overpaid (credit)"),
    "unmatched": _l("Unmatched"),
    "outgoing": _l("Paid out"),
    "new": _l("New"),
}
MATCHED_BY = {
    "remark": _l("Invoice number in the remark"),
    "payer_amount": _l("Payer and amount"),
    "manual": _l("By hand"),
    "": "",
}
ENTRY_KINDS = {
    "invoice": _l("Invoice"),
    "void": _l("Void"),
    "payment": _l("Payment"),
    "receipt": _l("Bank receipts"),
    "fee": _l("Fee"),
    "refund": _l("Refund"),
    "accrual": _l("State-capital income accrued"),
    "remittance": _l("Remittance"),
}
CHANNELS = {"bank": _l("Bank transfer"), "stripe": _l("Card (Stripe)")}
