"""Delivery pages: the data workspace per agreement (datasets and policies, SQL editor with worked
examples, results as a table and a chart, quota and budget meters, export requests), the steward's
column-policy and export-approval pages, and usage pages for each role. Every page calls the same
services as the API."""

from decimal import Decimal

from flask import Blueprint, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from core.errors import Conflict, DomainError, ValidationError
from core.i18n import fmt_number
from delivery.gateway.refusals import QueryRefused
from delivery.rules import MODE_LABELS, OUTCOME_LABELS, ROLE_LABELS
from delivery.services import datasets, exports, policies, queries, terms, usage, versions
from delivery.states import EXPORT
from finance import charts
from marketplace.services.agreements import (
    agreements_for,
    feedback_schedule,
    overdue_feedback,
    party_of,
    visible_agreement,
)

bp = Blueprint(
    "delivery", __name__, template_folder="templates", static_folder="static", static_url_path="/static/delivery"
)


@bp.app_context_processor
def data_versions():
    return {"data_version_of": lambda c: versions.latest(c.id), "delivered_is_stale": versions.is_stale}


@bp.context_processor
def labels():
    return {
        "export_status": EXPORT.label,
        "outcome_label": lambda s: str(OUTCOME_LABELS.get(s, s)),
    }


def examples(tables: list[dict]) -> list[tuple[str, str]]:
    """Worked examples built from the agreement's own tables and what their columns allow: texts put in
    the editor, never run here (hence `nosec B608`); whatever the user sends passes the gateway's checker."""
    out = []
    for table in tables[:2]:
        groupable = [c["name"] for c in table["columns"] if "group_by" in c["allowed"] and c["type"] == "string"]
        numeric = [
            c["name"] for c in table["columns"] if "aggregate" in c["allowed"] and c["type"] in ("decimal", "integer")
        ]
        dated = [c["name"] for c in table["columns"] if "group_by" in c["allowed"] and c["type"] == "date"]
        name = table["table"]
        if groupable:
            out.append(
                (
                    _("Count by %(column)s", column=groupable[0]),
                    f"SELECT {groupable[0]}, COUNT(*) AS n FROM {name} GROUP BY {groupable[0]} ORDER BY n DESC",  # nosec B608
                )
            )
        if groupable and numeric:
            out.append(
                (
                    _("Average %(value)s by %(column)s", value=numeric[0], column=groupable[0]),
                    f"SELECT {groupable[0]}, AVG({numeric[0]}) AS avg_{numeric[0]}, COUNT(*) AS n "  # nosec B608
                    f"FROM {name} GROUP BY {groupable[0]}",
                )
            )
        if dated:
            out.append(
                (
                    _("Records per year"),
                    f"SELECT YEAR({dated[0]}) AS year, COUNT(*) AS n FROM {name} GROUP BY 1 ORDER BY 1",  # nosec B608
                )
            )
        out.append((_("Browse rows (可用不出网 only)"), f"SELECT * FROM {name} LIMIT 50"))  # nosec B608
    return out


def _chart(result: dict):
    """A bar chart for a grouped answer: one key column, the first numeric output."""
    if not result or not result.get("group_columns") or not result.get("rows"):
        return None
    columns = result["columns"]
    key = columns.index(result["group_columns"][0])
    value_index = next(
        (
            i
            for i, c in enumerate(columns)
            if c not in result["group_columns"]
            and all(isinstance(r[i], int | float) or _decimal(r[i]) is not None for r in result["rows"])
        ),
        None,
    )
    if value_index is None:
        return None
    rows = result["rows"][:24]
    labels = [str(r[key]) if r[key] is not None else _("Others (merged)") for r in rows]
    values = [_decimal(r[value_index]) or Decimal(0) for r in rows]
    return charts.bar_chart(
        columns[value_index], labels, [(columns[value_index], values)], lambda v: fmt_number(v), lambda v: fmt_number(v)
    )


def _decimal(value):
    try:
        return Decimal(str(value)) if value is not None else None
    except ArithmeticError:
        return None


def _workspace(agreement_id, sql="", result=None, refusal=None, status=200):
    agreement = visible_agreement(current_user, agreement_id)
    party = party_of(current_user, agreement)
    tables = [datasets.shape(d, agreement.delivery_mode) for d in datasets.of(agreement)]
    ledger = terms.current_ledger(agreement)  # a GET: shown, never made here
    return render_template(
        "delivery/workspace.html",
        a=agreement,
        party=party,
        tables=tables,
        examples=examples(tables),
        sql=sql,
        result=result,
        chart=_chart(result),
        refusal=refusal,
        quota=terms.quota(ledger),
        privacy=terms.privacy(ledger),
        exports=exports.exports_for(current_user, agreement.id),
        feedback=feedback_schedule(agreement),
        mode_label=MODE_LABELS.get(agreement.delivery_mode, agreement.delivery_mode),
        role_labels=ROLE_LABELS,
        attribution=queries.attribution(agreement),
    ), status


