"""Catalog JSON API: departments, category search, one category, the DCAT catalog."""

from flask import Blueprint, jsonify, request

from accounts.auth import require_api_user
from catalog import dcat, services
from core import openapi
from core.api import json_object
from core.paging import page_of, paging

bp = Blueprint("catalog_api", __name__)
TAG = "catalog"

_department = openapi.schema(
    "Department",
    {
        "type": "object",
        "properties": {k: {"type": "string"} for k in ("code", "name_zh", "name_en", "short_name_zh", "short_name_en")}
        | {"category_count": {"type": "integer"}, "record_count": {"type": "integer"}},
    },
)
_category = openapi.schema(
    "Category",
    {
        "type": "object",
        "properties": {
            "code": {"type": "string"},
            "department": _department,
            "name_zh": {"type": "string"},
            "name_en": {"type": "string"},
            "description_zh": {"type": "string"},
            "description_en": {"type": "string"},
            "theme": {"type": "string"},
            "openness": {"type": "string", "enum": ["unconditional", "conditional", "closed"]},
            "grade": {"type": "string", "enum": ["general", "important", "core"]},
            "update_frequency": {"type": "string"},
            "record_count": {"type": "integer"},
            "formats": {"type": "array", "items": {"type": "string"}},
            "fields": {"type": "array", "items": {"type": "object"}},
            "keywords_zh": {"type": "array", "items": {"type": "string"}},
            "keywords_en": {"type": "array", "items": {"type": "string"}},
            "highlights": {"type": "object"},
            "updated_at": {"type": "string", "format": "date-time"},
        },
    },
)
_facet = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {"value": {"type": "string"}, "label": {"type": "string"}, "count": {"type": "integer"}},
    },
}
_filters = [
    {"name": n, "in": "query", "schema": {"type": "string"}, "description": "comma-separated values"}
    for n in ("department", "theme", "openness", "grade", "frequency")
]

openapi.operation(
    "get",
    "/api/v1/departments",
    "The 40 providing departments with category and record counts",
    tag=TAG,
    params=openapi.PAGING,
    response=openapi.page_of(_department),
)


@bp.get("/api/v1/departments")
def departments():
    page, per_page = paging(request.args, default_per_page=100)
    return jsonify(page_of(services.list_departments(), page, per_page))


openapi.operation("get", "/api/v1/departments/{code}", "One department", tag=TAG, response=_department, errors=(404,))


@bp.get("/api/v1/departments/<code>")
def department(code):
    return jsonify(services.department_to_dict(services.get_department(code)))


openapi.operation(
    "get",
    "/api/v1/categories",
    "Search the catalog (Chinese, English, pinyin) with facets",
    tag=TAG,
    params=[
        {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 256}},
        {
            "name": "sort",
            "in": "query",
            "schema": {"type": "string", "enum": ["relevance", "name", "records", "updated"]},
        },
        *_filters,
        *openapi.PAGING,
    ],
    response=openapi.page_of(
        _category,
        {
            "facets": {
                "type": "object",
                "properties": {n: _facet for n in ("department", "theme", "openness", "grade", "frequency")},
            },
            "suggestion": {"type": ["string", "null"]},
        },
    ),
)


@bp.get("/api/v1/categories")
def categories():
    return jsonify(services.search_categories(services.parse_search_params(request.args, strict=True)))


openapi.operation("get", "/api/v1/categories/{code}", "One data category", tag=TAG, response=_category, errors=(404,))


@bp.get("/api/v1/categories/<code>")
def category(code):
    return jsonify(services.category_to_dict(services.get_category(code)))


openapi.operation(
    "patch",
    "/api/v1/categories/{code}",
    "Edit a category (operator, admin); audited",
    tag=TAG,
    body={"type": "object"},
    response=_category,
    auth=True,
    errors=(400, 404),
)


@bp.patch("/api/v1/categories/<code>")
def edit_category(code):
    actor = require_api_user("operator", "admin")
    changes = {k: v for k, v in json_object().items() if k in services.EDITABLE}
    return jsonify(services.category_to_dict(services.update_category(actor, code, changes)))


openapi.operation(
    "post",
    "/api/v1/catalog/reindex",
    "Rebuild the search index as a background job (admin): 202 with the job and Location: /api/v1/jobs/{id}",
    tag=TAG,
    status=202,
    response={"$ref": "#/components/schemas/JobAccepted"},
    auth=True,
    errors=(),
)


@bp.post("/api/v1/catalog/reindex")
def reindex():
    from catalog.tasks import reindex_later
    from core import jobs

    return jobs.accepted(reindex_later(require_api_user("admin")))


openapi.operation("get", "/catalog.jsonld", "The public catalog as DCAT-AP (JSON-LD)", tag=TAG)


@bp.get("/catalog.jsonld")
def catalog_jsonld():
    response = jsonify(dcat.catalog_document(request.url_root.rstrip("/")))
    response.mimetype = "application/ld+json"
    return response
