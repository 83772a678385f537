"""Delivery's JSON API (the contract's routes): datasets, queries, usage, exports, terminate,
category versions. Each handler: who is asking, one service call, the result's shape."""

from flask import Blueprint, jsonify, request, send_file

from accounts.auth import require_api_user
from core import jobs, limits, openapi
from core.api import json_object
from core.errors import ValidationError
from core.paging import list_body, paging
from delivery.services import datasets, exports, policies, queries, terms, usage, versions
from delivery.states import EXPORT
from marketplace.services import agreements
from marketplace.services.agreements import visible_agreement

bp = Blueprint("delivery_api", __name__, url_prefix="/api/v1")
op = openapi.declarer("/api/v1", "delivery")
ID = [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}]
CODE = [{"name": "code", "in": "path", "required": True, "schema": {"type": "string"}}]
S = openapi.schema

_column = {
    "type": "object",
    "required": ["name", "type", "role", "allowed"],
    "properties": {
        "name": {"type": "string"},
        "label_zh": {"type": "string"},
        "label_en": {"type": "string"},
        "type": {"type": "string"},
        "role": {"type": "string", "enum": ["identifier", "quasi_identifier", "attribute", "sensitive"]},
        "allowed": {
            "type": "array",
            "items": {"type": "string", "enum": ["select", "group_by", "filter", "aggregate"]},
        },
    },
}
DATASET = S(
    "Dataset",
    {
        "type": "object",
        "required": ["table", "category", "version", "rows", "columns"],
        "properties": {
            "table": {"type": "string"},
            "category": {"type": "string"},
            "name_zh": {"type": "string"},
            "name_en": {"type": "string"},
            "version": {"type": ["integer", "null"]},
            "rows": {"type": "integer"},
            "min_group_size": {"type": "integer"},
            "columns": {"type": "array", "items": _column},
        },
    },
)
QUOTA = {
    "type": "object",
    "required": ["used", "limit"],
    "properties": {"used": {"type": "integer"}, "limit": {"type": ["integer", "null"]}, "unit": {"type": "string"}},
}
PRIVACY = {
    "type": ["object", "null"],
    "properties": {
        "epsilon_spent": {"type": "number"},
        "epsilon_remaining": {"type": "number"},
        "epsilon_budget": {"type": "number"},
    },
}
QUERY_RESULT = S(
    "QueryResult",
    {
        "type": "object",
        "required": ["quota", "attribution"],
        "properties": {
            "query_id": {"type": "integer"},
            "check_only": {"type": "boolean"},
            "accepted": {"type": "boolean"},
            "sql": {"type": "string", "description": "check only: the SQL that would run"},
            "tables": {"type": "array", "items": {"type": "string"}},
            "columns": {"type": "array", "items": {"type": "string"}},
            "group_columns": {"type": "array", "items": {"type": "string"}},
            "rows": {"type": "array", "items": {"type": "array"}},
            "row_count": {"type": "integer"},
            "suppressed_groups": {"type": "integer"},
            "suppressed_rows": {"type": "integer"},
            "remainder": {"type": "boolean"},
            "min_group_size": {"type": ["integer", "null"]},
            "page": {"type": "integer"},
            "has_more": {"type": "boolean"},
            "masked_columns": {"type": "array", "items": {"type": "string"}},
            "truncated": {"type": "boolean"},
            "privacy": PRIVACY,
            "quota": QUOTA,
            "attribution": {"type": "string"},
        },
    },
)
USAGE = S(
    "UsageEntry",
    {
        "type": "object",
        "required": ["id", "kind", "outcome", "created_at"],
        "properties": {
            "id": {"type": "integer"},
            "agreement_id": {"type": "integer"},
            "user": {"type": ["string", "null"]},
            "kind": {"type": "string", "enum": ["query", "check", "sandbox", "export"]},
            "sql": {"type": "string"},
            "sql_fingerprint": {"type": "string"},
            "tables": {"type": "array", "items": {"type": "string"}},
            "rows_scanned": {"type": "integer"},
            "rows_returned": {"type": "integer"},
            "suppressed_groups": {"type": "integer"},
            "suppressed_rows": {"type": "integer"},
            "epsilon_spent": {"type": "number"},
            "duration_ms": {"type": "number"},
            "outcome": {"type": "string", "enum": ["ok", "refused", "conflict", "interrupted", "error"]},
            "rule": {"type": "string"},
            "message": {"type": "string"},
            "created_at": {"type": "string", "format": "date-time"},
        },
    },
)
EXPORT = S(
    "Export",
    {
        "type": "object",
        "required": ["id", "status"],
        "properties": {
            "id": {"type": "integer"},
            "agreement_id": {"type": "integer"},
            "agreement": {"type": "string"},
            "status": {
                "type": "string",
                "enum": list(EXPORT.states),
                "description": "requested → awaiting_operator (when the terms ask the operator too) → approved "
                "(the file is queued) → preparing → ready (downloadable); or refused, revoked, failed",
            },
            "status_label": {"type": "string"},
            "awaiting": {"type": ["string", "null"], "enum": ["department", "operator", None]},
            "operator_approval": {"type": "boolean", "description": "the terms ask the operator to approve too"},
            "job_id": {"type": ["integer", "null"], "description": "the job that makes the file"},
            "sql": {"type": "string"},
            "purpose": {"type": "string"},
            "format": {"type": "string", "enum": ["csv", "parquet"]},
            "reason": {"type": "string"},
            "rows": {"type": "integer"},
            "downloads_left": {"type": "integer"},
            "expires_at": {"type": ["string", "null"], "format": "date-time"},
            "created_at": {"type": "string", "format": "date-time"},
            "decided_at": {"type": ["string", "null"], "format": "date-time"},
            "operator_decided_at": {"type": ["string", "null"], "format": "date-time"},
        },
    },
)
FEEDBACK_STATE = {
    "feedback_status": {"type": "string", "enum": list(agreements.FEEDBACK_STATUSES)},
    "feedback_due": {"type": ["string", "null"], "format": "date"},
    "feedback_overdue": {"type": "boolean"},
}
OVERDUE = S(
    "OverdueFeedback",
    {
        "type": "object",
        "required": ["agreement_id", "agreement", "feedback_due", "days_overdue"],
        "properties": {
            "agreement_id": {"type": "integer"},
            "agreement": {"type": "string"},
            "consumer": {"type": "string"},
            "feedback_due": {"type": "string", "format": "date"},
            "days_overdue": {"type": "integer"},
            "every_days": {"type": "integer"},
            "last_feedback_at": {"type": ["string", "null"], "format": "date-time"},
            "blocks_exports": {"type": "boolean"},
        },
    },
)
_report_column = {
    "type": "object",
    "properties": {
        "name": {"type": "string"},
        "type": {"type": "string"},
        "rows": {"type": "integer"},
        "nulls": {"type": "integer"},
        "type_errors": {"type": "integer"},
        "type_error_samples": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"line": {"type": "integer"}, "value": {"type": "string"}},
            },
        },
        "required": {"type": "boolean"},
        "required_nulls": {"type": "integer"},
        "required_null_lines": {"type": "array", "items": {"type": "integer"}},
    },
}
VERSION_REPORT = {
    "type": "object",
    "description": "the quality report: for a refused upload, what is wrong, column by column",
    "properties": {
        "file": {"type": "string"},
        "format": {"type": "string"},
        "encoding": {"type": "string"},
        "rows": {"type": "integer"},
        "accepted": {"type": "boolean"},
        "missing": {"type": "array", "items": {"type": "string"}},
        "unexpected": {"type": "array", "items": {"type": "string"}},
        "columns": {"type": "array", "items": _report_column},
        "problems": {"type": "array", "items": {"type": "string"}},
    },
}
VERSION = S(
    "DataVersion",
    {
        "type": "object",
        "required": ["id", "category", "version", "status", "rows", "created_at"],
        "properties": {
            "id": {"type": "integer"},
            "category": {"type": "string"},
            "version": {"type": "integer"},
            "status": {"type": "string", "enum": ["accepted", "refused"]},
            "source": {"type": "string", "enum": ["upload", "generated"]},
            "rows": {"type": "integer"},
            "file": {"type": "string"},
            "created_at": {"type": "string", "format": "date-time"},
            "stale": {"type": "boolean"},
            "report": VERSION_REPORT,
        },
    },
)
AGREEMENT_STATE = {
    "type": "object",
    "required": ["id", "number", "status"],
    "properties": {
        "id": {"type": "integer"},
        "number": {"type": "string"},
        "status": {"type": "string"},
        "end_reason": {"type": "string"},
        "interrupted": {"type": "integer"},
    },
}


