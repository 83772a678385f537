"""The /api/v1 root: the OpenAPI document, assembled from what each domain's api module declares."""

from flask import Blueprint, g, jsonify, request
from flask_babel import lazy_gettext as _l

from core import jobs, openapi
from core.errors import ValidationError

bp = Blueprint("api", __name__, url_prefix="/api/v1")

JOB = openapi.schema(
    "Job",
    {
        "type": "object",
        "required": ["id", "kind", "status", "progress", "result", "error"],
        "properties": {
            "id": {"type": "integer"},
            "kind": {"type": "string", "example": "statement_import"},
            "status": {"type": "string", "enum": list(jobs.STATUSES)},
            "progress": {"type": "number", "minimum": 0, "maximum": 1},
            "result": {"type": ["object", "null"], "description": "what the job produced (kind-specific)"},
            "error": {"type": ["string", "null"], "description": "why it failed"},
        },
    },
)
JOB_ACCEPTED = openapi.schema(
    "JobAccepted",
    {
        "type": "object",
        "required": ["job"],
        "description": "202 Accepted; the Location header names GET /api/v1/jobs/{id}",
        "properties": {
            "job": {
                "type": "object",
                "required": ["id", "kind", "status", "progress"],
                "properties": {
                    "id": {"type": "integer"},
                    "kind": {"type": "string"},
                    "status": {"type": "string", "enum": list(jobs.STATUSES)},
                    "progress": {"type": "number", "minimum": 0, "maximum": 1},
                },
            }
        },
    },
)
openapi.operation(
    "get",
    "/api/v1/jobs/{id}",
    "A background job's status, progress (0.0–1.0), result and error; visible to the user who started it and to admins",
    tag="jobs",
    response=JOB,
    params=[{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}],
    auth=True,
    errors=(401, 404),
)


def json_object(strict: bool = True) -> dict:
    """The JSON object a request sent (an empty one when nothing was sent); anything else is a 400.
    A body that core.validation has already parsed and checked against the declared schema is reused;
    strict=False hands it on with its schema problems, for a service whose Fields(...) raises them
    once it has checked who is asking (a refused caller then gets 403/404, not field messages)."""
    if "json_body" in g and isinstance(g.json_body, dict):
        if strict and getattr(g.json_body, "schema_problems", None):
            raise g.json_body.schema_problems
        return g.json_body
    if not request.get_data():
        return {}
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ValidationError(_l("Send a JSON object."))
    return data


@bp.get("/openapi.json")
def openapi_document():
    return jsonify(openapi.document())
