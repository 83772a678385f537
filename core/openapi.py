"""The OpenAPI 3.1 document. Each domain's api module calls operation() beside its routes, so the
document lists exactly what is served.

The same declarations validate requests (core/validation.py): a request body or query parameter is
declared once, as JSON Schema, and that schema both appears in the document and is checked before
the handler runs, so the two cannot drift. Path parameters come from the Flask url_map (see
core/validation.py: each rule is bound to its declared operation) and are typed by their name."""

import re

_PATHS: dict[str, dict] = {}
# (path, method) -> what core.validation checks: the JSON body schema and the query parameters
CONTRACTS: dict[tuple[str, str], dict] = {}

MAX_ID = 2**31 - 1
# Money travels as a string of ASCII digits with at most two decimals ("1234.50").
MONEY = {"type": "string", "pattern": "^[0-9]{1,13}(\\.[0-9]{1,2})?$", "examples": ["1234.50"]}
MONEY_OUT = {"type": "string", "pattern": "^-?[0-9]+\\.[0-9]{2}$"}
MONTH = {"type": "string", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$", "examples": ["2026-10"]}
ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
DATE = {"type": "string", "format": "date"}
DATETIME = {"type": "string", "format": "date-time"}
ERROR_CODES = [
    "validation_error",
    "query_refused",
    "not_found",
    "conflict",
    "forbidden",
    "unauthorized",
    "payload_too_large",
    "too_many_requests",
    "server_error",
]
# A path parameter that does not fit its schema: 404 for these (no object can have it), else 400.
IDENTIFIERS = ("id", "code", "number")
# The schema of a path parameter follows from its name.
PATH_PARAMETERS: dict[str, dict] = {
    # examples name objects of `flask demo seed`, so a contract test also reaches the answers that succeed
    "id": ID | {"examples": [1, 2]},
    "code": {"type": "string", "pattern": "^[A-Za-z0-9_-]{1,64}$", "examples": ["FGW-001", "FGW"]},
    "number": {"type": "string", "pattern": "^[A-Z]{2,4}-[0-9]{4}-[0-9]{6}$", "examples": ["INV-2026-000001"]},
    "year": {"type": "integer", "minimum": 2000, "maximum": 2999},
    "month": MONTH,
}

ERROR = {"$ref": "#/components/schemas/Error"}
SCHEMAS: dict[str, dict] = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["code", "message"],
                "properties": {
                    "code": {"type": "string", "enum": ERROR_CODES},
                    "message": {"type": "string"},
                    "fields": {
                        "type": "object",
                        "additionalProperties": {"type": "array", "items": {"type": "string"}},
                    },
                },
            }
        },
    },
}
PAGING = [
    {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 10_000, "default": 1}},
    {"name": "per_page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100}},
]
_DESCRIPTIONS = {
    400: "Invalid input (field messages in error.fields)",
    401: "Not signed in (no or bad bearer token)",
    403: "The caller's role may not do this",
    404: "No such object, or not one the caller may see",
    405: "Method not allowed",
    409: "Conflicts with the object's current state",
    413: "The request body is too large",
    429: "Too many requests",
}


def schema(name: str, body: dict) -> dict:
    SCHEMAS[name] = body
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(s: dict) -> dict:
    """s or null (JSON Schema 2020-12, as OpenAPI 3.1 uses it)."""
    if "$ref" in s or "type" not in s:
        return {"anyOf": [s, {"type": "null"}]}
    types = s["type"] if isinstance(s["type"], list) else [s["type"]]
    out = dict(s, type=[*types, "null"])
    if "enum" in out:
        out["enum"] = [*out["enum"], None]
    return out


def obj(required: list | tuple | None = None, **props) -> dict:
    """An object schema: every listed property required unless required= names only some."""
    return {
        "type": "object",
        "required": list(props) if required is None else list(required),
        "properties": props,
    }


