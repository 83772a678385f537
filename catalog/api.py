"""Catalog JSON API: departments, category search, one category, the DCAT catalog."""

import json
from json.encoder import c_make_encoder, encode_basestring, encode_basestring_ascii
from operator import is_, itemgetter

from flask import Blueprint, current_app, jsonify, request
from flask.json.provider import DefaultJSONProvider

from accounts.auth import require_api_user
from catalog import dcat, services, vocab
from catalog.cache import cached_read, checked_searcher, uncacheable
from catalog.tasks import reindex_later
from core import jobs, openapi
from core.api import json_object
from core.paging import page_of, paging

bp = Blueprint("catalog_api", __name__)
TAG = "catalog"

S, NS, INT = {"type": "string"}, openapi.nullable({"type": "string"}), {"type": "integer", "minimum": 0}
_department_props = {k: S for k in ("code", "name_zh", "name_en")} | {
    "short_name_zh": NS,
    "short_name_en": NS,
}
_department = openapi.schema("Department", openapi.obj(**_department_props))
_department_counts = openapi.schema(
    "DepartmentWithCounts", openapi.obj(**_department_props, category_count=INT, record_count=INT)
)
_column = openapi.obj(
    required=["name", "type"],
    name={"type": "string", "pattern": "^[a-z][a-z0-9_]{0,63}$"},
    label_zh={"type": "string", "maxLength": 100},
    label_en={"type": "string", "maxLength": 100},
    type={"type": "string", "enum": list(vocab.FIELD_TYPES)},
)
_enum = {
    "theme": {"type": "string", "enum": list(vocab.THEMES)},
    "openness": {"type": "string", "enum": list(vocab.OPENNESS)},
    "grade": {"type": "string", "enum": list(vocab.GRADES)},
    "update_frequency": {"type": "string", "enum": list(vocab.FREQUENCIES)},
}
_category_props = {
    "code": S,
    "department": _department,
    "name_zh": S,
    "name_en": S,
    "description_zh": S,
    "description_en": S,
    **_enum,
    "labels": openapi.obj(theme=S, openness=S, grade=S, update_frequency=S),
    "record_count": INT,
    "formats": {"type": "array", "items": {"type": "string", "enum": list(vocab.FORMATS)}},
    "fields": {"type": "array", "items": _column},
    "spatial_coverage_zh": NS,
    "spatial_coverage_en": NS,
    "time_coverage_start": openapi.nullable(openapi.DATE),
    "time_coverage_end": openapi.nullable(openapi.DATE),
    "keywords_zh": {"type": "array", "items": S},
    "keywords_en": {"type": "array", "items": S},
    "sellable": {"type": "boolean"},
    "updated_at": openapi.nullable(openapi.DATETIME),
}
_category = openapi.schema("Category", openapi.obj(**_category_props))
_found = openapi.schema(
    "CategoryFound",
    openapi.obj(
        **_category_props,
        highlights=openapi.obj(name_zh=S, name_en=S, description=S),
    ),
)
_facet = {
    "type": "array",
    "items": openapi.obj(value=S, label=S, count=INT, selected={"type": "boolean"}),
}
_filters = [
    openapi.query(n, {"type": "string", "maxLength": 500}, "comma-separated values")
    for n in ("department", "theme", "openness", "grade", "frequency")
]
_text_list = {
    "anyOf": [
        {"type": "array", "items": {"type": "string", "maxLength": 100}, "maxItems": 100},
        {"type": "string", "maxLength": 4000},
        {"type": "null"},
    ]
}
_edit = {
    "type": "object",
    "properties": {
        "name_zh": {"type": "string", "minLength": 1, "maxLength": 200},
        "name_en": {"type": "string", "minLength": 1, "maxLength": 200},
        "description_zh": {"type": "string", "minLength": 1, "maxLength": 4000},
        "description_en": openapi.nullable({"type": "string", "maxLength": 4000}),
        "spatial_coverage_zh": openapi.nullable({"type": "string", "maxLength": 100}),
        "spatial_coverage_en": openapi.nullable({"type": "string", "maxLength": 100}),
        **_enum,
        "record_count": {"type": "integer", "minimum": 0, "maximum": 10**13},
        "formats": {
            "type": "array",
            "items": {"type": "string", "enum": list(vocab.FORMATS)},
            "minItems": 1,
            "maxItems": 20,
        },
        "fields": {"type": "array", "items": _column, "maxItems": 500},
        "time_coverage_start": openapi.nullable(openapi.DATE),
        "time_coverage_end": openapi.nullable(openapi.DATE),
        "keywords_zh": _text_list,
        "keywords_en": _text_list,
    },
}

openapi.operation(
    "get",
    "/api/v1/departments",
    "The 40 providing departments with category and record counts",
    tag=TAG,
    params=openapi.PAGING,
    response=openapi.page_of(_department_counts),
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
        openapi.query("q", {"type": "string", "maxLength": 256}),
        openapi.query("sort", {"type": "string", "enum": list(vocab.SORTS)}),
        *_filters,
        *openapi.PAGING,
    ],
    response=openapi.page_of(
        _found,
        {
            "facets": openapi.obj(**{n: _facet for n in vocab.FACETS}),
            "suggestion": NS,
            "source": {"type": "string", "enum": ["index", "database"]},
        },
    ),
)


