"""Finance API (the finance role only): month reports, closing, statements and the matching
queue, payments and refunds, remittances, the journal, customer credit, the revenue ceiling."""

from flask import Blueprint, jsonify, request

from accounts.auth import require_api_user
from core import jobs, limits, openapi
from core.api import json_object
from core.extensions import db
from core.paging import list_body, paging
from finance import shapes
from finance.services import FINANCE, ceilings, checks, payments, remittances, reports, statements
from marketplace.services import access

bp = Blueprint("finance_api", __name__, url_prefix="/api/v1/finance")
TAG = "finance"
MONTH = [{"name": "month", "in": "path", "required": True, "schema": {"type": "string", "example": "2026-10"}}]


op = openapi.declarer("/api/v1/finance", TAG)


def _listed(list_call, shape):
    """A list answer: the page the request asks for, of list_call(page, per_page), in shape."""
    page, per_page = paging(request.args)
    rows, total = list_call(page, per_page)
    return jsonify(list_body([shape(row) for row in rows], total, page, per_page))


def finance_user():
    return access.require_role(require_api_user(), *FINANCE)


op(
    "get",
    "/months/{month}",
    "The month report: invoices, payments by channel, aging, revenue, VAT, "
    "remittance due/remitted, departments, year against the permitted revenue, 12-month series",
    params=MONTH,
)
op(
    "post",
    "/months/{month}/close",
    "Close an ended month (it is locked; later postings dated in it go to the next open month as adjustments)",
    params=MONTH,
)
op("get", "/check", "The ledger's invariants (as `flask finance check`)", errors=())
op("get", "/statements", "Imported bank statements", errors=(400,))
openapi.operation(
    "post",
    "/api/v1/finance/statements",
    "Import a bank statement (multipart field `file`, or the CSV as the body; UTF-8 or GBK; at most "
    "MAX_STATEMENT_BYTES, 100 MB by default) as a background job: 202 at once with the job and "
    "Location: /api/v1/jobs/{id}; the job's result names the statement (duplicate=true when the same "
    "file was imported before) or its error the lines that cannot be read",
    tag=TAG,
    status=202,
    auth=True,
    errors=(400, 413),
    response={"$ref": "#/components/schemas/JobAccepted"},
    params=[{"name": "filename", "in": "query", "schema": {"type": "string"}, "description": "with a raw body"}],
)
op("get", "/statements/{id}", "One statement with its outcome", errors=(404,))
op("get", "/statement-lines", "Statement lines by status (default: the unmatched queue)", errors=(400,))
op(
    "post",
    "/statement-lines/{id}/match",
    "Match a queued line to an invoice by hand",
    body_schema={
        "type": "object",
        "required": ["invoice_number"],
        "properties": {"invoice_number": {"type": "string"}},
    },
)
op("get", "/payments", "Payments received (?channel=bank|stripe)", errors=(400,))
op(
    "post",
    "/payments/{id}/refunds",
    "Record a refund of a payment (from the customer's credit first, then reopening the invoice)",
    status=201,
    body_schema={
        "type": "object",
        "required": ["amount", "refunded_on", "reference"],
        "properties": {
            "amount": {"type": "string"},
            "refunded_on": {"type": "string", "format": "date"},
            "reference": {"type": "string"},
            "reason": {"type": "string"},
        },
    },
)
op("get", "/remittances", "Remittance transfers (?month=)", errors=(400,))
op(
    "post",
    "/remittances",
    "Record a transfer of state-capital income for a month",
    status=201,
    errors=(400,),
    body_schema={
        "type": "object",
        "required": ["month", "amount", "paid_on", "reference"],
        "properties": {
            "month": {"type": "string", "example": "2026-10"},
            "amount": {"type": "string"},
            "paid_on": {"type": "string", "format": "date"},
            "reference": {"type": "string"},
            "note": {"type": "string"},
        },
    },
)
op("get", "/journal", "Journal entries of a month (?month=) with their lines", errors=(400,))
op("get", "/credits", "Customers' credit (overpayments) by enterprise", errors=())
op(
    "put",
    "/ceilings/{year}",
    "Set the year's approved maximum permitted revenue (最高准许收入)",
    body_schema={
        "type": "object",
        "required": ["amount"],
        "properties": {"amount": {"type": "string"}, "approval_ref": {"type": "string"}},
    },
)


@bp.get("/months/<month>")
def month_report(month):
    finance_user()
    return jsonify(shapes.plain(reports.month_report(remittances.validate_month(month))))


@bp.post("/months/<month>/close")
def month_close(month):
    row = remittances.close_month(finance_user(), remittances.validate_month(month))
    return jsonify({"month": row.month, "status": row.status, "figures": row.closing_figures})


@bp.get("/check")
def check():
    finance_user()
    results = checks.run_checks()
    return jsonify(
        {
            "ok": all(r.ok for r in results),
            "checks": [{"name": r.name, "ok": r.ok, "detail": r.detail, "problems": r.problems} for r in results],
        }
    )


@bp.get("/statements")
def statement_index():
    actor = finance_user()
    return _listed(lambda page, per_page: statements.statements(actor, page, per_page), shapes.statement)


@bp.post("/statements")
@limits.large_upload("MAX_STATEMENT_BYTES")
def statement_import():
    actor = finance_user()
    upload = request.files.get("file")
    if upload is not None:
        job = statements.start_import(actor, upload.filename, upload.stream)
    else:
        job = statements.start_import(actor, request.args.get("filename", "statement.csv"), request.stream)
    return jobs.accepted(job)


@bp.get("/statements/<statement_id>")
def statement_get(statement_id):
    return jsonify(shapes.statement(statements.load_statement(finance_user(), statement_id)))


@bp.get("/statement-lines")
def line_index():
    actor, status = finance_user(), request.args.get("status", "unmatched")
    return _listed(lambda page, per_page: statements.queue(actor, page, per_page, status), shapes.line)


@bp.post("/statement-lines/<line_id>/match")
def line_match(line_id):
    actor = finance_user()
    data = json_object()
    line = statements.match_line(actor, line_id, str(data.get("invoice_number") or ""))
    return jsonify(shapes.line(line))


@bp.get("/payments")
def payment_index():
    actor, channel = finance_user(), request.args.get("channel") or None
    return _listed(lambda page, per_page: payments.payments_list(actor, page, per_page, channel), shapes.payment)


@bp.post("/payments/<payment_id>/refunds")
def payment_refund(payment_id):
    return jsonify(shapes.refund(payments.record_refund(finance_user(), payment_id, json_object()))), 201


@bp.get("/remittances")
def remittance_index():
    actor, month = finance_user(), request.args.get("month") or None
    return _listed(lambda page, per_page: remittances.remittances(actor, page, per_page, month), shapes.remittance)


@bp.post("/remittances")
def remittance_record():
    return jsonify(shapes.remittance(remittances.record_remittance(finance_user(), json_object()))), 201


@bp.get("/journal")
def journal():
    finance_user()
    month = remittances.validate_month(request.args.get("month", ""))
    return _listed(lambda page, per_page: reports.journal(month, page, per_page), shapes.entry)


@bp.get("/credits")
def credits():
    finance_user()
    items = shapes.plain(reports.customer_credits())
    return jsonify(list_body(items, len(items)))


@bp.put("/ceilings/<year>")
def ceiling_set(year):
    row = ceilings.set_ceiling(finance_user(), year, json_object())
    db.session.refresh(row)
    return jsonify({"year": row.year, "amount": str(row.amount), "approval_ref": row.approval_ref})
