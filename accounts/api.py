"""Enterprise membership and verification (实名认证) API. Each handler: who is asking, one service call,
the shape of the answer."""

from flask import Blueprint, jsonify, request

from accounts import membership, verification
from accounts.auth import require_api_user
from accounts.models import EnterpriseVerification, Membership
from core import openapi
from core.api import json_object
from core.errors import ValidationError
from core.paging import page_of, paging
from core.timeutil import isoformat_utc

bp = Blueprint("accounts_api", __name__, url_prefix="/api/v1")
TAG = "accounts"
PREFIX = "/api/v1"

ID = [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}]
NULLABLE_TIME = {"type": ["string", "null"], "format": "date-time"}


# ---- shapes -------------------------------------------------------------------------------------
def _enterprise(org) -> dict:
    return {
        "code": org.code,
        "name_zh": org.name_zh,
        "name_en": org.name_en,
        "verification_status": org.verification_status,
        "verified_at": isoformat_utc(org.verified_at),
    }


def membership_shape(m: Membership) -> dict:
    return {
        "id": m.id,
        "user": {"id": m.user.id, "email": m.user.email, "display_name": m.user.display_name},
        "enterprise": {"code": m.organisation.code, "name_zh": m.organisation.name_zh},
        "status": m.status,
        "role": m.role,
        "requested_at": isoformat_utc(m.requested_at),
        "decided_at": isoformat_utc(m.decided_at),
    }


def verification_shape(v: EnterpriseVerification) -> dict:
    return {
        "id": v.id,
        "enterprise": _enterprise(v.organisation),
        "status": v.status,
        "licence_name": v.licence_name,
        "licence_credit_code": v.licence_credit_code,
        "legal_representative": v.legal_representative,
        "registered_address": v.registered_address,
        "registered_capital": v.registered_capital,
        "established_on": v.established_on.isoformat() if v.established_on else None,
        "business_scope": v.business_scope,
        "mismatches": verification.mismatches(v),
        "submitted_at": isoformat_utc(v.submitted_at),
        "submitted_by": v.submitted_by.email if v.submitted_by else None,
        "decided_at": isoformat_utc(v.decided_at),
        "decided_by": v.decided_by.email if v.decided_by else None,
        "reason": v.reason,
    }


# ---- the OpenAPI schemas ------------------------------------------------------------------------
_ENTERPRISE = openapi.schema(
    "Enterprise",
    {
        "type": "object",
        "required": ["code", "name_zh", "verification_status"],
        "properties": {
            "code": {"type": "string"},
            "name_zh": {"type": "string"},
            "name_en": {"type": ["string", "null"]},
            "verification_status": {"type": "string", "enum": ["unverified", "pending", "verified", "rejected"]},
            "verified_at": NULLABLE_TIME,
        },
    },
)
_MEMBERSHIP = openapi.schema(
    "Membership",
    {
        "type": "object",
        "required": ["id", "user", "enterprise", "status", "role", "requested_at"],
        "properties": {
            "id": {"type": "integer"},
            "user": {
                "type": "object",
                "required": ["id", "email", "display_name"],
                "properties": {
                    "id": {"type": "integer"},
                    "email": {"type": "string"},
                    "display_name": {"type": "string"},
                },
            },
            "enterprise": {
                "type": "object",
                "required": ["code", "name_zh"],
                "properties": {"code": {"type": "string"}, "name_zh": {"type": "string"}},
            },
            "status": {"type": "string", "enum": ["pending", "active", "refused", "removed"]},
            "role": {"type": "string", "enum": ["member", "administrator"]},
            "requested_at": {"type": "string", "format": "date-time"},
            "decided_at": NULLABLE_TIME,
        },
    },
)
_VERIFICATION = openapi.schema(
    "EnterpriseVerification",
    {
        "type": "object",
        "required": ["id", "enterprise", "status", "licence_name", "licence_credit_code", "mismatches"],
        "properties": {
            "id": {"type": "integer"},
            "enterprise": _ENTERPRISE,
            "status": {"type": "string", "enum": ["pending", "approved", "rejected"]},
            "licence_name": {"type": "string"},
            "licence_credit_code": {"type": "string"},
            "legal_representative": {"type": "string"},
            "registered_address": {"type": "string"},
            "registered_capital": {"type": "string"},
            "established_on": {"type": ["string", "null"], "format": "date"},
            "business_scope": {"type": "string"},
            "mismatches": {"type": "array", "items": {"type": "string", "enum": ["credit_code", "name"]}},
            "submitted_at": {"type": "string", "format": "date-time"},
            "submitted_by": {"type": ["string", "null"]},
            "decided_at": NULLABLE_TIME,
            "decided_by": {"type": ["string", "null"]},
            "reason": {"type": "string"},
        },
    },
)
_LICENCE_BODY = {
    "type": "object",
    "required": ["licence_name", "licence_credit_code", "legal_representative", "registered_address"],
    "properties": {
        "licence_name": {"type": "string", "maxLength": 200},
        "licence_credit_code": {"type": "string", "maxLength": 18},
        "legal_representative": {"type": "string", "maxLength": 100},
        "registered_address": {"type": "string", "maxLength": 300},
        "registered_capital": {"type": "string", "maxLength": 100},
        "established_on": {"type": "string", "format": "date"},
        "business_scope": {"type": "string", "maxLength": 4000},
    },
}
_OWN_STATUS = openapi.schema(
    "OwnEnterpriseStatus",
    {
        "type": "object",
        "required": ["membership", "enterprise", "verification"],
        "properties": {
            "membership": {"anyOf": [_MEMBERSHIP, {"type": "null"}]},
            "enterprise": {"anyOf": [_ENTERPRISE, {"type": "null"}]},
            "verification": {"anyOf": [_VERIFICATION, {"type": "null"}]},
        },
    },
)