@bp.get("/api/v1/categories")
@cached_read
def categories():
    answer = services.search_categories(services.parse_search_params(request.args, strict=True), checked_searcher())
    if answer["source"] != "index":
        uncacheable()
        return jsonify(answer)
    return search_json(answer)


def search_json(answer: dict):
    """jsonify(answer), byte for byte, with the parts of each hit that come as they are from the
    index's stored document (its columns, keywords, department, texts) encoded once per document and
    index version rather than at every search that shows it (a page of hits is mostly those); its
    labels and highlights, made per request, are encoded each time. Any other JSON setting than
    Flask's default one: jsonify itself."""
    provider = current_app.json
    if (
        type(provider) is not DefaultJSONProvider
        or not provider.sort_keys
        or provider.compact is False
        or (provider.compact is None and current_app.debug)
    ):
        return jsonify(answer)
    encoder = _encoders.get((provider.ensure_ascii, provider.default))
    if encoder is None:
        encoder = _encoders[(provider.ensure_ascii, provider.default)] = _compact_encoder(
            provider.ensure_ascii, provider.default
        )
    quote = encode_basestring_ascii if provider.ensure_ascii else encode_basestring
    parts = []
    for key in sorted(answer):
        value = answer[key]
        if key == "items":
            text = "[" + ",".join(_item_json(item, encoder) for item in value) + "]"
        elif value is None:
            text = "null"
        elif type(value) is int:
            text = int.__repr__(value)  # what the C encoder writes for an int
        elif type(value) is str:
            text = quote(value)  # the C encoder's own function for a str
        else:
            text = encoder(value)
        parts.append(f"{quote(key)}:{text}")
    return current_app.response_class("{" + ",".join(parts) + "}\n", mimetype=provider.mimetype)


def _compact_encoder(ensure_ascii: bool, default):
    """json.dumps(o, ensure_ascii=…, default=…, sort_keys=True, separators=(",", ":")) as one reused
    function: json.dumps makes its C encoder again at each call (the cost of encoding a short value).
    No check for circular references (a search answer has none)."""
    if c_make_encoder is None:  # no C accelerator: the pure Python encoder, made once
        return json.JSONEncoder(
            ensure_ascii=ensure_ascii, default=default, sort_keys=True, separators=(",", ":")
        ).encode
    text = encode_basestring_ascii if ensure_ascii else encode_basestring
    encode = c_make_encoder(None, default, text, None, ":", ",", True, False, True)
    return lambda value: "".join(encode(value, 0))


_encoders: dict = {}
_PER_REQUEST = ("highlights", "labels")  # a hit's keys made per request (services.search_categories)
_ITEMS_KEPT = 2048
_items: dict[int, tuple] = {}  # id of a hit's `fields` -> (its keys, a getter of the others, their values, parts)


def _item_json(item: dict, encode) -> str:
    """One hit as the encoder would give it (sorted keys, compact). Its values other than the
    per-request ones are taken as encoded before when they are the very same objects as then (the
    entry holds them, so their ids stay theirs): the index's stored documents are kept per index
    version (index.stored_fields) and not changed."""
    keys = tuple(item)
    kept = _items.get(id(item.get("fields")))
    if kept is None or kept[0] != keys or not all(map(is_, kept[2], kept[1](item))):
        stored = [k for k in keys if k not in _PER_REQUEST]
        if len(stored) < 2:  # itemgetter of one key gives the value, not a tuple: not kept
            return encode(item)
        layout, run = [], []
        for key in sorted(item):
            if key in _PER_REQUEST:
                if run:
                    layout.append((None, ",".join(run)))
                    run = []
                layout.append((key, encode(key) + ":"))
            else:
                run.append(f"{encode(key)}:{encode(item[key])}")
        if run:
            layout.append((None, ",".join(run)))
        getter = itemgetter(*stored)
        kept = (keys, getter, getter(item), tuple(layout))
        if len(_items) >= _ITEMS_KEPT:
            _items.clear()
        _items[id(item.get("fields"))] = kept
    return "{" + ",".join(text if key is None else text + encode(item[key]) for key, text in kept[3]) + "}"


openapi.operation("get", "/api/v1/categories/{code}", "One data category", tag=TAG, response=_category, errors=(404,))


@bp.get("/api/v1/categories/<code>")
@cached_read
def category(code):
    return jsonify(services.category_to_dict(services.get_category(code)))


openapi.operation(
    "patch",
    "/api/v1/categories/{code}",
    "Edit a category (operator, admin); audited",
    tag=TAG,
    body=_edit,
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
    return jobs.accepted(reindex_later(require_api_user("admin")))


openapi.operation(
    "get",
    "/catalog.jsonld",
    "The public catalog as DCAT-AP 3.0.1 (JSON-LD)",
    tag=TAG,
    errors=(),
    media_type="application/ld+json",
    response=openapi.obj(**{"@context": {"type": "object"}, "@graph": {"type": "array", "items": {"type": "object"}}}),
)


@bp.get("/catalog.jsonld")
def catalog_jsonld():
    response = jsonify(dcat.catalog_document(request.url_root.rstrip("/")))
    response.mimetype = "application/ld+json"
    return response
