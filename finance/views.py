"""The finance workspace (the finance role only): the month report with charts and its CSV,
statement upload and the matching queue, payments and refunds, remittances, the journal, closing.
Thin: load, call one service, flash, redirect; a ValidationError re-renders the form with messages."""

import io
from decimal import Decimal

from babel.numbers import format_compact_decimal
from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import format_percent, get_locale
from flask_babel import gettext as _

from accounts.auth import role_required
from accounts.forms import EmptyForm
from core import jobs, limits
from core.errors import Conflict, NotFound, ValidationError
from core.i18n import fmt_money
from core.paging import page_window, paging
from core.web import checked_post, me, put_errors
from finance import charts, exports, labels, periods
from finance import forms as F
from finance.ledger import CHART, account_label
from finance.services import FINANCE, ceilings, closing, payments, remittances, reports, statements

bp = Blueprint("finance", __name__, url_prefix="/finance", template_folder="templates")
PER_PAGE = 50


@bp.context_processor
def finance_labels():
    return {"L": labels, "account_label": account_label, "CHART": CHART, "adjustment_note": periods.adjustment_note}


def _month_or_404(month: str) -> str:
    return remittances.validate_month(month)


def _paged(list_call, *args) -> tuple[list, int, dict]:
    """A page of list_call(...) as the request asks for it, and what the pager macro draws."""
    page, per_page = paging(request.args, PER_PAGE, strict=False)
    rows, total = list_call(*args, page, per_page)
    return rows, total, page_window(total, per_page, page)


@bp.get("/")
@role_required(*FINANCE)
def home():
    return redirect(url_for(".month", month=periods.month_of(periods.today())))


def _charts(report: dict):
    series = report["series"]
    months = [s["month"][2:] for s in series]

    def short(value):
        return format_compact_decimal(value, format_type="short", fraction_digits=1, locale=get_locale())

    revenue = charts.bar_chart(
        _("Net revenue, last 12 months"),
        months,
        [(_("Net revenue"), [s["net_revenue"] for s in series])],
        fmt_money,
        short,
    )
    remitted = charts.bar_chart(
        _("State-capital income, last 12 months"),
        months,
        [
            (_("Amount due"), [s["remittance_due"] for s in series]),
            (_("Remitted"), [s["remitted"] for s in series]),
        ],
        fmt_money,
        short,
    )
    return revenue, remitted


def _render_month(month, ceiling_form=None, status=200):
    close_problem = periods.closable_problem(month)
    report = reports.month_report(month)
    revenue_chart, remittance_chart = _charts(report)
    ytd = report["year_to_date"]
    return render_template(
        "finance/month.html",
        report=report,
        figures={
            k: (Decimal(v) if k not in ("remittance_base", "invoices_issued") else v)
            for k, v in report["figures"].items()
        },
        rate_percent=format_percent(Decimal(report["figures"]["remittance_rate"]), "#,##0.##%"),
        used_percent=format_percent(ytd["percent_used"] / 100, "#,##0.#%"),
        revenue_chart=revenue_chart,
        remittance_chart=remittance_chart,
        previous=periods.previous_month(month),
        following=periods.next_month(month),
        can_close=close_problem is None,
        close_problem=close_problem,
        form=EmptyForm(),
        ceiling_form=ceiling_form or F.CeilingForm(formdata=None, amount=str(ytd["ceiling"])),
        queue_total=statements.queue(me(), 1, 1)[1],
    ), status


@bp.get("/months/<month>")
@role_required(*FINANCE)
def month(month):
    return _render_month(_month_or_404(month))


@bp.get("/months/<month>.csv")
@role_required(*FINANCE)
def month_csv(month):
    report = reports.month_report(_month_or_404(month))
    return Response(
        exports.month_csv(report),
        mimetype="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="finance-{month}.csv"'},
    )


@bp.post("/months/<month>/close")
@role_required(*FINANCE)
def month_close(month):
    month = _month_or_404(month)
    back = url_for(".month", month=month)
    if (refused := checked_post(back)) is not None:
        return refused
    try:
        closing.close_month(me(), month)
    except Conflict as exc:
        flash(str(exc.message), "error")
    else:
        flash(
            _("%(month)s is closed. Anything dated in it from now on goes into the next open month.", month=month),
            "success",
        )
    return redirect(back)


@bp.post("/ceilings/<int:year>")
@role_required(*FINANCE)
def ceiling(year):
    month = request.args.get("month") or periods.month_of(periods.today())
    form = F.CeilingForm()
    if not form.validate_on_submit():
        return checked_post(url_for(".month", month=month)) or redirect(url_for(".month", month=month))
    try:
        ceilings.set_ceiling(me(), year, form.to_data())
    except ValidationError as exc:
        put_errors(form, exc)
        return _render_month(_month_or_404(month), ceiling_form=form, status=400)
    flash(_("The maximum permitted revenue for %(year)d is recorded.", year=year), "success")
    return redirect(url_for(".month", month=month))


# --- bank statements and the matching queue ---------------------------------------------------


def _render_statements(form=None, status=200):
    rows, total, pages = _paged(statements.statements, me())
    return render_template(
        "finance/statements.html", rows=rows, total=total, pages=pages, form=form or F.StatementForm(formdata=None)
    ), status


@bp.get("/statements")
@role_required(*FINANCE)
def statement_index():
    return _render_statements()


@bp.post("/statements")
@limits.large_upload("MAX_STATEMENT_BYTES")
@role_required(*FINANCE)
def statement_upload():
    form = F.StatementForm()
    if not form.validate_on_submit():
        return checked_post(url_for(".statement_index")) or _render_statements(form, 400)
    upload = form.file.data
    try:
        job = statements.start_import(
            me(), getattr(upload, "filename", ""), upload.stream if upload else io.BytesIO(b"")
        )
    except ValidationError as exc:
        put_errors(form, exc)
        return _render_statements(form, 400)
    return redirect(url_for(".statement_job", job_id=job.id))