def _op(method, path, summary, response, **kw):
    openapi.operation(
        method,
        "/api/v1" + path,
        summary,
        tag="delivery",
        response=response,
        auth=True,
        errors=kw.pop("errors", (400, 404, 409)),
        **kw,
    )


_op(
    "get",
    "/agreements/{id}/datasets",
    "The agreement's tables, columns, roles and what each allows (its parties)",
    openapi.page_of(DATASET, {"mode": {"type": "string"}, "attribution": {"type": "string"}}),
    params=ID,
    errors=(404,),
)


@bp.get("/agreements/<agreement_id>/datasets")
def agreement_datasets(agreement_id):
    viewer = require_api_user()
    agreement = visible_agreement(viewer, agreement_id)
    items = [datasets.shape(d, agreement.delivery_mode) for d in datasets.of(agreement)]
    body = list_body(items, len(items))
    body.update(mode=agreement.delivery_mode, attribution=queries.attribution(agreement))
    return jsonify(body)


_op(
    "post",
    "/agreements/{id}/queries",
    "A query through the delivery gateway (the enterprise): 400 query_refused names the rule; 409 when the "
    "agreement is not active or a quota or budget is used up",
    QUERY_RESULT,
    params=ID,
    body={
        "type": "object",
        "required": ["sql"],
        "properties": {
            "sql": {"type": "string", "maxLength": 10000},
            "check_only": {"type": "boolean", "default": False},
            "page": {"type": "integer", "minimum": 1, "description": "可用不出网: pages of at most 1,000 rows"},
        },
    },
)


