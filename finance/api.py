"""Finance API (the finance role only): month reports, closing, statements and the matching
queue, payments and refunds, remittances, the journal, customer credit, the revenue ceiling."""

from flask import Blueprint, jsonify, request

from accounts.auth import require_api_user
from core import jobs, limits, openapi
from core.api import json_object
from core.extensions import db
from core.openapi import DATE, DATETIME, MONEY, MONEY_OUT, MONTH, nullable, obj, query
from core.paging import list_body, paging
from finance import shapes
from finance.services import FINANCE, ceilings, checks, closing, payments, remittances, reports, statements
from marketplace.services import access

bp = Blueprint("finance_api", __name__, url_prefix="/api/v1/finance")
TAG = "finance"
op = openapi.declarer("/api/v1/finance", TAG)

# ---- the shapes answered (finance/shapes.py), declared once ------------------------------------
S, NS, INT, BOOL = {"type": "string"}, nullable({"type": "string"}), {"type": "integer"}, {"type": "boolean"}
SCALAR = {"type": ["string", "number", "integer", "boolean", "null"]}
FIGURES = {"type": "object", "additionalProperties": SCALAR}
LINE_STATUS = {"type": "string", "enum": ["new", "unmatched", "matched", "partial", "over"]}
CHANNEL = {"type": "string", "enum": ["bank", "stripe"]}


def _text(max_length: int, required: bool = True) -> dict:
    return {"type": "string", "maxLength": max_length} | ({"minLength": 1} if required else {})


