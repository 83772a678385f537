"""The OpenAPI 3.1 document. Each domain's api module calls operation() beside its routes, so the
document lists exactly what is served."""

_PATHS: dict[str, dict] = {}

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
                    "code": {
                        "type": "string",
                        "enum": [
                            "validation_error",
                            "not_found",
                            "conflict",
                            "forbidden",
                            "unauthorized",
                            "payload_too_large",
                            "query_refused",
                        ],
                    },
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
    {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 1}},
    {"name": "per_page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100}},
]


def schema(name: str, body: dict) -> dict:
    SCHEMAS[name] = body
    return {"$ref": f"#/components/schemas/{name}"}


def page_of(item_ref: dict, extra: dict | None = None) -> dict:
    props = {
        "items": {"type": "array", "items": item_ref},
        "total": {"type": "integer"},
        "page": {"type": "integer"},
        "per_page": {"type": "integer"},
    }
    props.update(extra or {})
    return {"type": "object", "required": ["items", "total", "page", "per_page"], "properties": props}


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
) -> None:
    op: dict = {
        "summary": summary,
        "tags": [tag],
        "operationId": f"{method}_{path}".replace("/", "_").replace("{", "").replace("}", ""),
    }
    if params:
        op["parameters"] = params
    if body:
        op["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    op["responses"] = {
        str(status): {"description": "OK", "content": {"application/json": {"schema": response or {"type": "object"}}}}
    }
    codes = set(errors) | ({401, 403} if auth else set())
    for code in sorted(codes):
        op["responses"][str(code)] = {"description": "Error", "content": {"application/json": {"schema": ERROR}}}
    if auth:
        op["security"] = [{"bearer": []}]
    _PATHS.setdefault(path, {})[method.lower()] = op


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

    def op(method, path, summary, status=200, auth=True, errors=(400, 404, 409), body_schema=None, params=None):
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
        )

    return op