@bp.post("/agreements/<agreement_id>/queries")
def agreement_query(agreement_id):
    actor = require_api_user()
    data = json_object()
    if not isinstance(data.get("sql"), str) or not data["sql"].strip():
        raise _missing_sql()
    return jsonify(queries.run(actor, agreement_id, data))


def _missing_sql():
    from flask_babel import gettext as _

    return ValidationError(_("Check the highlighted fields."), {"sql": [_("Send the SQL as text.")]})


_op(
    "get",
    "/agreements/{id}/usage",
    "The agreement's usage log, newest first (its parties and oversight), with when its usage report is due",
    openapi.page_of(USAGE, FEEDBACK_STATE),
    params=ID + openapi.PAGING,
    errors=(400, 404),
)


@bp.get("/agreements/<agreement_id>/usage")
def agreement_usage(agreement_id):
    viewer = require_api_user()
    page_no, per_page = paging(request.args)
    items, total = usage.log_for(viewer, agreement_id, page_no, per_page)
    body = list_body([usage.shape(e) for e in items], total, page_no, per_page)
    schedule = agreements.feedback_schedule(visible_agreement(viewer, agreement_id))
    body.update(
        feedback_status=schedule["status"],
        feedback_due=schedule["due"].isoformat() if schedule["due"] else None,
        feedback_overdue=schedule["overdue"],
    )
    return jsonify(body)


_op(
    "get",
    "/feedback/overdue",
    "Agreements in force whose usage report is overdue, longest first (the operator and oversight: all; a "
    "department's steward: those on its data; an enterprise: its own)",
    openapi.page_of(OVERDUE),
    errors=(),
)


@bp.get("/feedback/overdue")
def feedback_overdue():
    viewer = require_api_user()
    items = [usage.overdue_shape(a, s) for a, s in agreements.overdue_feedback(viewer)]
    return jsonify(list_body(items, len(items)))


_op(
    "post",
    "/agreements/{id}/exports",
    "Request a controlled export (受控出网) with SQL and purpose (the enterprise)",
    EXPORT,
    status=201,
    params=ID,
    body={
        "type": "object",
        "required": ["sql", "purpose"],
        "properties": {
            "sql": {"type": "string"},
            "purpose": {"type": "string"},
            "format": {"type": "string", "enum": ["csv", "parquet"]},
        },
    },
)


@bp.post("/agreements/<agreement_id>/exports")
def export_request(agreement_id):
    actor = require_api_user()
    export = exports.request_export(actor, agreement_id, json_object())
    return jsonify(exports.shape(export)), 201


_op(
    "post",
    "/exports/{id}/decision",
    "Approve or refuse an export: the department's steward (or the operator in its place); where the terms "
    "ask for it (export_operator_approval), the operator after the department. The final approval queues the "
    "job that makes the file (status approved → preparing → ready). 403 for who never decides, 409 for a "
    "decision out of turn or made already",
    EXPORT,
    params=ID,
    errors=(400, 403, 404, 409),
    body={
        "type": "object",
        "required": ["approve"],
        "properties": {"approve": {"type": "boolean"}, "reason": {"type": "string"}},
    },
)


@bp.post("/exports/<export_id>/decision")
def export_decision(export_id):
    actor = require_api_user()
    return jsonify(exports.shape(exports.decide(actor, export_id, json_object())))


_op("get", "/exports/{id}", "One export request (the agreement's parties)", EXPORT, params=ID, errors=(404,))
_op(
    "get",
    "/exports",
    "Export requests the caller may see, newest first; awaiting=me: only those waiting for the caller's decision",
    openapi.page_of(EXPORT),
    params=[
        {
            "name": "status",
            "in": "query",
            "schema": {"type": "string", "maxLength": 200},
            "description": "comma-separated states",
        },
        {"name": "awaiting", "in": "query", "schema": {"type": "string", "enum": ["me"]}},
    ],
    errors=(),
)