@bp.get("/statements/jobs/<int:job_id>")
@role_required(*FINANCE)
def statement_job(job_id):
    """An upload being imported: a progress bar (static/js/jobs.js asks the job's API address and
    reloads this page when it ends), then the statement, or why it could not be imported."""
    job = jobs.visible_job(me(), job_id)
    if job.kind != "statement_import":
        raise NotFound(_("No such job."))
    outcome = job.result or {}
    if job.status == "done" and outcome.get("duplicate"):
        flash(
            _("This file was already imported (statement %(id)d); nothing changed.", id=outcome["statement_id"]), "info"
        )
        return redirect(url_for(".statement", statement_id=outcome["statement_id"]))
    if job.status == "done":
        flash(
            _("Statement imported: %(n)d lines, %(new)d new.", n=outcome["line_count"], new=outcome["new_lines"]),
            "success",
        )
        return redirect(url_for(".statement", statement_id=outcome["statement_id"]))
    return render_template("finance/statement_job.html", job=job, filename=(job.params or {}).get("filename", ""))


@bp.get("/statements/<int:statement_id>")
@role_required(*FINANCE)
def statement(statement_id):
    record = statements.load_statement(me(), statement_id)
    return render_template("finance/statement.html", statement=record, lines=statements.first_lines(record))


def _render_queue(forms=None, status=200):
    rows, total, pages = _paged(statements.queue, me())
    forms = forms or {}
    return render_template(
        "finance/queue.html",
        rows=rows,
        total=total,
        pages=pages,
        forms={r.id: forms.get(r.id) or F.MatchForm(prefix=f"m{r.id}", formdata=None) for r in rows},
    ), status


@bp.get("/queue")
@role_required(*FINANCE)
def queue():
    return _render_queue()


@bp.post("/queue/<int:line_id>/match")
@role_required(*FINANCE)
def match(line_id):
    form = F.MatchForm(prefix=f"m{line_id}")
    if not form.validate_on_submit():
        return checked_post(url_for(".queue")) or redirect(url_for(".queue"))
    try:
        line = statements.match_line(me(), line_id, form.to_data())
    except ValidationError as exc:
        put_errors(form, exc)
        return _render_queue({line_id: form}, 400)
    except Conflict as exc:
        flash(str(exc.message), "error")
        return redirect(url_for(".queue"))
    flash(_("Line matched to %(number)s.", number=line.invoice.number), "success")
    return redirect(url_for(".queue"))


# --- payments, refunds, remittances, journal ----------------------------------------------------


@bp.get("/payments")
@role_required(*FINANCE)
def payment_index():
    channel = request.args.get("channel") or None
    rows, total, pages = _paged(lambda page, per_page: payments.payments_list(me(), page, per_page, channel))
    return render_template(
        "finance/payments.html", rows=rows, total=total, pages=pages, credits=reports.customer_credits()
    )


def _render_payment(payment, form=None, status=200):
    return render_template("finance/payment.html", payment=payment, form=form or F.RefundForm(formdata=None)), status


@bp.get("/payments/<int:payment_id>")
@role_required(*FINANCE)
def payment(payment_id):
    return _render_payment(payments.load_payment(payment_id))


@bp.post("/payments/<int:payment_id>/refunds")
@role_required(*FINANCE)
def refund(payment_id):
    record = payments.load_payment(payment_id)
    back = url_for(".payment", payment_id=record.id)
    form = F.RefundForm()
    if not form.validate_on_submit():
        return checked_post(back) or redirect(back)
    try:
        payments.record_refund(me(), record.id, form.to_data())
    except ValidationError as exc:
        put_errors(form, exc)
        return _render_payment(payments.load_payment(payment_id), form, 400)
    except Conflict as exc:
        flash(str(exc.message), "error")
        return redirect(back)
    flash(_("The refund is recorded."), "success")
    return redirect(back)


def _render_remittances(form=None, status=200):
    rows, total, pages = _paged(remittances.remittances, me())
    month_now = periods.month_of(periods.today())
    months = periods.months_back(month_now, 12)[::-1]
    status_rows = [{"month": m, **status} for m, status in remittances.remittance_by_month(months).items()]
    return render_template(
        "finance/remittances.html",
        rows=rows,
        total=total,
        pages=pages,
        status_rows=status_rows,
        form=form or F.RemittanceForm(formdata=None, month=periods.previous_month(month_now)),
    ), status


@bp.get("/remittances")
@role_required(*FINANCE)
def remittance_index():
    return _render_remittances()


@bp.post("/remittances")
@role_required(*FINANCE)
def remittance_record():
    form = F.RemittanceForm()
    if not form.validate_on_submit():
        return checked_post(url_for(".remittance_index")) or _render_remittances(form, 400)
    try:
        record = remittances.record_remittance(me(), form.to_data())
    except ValidationError as exc:
        put_errors(form, exc)
        return _render_remittances(form, 400)
    flash(
        _("Transfer of %(amount)s for %(month)s recorded.", amount=fmt_money(record.amount), month=record.for_period),
        "success",
    )
    return redirect(url_for(".remittance_index"))


@bp.get("/journal")
@role_required(*FINANCE)
def journal():
    month = request.args.get("month") or periods.month_of(periods.today())
    month = _month_or_404(month)
    rows, total, pages = _paged(reports.journal, month)
    return render_template("finance/journal.html", rows=rows, total=total, month=month, pages=pages)