def op(method, path, summary, *, response, status=200, errors=(400, 404, 409), body=None, params=None):
    openapi.operation(
        method,
        PREFIX + path,
        summary,
        tag=TAG,
        response=response,
        status=status,
        auth=True,
        errors=errors,
        body=body,
        params=params,
    )


# ---- membership ---------------------------------------------------------------------------------
op(
    "get",
    "/account/enterprise",
    "The caller's membership (pending, active, refused or removed), its enterprise (only while an active "
    "member) and the enterprise's latest verification request",
    response=_OWN_STATUS,
    errors=(),
)


@bp.get("/account/enterprise")
def own_enterprise():
    actor = require_api_user()
    row = membership.membership_of(actor)
    org = actor.organisation if actor.role == "consumer" else None
    latest = verification.latest_of(org.id) if org is not None else None
    return jsonify(
        {
            "membership": membership_shape(row) if row else None,
            "enterprise": _enterprise(org) if org is not None else None,
            "verification": verification_shape(latest) if latest else None,
        }
    )


op(
    "get",
    "/memberships",
    "Members of the caller's enterprise, and (for its enterprise administrator or a platform admin) the "
    "waiting requests; a platform admin names the enterprise by its credit code",
    response=openapi.page_of(_MEMBERSHIP),
    errors=(400, 404),
    params=[
        {"name": "enterprise", "in": "query", "schema": {"type": "string"}},
        {"name": "status", "in": "query", "schema": {"type": "string", "enum": ["active", "pending"]}},
        *openapi.PAGING,
    ],
)


@bp.get("/memberships")
def membership_index():
    actor = require_api_user()
    page_no, per_page = paging(request.args)
    status = request.args.get("status") or None
    if status not in (None, "active", "pending"):
        raise ValidationError(verification.CHECK, {"status": ["active | pending"]})
    found = membership.roster(actor, request.args.get("enterprise"))
    rows = {"active": found["members"], "pending": found["requests"]}.get(status) or (
        found["members"] + found["requests"]
    )
    return jsonify(page_of(rows, page_no, per_page, membership_shape))


_REASON_BODY = {"type": "object", "properties": {"reason": {"type": "string", "maxLength": 500}}}
_ACTIONS = {
    "approve": ("Approve a waiting membership request (enterprise administrator, platform admin)", None),
    "refuse": ("Refuse a waiting membership request, with an optional reason", _REASON_BODY),
    "remove": ("Remove an active member: its access ends with its next request", None),
    "hand-over": ("Make an active member the enterprise administrator (the present one becomes a member)", None),
}
for _name, (_summary, _body) in _ACTIONS.items():
    op("post", f"/memberships/{{id}}/{_name}", _summary, response=_MEMBERSHIP, body=_body, params=ID)


@bp.post("/memberships/<membership_id>/approve")
def membership_approve(membership_id):
    return jsonify(membership_shape(membership.approve(require_api_user(), membership_id)))


@bp.post("/memberships/<membership_id>/refuse")
def membership_refuse(membership_id):
    actor = require_api_user()
    return jsonify(membership_shape(membership.refuse(actor, membership_id, json_object().get("reason"))))


@bp.post("/memberships/<membership_id>/remove")
def membership_remove(membership_id):
    return jsonify(membership_shape(membership.remove(require_api_user(), membership_id)))


@bp.post("/memberships/<membership_id>/hand-over")
def membership_hand_over(membership_id):
    return jsonify(membership_shape(membership.hand_over(require_api_user(), membership_id)))


# ---- verification (实名认证) ---------------------------------------------------------------------
op(
    "post",
    "/account/enterprise/verification",
    "Submit the business licence details for verification (the enterprise administrator)",
    response=_VERIFICATION,
    status=201,
    errors=(400, 409),
    body=_LICENCE_BODY,
)


@bp.post("/account/enterprise/verification")
def verification_submit():
    return jsonify(verification_shape(verification.submit(require_api_user(), json_object()))), 201


op(
    "get",
    "/verifications",
    "Verification requests, oldest first (operator, admin); the queue is status=pending (the default)",
    response=openapi.page_of(_VERIFICATION),
    errors=(400,),
    params=[
        {"name": "status", "in": "query", "schema": {"type": "string", "enum": ["pending", "approved", "rejected"]}},
        *openapi.PAGING,
    ],
)


@bp.get("/verifications")
def verification_queue():
    actor = require_api_user()
    page_no, per_page = paging(request.args)
    rows = verification.queue(actor, request.args.get("status", "pending"))
    return jsonify(page_of(rows, page_no, per_page, verification_shape))


op(
    "get",
    "/verifications/{id}",
    "One verification request (operator, admin, the enterprise itself)",
    response=_VERIFICATION,
    errors=(404,),
    params=ID,
)


@bp.get("/verifications/<verification_id>")
def verification_get(verification_id):
    return jsonify(verification_shape(verification.visible_verification(require_api_user(), verification_id)))


op(
    "post",
    "/verifications/{id}/decision",
    "Approve (the licence's credit code must be the enterprise's) or reject with a reason (operator, admin)",
    response=_VERIFICATION,
    body={
        "type": "object",
        "required": ["approve"],
        "properties": {"approve": {"type": "boolean"}, "reason": {"type": "string", "maxLength": 500}},
    },
    params=ID,
)


@bp.post("/verifications/<verification_id>/decision")
def verification_decide(verification_id):
    actor = require_api_user()
    data = json_object()
    return jsonify(
        verification_shape(verification.decide(actor, verification_id, data.get("approve"), data.get("reason")))
    )