_statement = openapi.schema(
    "BankStatement",
    obj(
        id=INT,
        filename=S,
        encoding=NS,
        line_count=nullable(INT),
        new_lines=nullable(INT),
        summary={"type": "object", "additionalProperties": True},
        uploaded_at=nullable(DATETIME),
    ),
)
_line = openapi.schema(
    "StatementLine",
    obj(
        id=INT,
        statement_id=INT,
        line_no=INT,
        booked_on=DATE,
        amount=MONEY_OUT,
        payer_name=NS,
        payer_account=NS,
        remark=NS,
        status=LINE_STATUS,
        matched_by=NS,
        invoice_number=NS,
        applied=MONEY_OUT,
        credited=MONEY_OUT,
        period=NS,
    ),
)
_payment = openapi.schema(
    "Payment",
    obj(
        id=INT,
        channel=CHANNEL,
        reference=NS,
        invoice_number=NS,
        amount=MONEY_OUT,
        applied=MONEY_OUT,
        credited=MONEY_OUT,
        fee=MONEY_OUT,
        refunded=MONEY_OUT,
        received_on=DATE,
        payer_name=NS,
        matched_by=NS,
    ),
)
_refund = openapi.schema(
    "Refund",
    obj(id=INT, payment_id=INT, reference=S, amount=MONEY_OUT, refunded_on=DATE, reason=NS),
)
_remittance = openapi.schema(
    "Remittance",
    obj(id=INT, month=MONTH, amount=MONEY_OUT, paid_on=DATE, reference=S, note=NS, entry_id=nullable(INT)),
)
_entry = openapi.schema(
    "JournalEntry",
    obj(
        id=INT,
        period=MONTH,
        occurred_on=DATE,
        kind=S,
        memo=NS,
        is_adjustment=BOOL,
        note=NS,
        lines={
            "type": "array",
            "items": obj(
                account=S,
                account_label=S,
                debit=MONEY_OUT,
                credit=MONEY_OUT,
                invoice_id=nullable(INT),
                organisation_id=nullable(INT),
            ),
        },
    ),
)
_month_report = openapi.schema(
    "MonthReport",
    obj(
        month=MONTH,
        status={"type": "string", "enum": ["open", "closed"]},
        closed_at=nullable(DATETIME),
        figures=FIGURES,
        aging=obj(
            as_of=DATE,
            buckets={
                "type": "array",
                "items": obj(bucket=S, count=INT, outstanding=MONEY_OUT, overdue=MONEY_OUT),
            },
            outstanding=MONEY_OUT,
            overdue=MONEY_OUT,
        ),
        departments={"type": "array", "items": FIGURES},
        year_to_date=obj(
            year=INT,
            net_revenue=MONEY_OUT,
            ceiling=MONEY_OUT,
            approval_ref=NS,
            remaining=MONEY_OUT,
            percent_used=SCALAR,
            exceeded=BOOL,
        ),
        series={
            "type": "array",
            "items": obj(
                required=["month"], month=MONTH, net_revenue=MONEY_OUT, remittance_due=MONEY_OUT, remitted=MONEY_OUT
            ),
        },
        adjustments={
            "type": "array",
            "items": obj(entry_id=INT, occurred_on=DATE, kind=S, memo=NS, note=S, amount=MONEY_OUT),
        },
        unsettled_remittances={"type": "array", "items": obj(required=["month"], month=MONTH)},
    ),
)


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
    response=_month_report,
)
op(
    "post",
    "/months/{month}/close",
    "Close an ended month (it is locked; later postings dated in it go to the next open month as adjustments)",
    response=obj(month=MONTH, status={"type": "string", "enum": ["closed"]}, figures=FIGURES),
)
op(
    "get",
    "/check",
    "The ledger's invariants (as `flask finance check`)",
    errors=(),
    response=obj(
        ok=BOOL,
        checks={
            "type": "array",
            "items": obj(name=S, ok=BOOL, detail=NS, problems={"type": "array", "items": S}),
        },
    ),
)
op(
    "get",
    "/statements",
    "Imported bank statements",
    errors=(400,),
    params=openapi.PAGING,
    response=openapi.page_of(_statement),
)
op(
    "post",
    "/statements",
    "Import a bank statement (multipart field `file`, or the CSV as the body; UTF-8 or GBK; at most "
    "MAX_STATEMENT_BYTES, 100 MB by default) as a background job: 202 at once with the job and "
    "Location: /api/v1/jobs/{id}; the job's result names the statement (duplicate=true when the same "
    "file was imported before) or its error the lines that cannot be read",
    status=202,
    errors=(400, 413),
    params=[query("filename", {"type": "string", "maxLength": 255}, "the file's name when the CSV is the body")],
    body_content={
        "multipart/form-data": obj(file={"type": "string", "contentMediaType": "text/csv"}),
        "text/csv": {"type": "string"},
    },
    response={"$ref": "#/components/schemas/JobAccepted"},
)
op("get", "/statements/{id}", "One statement with its outcome", errors=(404,), response=_statement)
op(
    "get",
    "/statement-lines",
    "Statement lines by status (default: the unmatched queue)",
    errors=(400,),
    params=[query("status", LINE_STATUS), *openapi.PAGING],
    response=openapi.page_of(_line),
)
op(
    "post",
    "/statement-lines/{id}/match",
    "Match a queued line to an invoice by hand",
    body_schema=obj(invoice_number=_text(24)),
    response=_line,
)
op(
    "get",
    "/payments",
    "Payments received (?channel=bank|stripe)",
    errors=(400,),
    params=[query("channel", CHANNEL), *openapi.PAGING],
    response=openapi.page_of(_payment),
)
op(
    "post",
    "/payments/{id}/refunds",
    "Record a refund of a payment (from the customer's credit first, then reopening the invoice)",
    status=201,
    body_schema=obj(
        required=["amount", "refunded_on", "reference"],
        amount=MONEY,
        refunded_on=DATE,
        reference=_text(120),
        reason=nullable(_text(2000, False)),
    ),
    response=_refund,
)
op(
    "get",
    "/remittances",
    "Remittance transfers (?month=)",
    errors=(400,),
    params=[query("month", MONTH), *openapi.PAGING],
    response=openapi.page_of(_remittance),
)
op(
    "post",
    "/remittances",
    "Record a transfer of state-capital income for a month",
    status=201,
    errors=(400, 409),
    body_schema=obj(
        required=["month", "amount", "paid_on", "reference"],
        month=MONTH,
        amount=MONEY,
        paid_on=DATE,
        reference=_text(120),
        note=nullable(_text(2000, False)),
    ),
    response=_remittance,
)
op(
    "get",
    "/journal",
    "Journal entries of a month (?month=) with their lines",
    errors=(400,),
    params=[query("month", MONTH, required=True), *openapi.PAGING],
    response=openapi.page_of(_entry),
)
op(
    "get",
    "/credits",
    "Customers' credit (overpayments) by enterprise",
    errors=(),
    response=openapi.page_of(obj(organisation_id=INT, code=S, name=S, credit=MONEY_OUT)),
)
op(
    "put",
    "/ceilings/{year}",
    "Set the year's approved maximum permitted revenue (最高准许收入)",
    body_schema=obj(required=["amount"], amount=MONEY, approval_ref=nullable(_text(200, False))),
    response=obj(year=INT, amount=MONEY_OUT, approval_ref=NS),
)


@bp.get("/months/<month>")
def month_report(month):
    finance_user()
    return jsonify(shapes.plain(reports.month_report(remittances.validate_month(month))))


@bp.post("/months/<month>/close")
def month_close(month):
    row = closing.close_month(finance_user(), remittances.validate_month(month))
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
    return jsonify(shapes.refund(payments.record_refund(finance_user(), payment_id, json_object(strict=False)))), 201


@bp.get("/remittances")
def remittance_index():
    actor, month = finance_user(), request.args.get("month") or None
    return _listed(lambda page, per_page: remittances.remittances(actor, page, per_page, month), shapes.remittance)


@bp.post("/remittances")
def remittance_record():
    return jsonify(shapes.remittance(remittances.record_remittance(finance_user(), json_object(strict=False)))), 201


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
    row = ceilings.set_ceiling(finance_user(), year, json_object(strict=False))
    db.session.refresh(row)
    return jsonify({"year": row.year, "amount": str(row.amount), "approval_ref": row.approval_ref})