def query(name: str, s: dict, description: str | None = None, required: bool = False) -> dict:
    param = {"name": name, "in": "query", "schema": s}
    if description:
        param["description"] = description
    if required:
        param["required"] = True
    return param


def page_of(item_ref: dict, extra: dict | None = None) -> dict:
    props = {
        "items": {"type": "array", "items": item_ref},
        "total": {"type": "integer", "minimum": 0},
        "page": {"type": "integer", "minimum": 1},
        "per_page": {"type": "integer", "minimum": 0},
    }
    props.update(extra or {})
    return {"type": "object", "required": ["items", "total", "page", "per_page"], "properties": props}


def _path_parameters(path: str) -> list[dict]:
    return [
        {"name": name, "in": "path", "required": True, "schema": PATH_PARAMETERS.get(name, {"type": "string"})}
        for name in re.findall(r"\{([^}]+)\}", path)
    ]


def operation(
    method: str,
    path: str,
    summary: str,
    *,
    tag: str,
    response: dict | None = None,
    params: list | None = None,
    body: dict | None = None,
    status: int = 200,
    auth: bool = False,
    errors: tuple = (400,),
    responses: dict | None = None,
    media_type: str = "application/json",
    body_content: dict | None = None,
) -> None:
    """Declare one operation. body: the JSON request body's schema (validated before the handler);
    params: query parameters (validated too; path parameters are added from the path);
    responses: further success answers {status: schema}; body_content: a non-JSON request body
    (media type -> schema), documented but left to the handler."""
    method = method.lower()
    op: dict = {
        "summary": summary,
        "tags": [tag],
        "operationId": f"{method}_{path}".replace("/", "_").replace("{", "").replace("}", ""),
    }
    query_params = [p for p in params or [] if p.get("in") == "query"]
    path_params = _path_parameters(path)
    if path_params or params:
        op["parameters"] = path_params + [p for p in params or [] if p.get("in") != "path"]
    if body is not None:
        op["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    elif body_content:
        op["requestBody"] = {"required": True, "content": {k: {"schema": v} for k, v in body_content.items()}}
    success = {status: response} | {int(k): v for k, v in (responses or {}).items()}
    op["responses"] = {
        str(code): {"description": "OK", "content": {media_type: {"schema": s or {"type": "object"}}}}
        for code, s in sorted(success.items())
    }
    codes = set(errors) | ({401, 403} if auth else set())
    if body is not None or body_content or query_params:
        codes |= {400}
    if body is not None or body_content:
        codes |= {413}
    if path_params:
        codes |= {404}
    if any(p["name"] not in IDENTIFIERS for p in path_params):
        codes |= {400}
    for code in sorted(codes):
        op["responses"][str(code)] = {
            "description": _DESCRIPTIONS.get(code, "Error"),
            "content": {"application/json": {"schema": ERROR}},
        }
    if auth:
        op["security"] = [{"bearer": []}]
    _PATHS.setdefault(path, {})[method] = op
    CONTRACTS[(path, method)] = {"body": body, "query": query_params, "path": path_params}


def document() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Public-data operation platform API (公共数据运营服务平台)",
            "version": "1.0.0",
            "description": "Catalog, demand board, negotiation, invoices and finance. Money is a string with 2 decimals (CNY).",
        },
        "servers": [{"url": "/"}],
        "paths": dict(sorted(_PATHS.items())),
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }


def declarer(prefix: str, tag: str):
    """The `op(...)` one API module declares its operations with: its path prefix and tag fixed,
    bearer auth and the usual error answers by default."""

    def op(
        method,
        path,
        summary,
        status=200,
        auth=True,
        errors=(400, 404, 409),
        body_schema=None,
        params=None,
        response=None,
        **more,
    ):
        operation(
            method,
            prefix + path,
            summary,
            tag=tag,
            status=status,
            auth=auth,
            errors=errors,
            body=body_schema,
            params=params,
            response=response,
            **more,
        )

    return op
