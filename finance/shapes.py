"""Finance objects as JSON: money as strings with 2 places, dates as ISO, times in UTC."""

from datetime import date, datetime
from decimal import Decimal

from core.money import to_api
from core.timeutil import isoformat_utc
from finance.ledger import account_label


def plain(value):
    """Decimals, dates and nested containers made JSON-ready."""
    if isinstance(value, Decimal):
        return to_api(value)
    if isinstance(value, datetime):
        return isoformat_utc(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def statement(s) -> dict:
    return {
        "id": s.id,
        "filename": s.filename,
        "encoding": s.encoding,
        "line_count": s.line_count,
        "new_lines": s.new_lines,
        "summary": s.summary or {},
        "uploaded_at": isoformat_utc(s.uploaded_at),
    }


def line(x) -> dict:
    return {
        "id": x.id,
        "statement_id": x.statement_id,
        "line_no": x.line_no,
        "booked_on": x.booked_on.isoformat(),
        "amount": to_api(x.amount),
        "payer_name": x.payer_name,
        "payer_account": x.payer_account,
        "remark": x.remark,
        "status": x.status,
        "matched_by": x.matched_by,
        "invoice_number": x.invoice.number if x.invoice_id else None,
        "applied": to_api(x.applied),
        "credited": to_api(x.credited),
        "period": x.period,
    }


def payment(p) -> dict:
    return {
        "id": p.id,
        "channel": p.channel,
        "reference": p.reference,
        "invoice_number": p.invoice.number if p.invoice_id else None,
        "amount": to_api(p.amount),
        "applied": to_api(p.applied),
        "credited": to_api(p.credited),
        "fee": to_api(p.fee),
        "refunded": to_api(p.refunded),
        "received_on": p.received_on.isoformat(),
        "payer_name": p.payer_name,
        "matched_by": p.matched_by,
    }


def refund(r) -> dict:
    return {
        "id": r.id,
        "payment_id": r.payment_id,
        "reference": r.reference,
        "amount": to_api(r.amount),
        "refunded_on": r.refunded_on.isoformat(),
        "reason": r.reason,
    }


def remittance(r) -> dict:
    return {
        "id": r.id,
        "month": r.for_period,
        "amount": to_api(r.amount),
        "paid_on": r.paid_on.isoformat(),
        "reference": r.reference,
        "note": r.note,
        "entry_id": r.entry_id,
    }


def entry(e) -> dict:
    return {
        "id": e.id,
        "period": e.period,
        "occurred_on": e.occurred_on.isoformat(),
        "kind": e.kind,
        "memo": e.memo,
        "is_adjustment": e.is_adjustment,
        "note": e.note,
        "lines": [
            {
                "account": x.account,
                "account_label": account_label(x.account),
                "debit": to_api(x.debit),
                "credit": to_api(x.credit),
                "invoice_id": x.invoice_id,
                "organisation_id": x.organisation_id,
            }
            for x in e.lines
        ],
    }