@bp.get("/agreements/<int:agreement_id>/workspace")
@login_required
def workspace(agreement_id):
    return _workspace(agreement_id, sql=request.args.get("sql", ""))


@bp.post("/agreements/<int:agreement_id>/workspace")
@login_required
def workspace_query(agreement_id):
    sql = request.form.get("sql", "")
    data = {"sql": sql, "check_only": bool(request.form.get("check_only"))}
    try:
        data["page"] = max(1, int(request.form.get("page", "1")))
    except ValueError:
        data["page"] = 1
    try:
        result = queries.run(current_user, agreement_id, data)
    except QueryRefused as refusal:
        return _workspace(agreement_id, sql, refusal=refusal, status=400)
    except Conflict as conflict:
        return _workspace(agreement_id, sql, refusal=conflict, status=409)
    return _workspace(agreement_id, sql, result=result)


@bp.post("/agreements/<int:agreement_id>/export-requests")
@login_required
def export_request(agreement_id):
    try:
        exports.request_export(
            current_user, agreement_id, {"sql": request.form.get("sql", ""), "purpose": request.form.get("purpose", "")}
        )
        flash(_("Export requested: the providing department decides."), "success")
    except (ValidationError, Conflict) as exc:
        flash(exc.message + " " + " ".join(str(m) for ms in exc.fields.values() for m in ms), "error")
    return redirect(url_for(".workspace", agreement_id=agreement_id))


@bp.get("/exports/<int:export_id>/file")
@login_required
def export_file(export_id):
    path, name = exports.download(current_user, export_id)
    return send_file(path, as_attachment=True, download_name=name)


@bp.get("/delivery/exports")
@login_required
def export_approvals():
    """The steward's and the operator's decisions: what waits for the viewer first, then the rest."""
    items = exports.exports_for(current_user)
    may_decide = {e.id: exports.may_decide(current_user, e) for e in items}
    return render_template(
        "delivery/exports.html",
        pending=[e for e in items if may_decide[e.id]],
        items=[e for e in items if not may_decide[e.id]],
        may_decide=may_decide,
        overdue=overdue_feedback(current_user),
    )


@bp.post("/delivery/exports/<int:export_id>/decision")
@login_required
def export_decision(export_id):
    approve = request.form.get("approve") == "1"
    try:
        export = exports.decide(current_user, export_id, {"approve": approve, "reason": request.form.get("reason", "")})
        if export.status == "awaiting_operator":
            flash(_("Approved by the department: the operator decides next."), "success")
        elif approve:
            flash(_("Export approved: the file is being prepared for the enterprise."), "success")
        else:
            flash(_("Export refused."), "success")
    except DomainError as exc:
        flash(exc.message, "error")
    return redirect(url_for(".export_approvals"))


@bp.get("/delivery/categories/<code>/policies")
@login_required
def column_policies(code):
    category = versions.category_by_code(code)
    policies.require_steward_of(current_user, category)
    return render_template(
        "delivery/policies.html",
        category=category,
        policy=policies.describe(category),
        role_labels=ROLE_LABELS,
        versions=versions.versions_of(category.id),
        stale=versions.is_stale(category, versions.latest(category.id)),
        errors={},
    )


@bp.post("/delivery/categories/<code>/policies")
@login_required
def column_policies_save(code):
    category = versions.category_by_code(code)
    data = {
        "roles": {f["name"]: request.form.get(f"role-{f['name']}", "") for f in category.fields or []},
        "min_group_size": request.form.get("min_group_size", ""),
        "epsilon_budget": request.form.get("epsilon_budget", ""),
    }
    try:
        policies.confirm(current_user, category, data)
    except ValidationError as exc:
        return render_template(
            "delivery/policies.html",
            category=category,
            policy=policies.describe(category),
            role_labels=ROLE_LABELS,
            versions=versions.versions_of(category.id),
            stale=versions.is_stale(category, versions.latest(category.id)),
            errors=exc.fields,
        ), 400
    flash(_("Column policies confirmed."), "success")
    return redirect(url_for(".column_policies", code=category.code))


@bp.get("/delivery/usage")
@login_required
def usage_page():
    agreements = agreements_for(current_user)
    ids = [a.id for a in agreements]
    days = usage.by_day(ids)
    chart = charts.bar_chart(
        _("Calls per day, last 30 days"),
        [d["day"][5:] for d in days],
        [(_("Answered"), [Decimal(d["ok"]) for d in days]), (_("Refused"), [Decimal(d["refused"]) for d in days])],
        lambda v: fmt_number(v),
        lambda v: fmt_number(v),
    )
    return render_template(
        "delivery/usage.html",
        agreements=agreements,
        chart=chart,
        entries=usage.recent(ids),
        numbers={a.id: a.number for a in agreements},
        overdue=overdue_feedback(current_user),
    )