@bp.get("/exports")
def export_list():
    viewer = require_api_user()
    if request.args.get("awaiting") == "me":
        items = exports.pending_for(viewer)
    else:
        items = exports.exports_for(viewer, status=request.args.get("status") or None)
    return jsonify(list_body([exports.shape(e) for e in items], len(items)))


@bp.get("/exports/<export_id>")
def export_get(export_id):
    viewer = require_api_user()
    return jsonify(exports.shape(exports.visible_export(viewer, export_id)))


openapi.operation(
    "get",
    "/api/v1/exports/{id}/file",
    "Download the fingerprinted file (the enterprise; limited downloads until the deadline); 409 until the "
    "export is ready",
    tag="delivery",
    auth=True,
    params=ID,
    errors=(403, 404, 409),
    response={"type": "string", "format": "binary"},
)


@bp.get("/exports/<export_id>/file")
def export_file(export_id):
    actor = require_api_user()
    path, name = exports.download(actor, export_id)
    return send_file(path, as_attachment=True, download_name=name)


_op(
    "post",
    "/agreements/{id}/terminate",
    "End one agreement at once (department steward, operator, coordinator): the next call is refused, running "
    "queries are interrupted, export links die",
    S("AgreementEnded", AGREEMENT_STATE),
    params=ID,
    errors=(400, 403, 404, 409),
    body={"type": "object", "required": ["reason"], "properties": {"reason": {"type": "string"}}},
)


@bp.post("/agreements/<agreement_id>/terminate")
def agreement_terminate(agreement_id):
    actor = require_api_user()
    agreement = terms.terminate(actor, agreement_id, json_object())
    return jsonify(
        {"id": agreement.id, "number": agreement.number, "status": agreement.status, "end_reason": agreement.end_reason}
    )


openapi.operation(
    "post",
    "/api/v1/categories/{code}/versions",
    "Upload a data version (CSV UTF-8/GBK, XLSX, Parquet; multipart field 'file'): 202 with the job "
    "(Location: /api/v1/jobs/{id}), which checks the file against the declared columns; its result is the "
    "quality report (the department's steward)",
    tag="delivery",
    auth=True,
    params=CODE,
    status=202,
    errors=(400, 403, 404, 413),
    body_content={
        "multipart/form-data": {
            "type": "object",
            "required": ["file"],
            "properties": {"file": {"type": "string", "format": "binary"}},
        }
    },
    response={"$ref": "#/components/schemas/JobAccepted"},
)
_op(
    "get",
    "/categories/{code}/versions",
    "The category's data versions, newest first, with quality reports; refused uploads (with what is wrong, "
    "column by column) only to the providing department's steward and the operator",
    openapi.page_of(VERSION),
    params=CODE,
    errors=(404,),
)


@bp.post("/categories/<code>/versions")
@limits.large_upload("MAX_VERSION_BYTES")
def version_upload(code):
    actor = require_api_user()
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise _file_missing()
    return jobs.accepted(versions.start_upload(actor, code, upload.filename, upload.stream))


def _file_missing():
    from flask_babel import gettext as _

    return ValidationError(_("Check the highlighted fields."), {"file": [_("Choose a file to upload.")]})


@bp.get("/categories/<code>/versions")
def version_list(code):
    viewer = require_api_user()
    category = versions.category_by_code(code)
    items = [versions.shape(v) for v in versions.listed_for(viewer, category)]
    return jsonify(list_body(items, len(items)))


_op(
    "get",
    "/categories/{code}/column-policies",
    "The category's column roles, minimum group size and privacy budget",
    S(
        "ColumnPolicies",
        {
            "type": "object",
            "required": ["category", "columns"],
            "properties": {
                "category": {"type": "string"},
                "min_group_size": {"type": "integer"},
                "epsilon_budget": {"type": ["number", "null"]},
                "columns": {"type": "array", "items": {"type": "object"}},
            },
        },
    ),
    params=CODE,
    errors=(404,),
)
_op(
    "put",
    "/categories/{code}/column-policies",
    "Confirm the column roles (the department's steward)",
    {"$ref": "#/components/schemas/ColumnPolicies"},
    params=CODE,
    errors=(400, 403, 404),
    body={
        "type": "object",
        "properties": {
            "roles": {"type": "object", "additionalProperties": {"type": "string"}},
            "min_group_size": {"type": "integer", "minimum": 5},
            "epsilon_budget": {"type": ["number", "null"], "exclusiveMinimum": 0, "maximum": 20},
        },
    },
)


@bp.get("/categories/<code>/column-policies")
def column_policies(code):
    require_api_user()
    return jsonify(policies.describe(versions.category_by_code(code)))


@bp.put("/categories/<code>/column-policies")
def column_policies_confirm(code):
    actor = require_api_user()
    return jsonify(policies.confirm(actor, versions.category_by_code(code), json_object()))
