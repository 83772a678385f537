"""Browsing the audit log (admins and coordinators): filters, a page, CSV for Excel, and the API."""

import itertools
import json
from datetime import date, datetime, timedelta

from flask import Blueprint, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from accounts.auth import api_user, role_required
from core import openapi
from core.audit import AuditEntry
from core.csvexport import csv_response
from core.errors import Forbidden, Unauthorized, ValidationError
from core.extensions import db
from core.paging import list_body, page_of_query, page_window, paging
from core.timeutil import isoformat_utc, to_display

bp = Blueprint("audit", __name__)
READERS = ("admin", "coordinator")
FILTERS = ("action", "actor", "object_type", "object_id", "since", "until")


def _query(args):
    query = select(AuditEntry)
    fields = {}
    if args.get("action"):
        query = query.where(AuditEntry.action.like(args["action"].replace("*", "%")[:80]))
    if args.get("actor"):
        query = query.where(AuditEntry.actor_email == args["actor"][:254].strip().lower())
    if args.get("object_type"):
        query = query.where(AuditEntry.object_type == args["object_type"][:40])
    if args.get("object_id"):
        query = query.where(AuditEntry.object_id == args["object_id"][:64])
    for name in ("since", "until"):
        if args.get(name):
            try:
                day = date.fromisoformat(args[name])
            except ValueError:
                fields[name] = [_l("A date such as 2024-01-31.")]
                continue
            # dates are Asia/Shanghai days; entries are stored in UTC
            bound = datetime(day.year, day.month, day.day) - timedelta(hours=8)
            query = query.where(
                AuditEntry.at >= bound if name == "since" else AuditEntry.at < bound + timedelta(days=1)
            )
    if fields:
        raise ValidationError(_l("Check the search parameters."), fields)
    return query


def _row(e: AuditEntry) -> dict:
    return {
        "id": e.id,
        "at": isoformat_utc(e.at),
        "actor": e.actor_email,
        "role": e.actor_role,
        "organisation_id": e.actor_org_id,
        "action": e.action,
        "object_type": e.object_type,
        "object_id": e.object_id,
        "before": e.before,
        "after": e.after,
        "client_addr": e.client_addr,
    }


openapi.operation(
    "get",
    "/api/v1/audit",
    "The audit log (admin, coordinator); filters: action, actor, object_type, object_id, since, until",
    tag="audit",
    auth=True,
    errors=(400,),
    params=[
        openapi.query("action", {"type": "string", "maxLength": 80}, "an action; * matches any text"),
        openapi.query("actor", {"type": "string", "maxLength": 254}, "the actor's e-mail"),
        openapi.query("object_type", {"type": "string", "maxLength": 40}),
        openapi.query("object_id", {"type": "string", "maxLength": 64}),
        openapi.query("since", openapi.DATE, "first day (Asia/Shanghai)"),
        openapi.query("until", openapi.DATE, "last day (Asia/Shanghai)"),
        *openapi.PAGING,
    ],
    response=openapi.page_of(
        openapi.schema(
            "AuditEntry",
            openapi.obj(
                id={"type": "integer"},
                at=openapi.DATETIME,
                actor=openapi.nullable({"type": "string"}),
                role=openapi.nullable({"type": "string"}),
                organisation_id=openapi.nullable({"type": "integer"}),
                action={"type": "string"},
                object_type={"type": "string"},
                object_id=openapi.nullable({"type": "string"}),
                before={},
                after={},
                client_addr=openapi.nullable({"type": "string"}),
            ),
        )
    ),
)


@bp.get("/api/v1/audit")
def audit_api():
    user = api_user()
    if user is None:
        raise Unauthorized(_l("Please sign in."))
    if user.role not in READERS:
        raise Forbidden(_l("Your role may not do this."))
    page, per_page = paging(request.args, 50)
    query = _query(request.args)
    rows, total = page_of_query(query, page, per_page, AuditEntry.id.desc())
    return jsonify(list_body([_row(e) for e in rows], total, page, per_page))


@bp.get("/audit")
@role_required(*READERS)
def audit_page():
    page, per_page = paging(request.args, 50, strict=False)
    try:
        query = _query(request.args)
        error = None
    except ValidationError as exc:
        query, error = select(AuditEntry), exc
    rows, total = page_of_query(query, page, per_page, AuditEntry.id.desc())
    return render_template(
        "audit.html",
        rows=rows,
        total=total,
        error=error,
        filters=FILTERS,
        pages=page_window(total, per_page, page),
    )


@bp.get("/audit.csv")
@role_required(*READERS)
def audit_csv():
    query = _query(request.args).order_by(AuditEntry.id)
    header = [
        "id",
        "time (Asia/Shanghai)",
        "actor",
        "role",
        "action",
        "object type",
        "object id",
        "before",
        "after",
        "client address",
    ]
    rows = (
        [
            e.id,
            to_display(e.at).strftime("%Y-%m-%d %H:%M:%S"),
            e.actor_email or "system",
            e.actor_role or "",
            e.action,
            e.object_type,
            e.object_id,
            json.dumps(e.before, ensure_ascii=False) if e.before is not None else "",
            json.dumps(e.after, ensure_ascii=False) if e.after is not None else "",
            e.client_addr or "",
        ]
        for e in db.session.scalars(query)
    )
    return csv_response(itertools.chain([header], rows), "audit-log.csv")
