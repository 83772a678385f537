"""The OpenAPI document lists exactly the API that is served, validates, and is the contract the
requests are checked against (core/validation.py reads the same declarations)."""

import re

import pytest
from flask_babel import refresh
from openapi_spec_validator import OpenAPIV31SpecValidator

from tests.factories import bearer, make_user, token_for

METHODS = {"get", "post", "put", "patch", "delete"}


def _served(app) -> set[tuple[str, str]]:
    served = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith(("/api/v1/", "/webhooks/", "/catalog.jsonld")):
            continue
        if rule.rule in ("/api/v1/openapi.json", "/api/v1/<path:anything>"):
            continue
        path = re.sub(r"<(?:[^:<>]+:)?[^<>]+>", "{}", rule.rule)
        served |= {(path, m.lower()) for m in rule.methods - {"HEAD", "OPTIONS"}}
    return served


def test_every_served_route_is_documented_and_every_documented_operation_is_served(app, client):
    doc = client.get("/api/v1/openapi.json").json
    documented = {(re.sub(r"\{[^}]+\}", "{}", path), method) for path, ops in doc["paths"].items() for method in ops}
    served = _served(app)
    assert served - documented == set(), "served but not documented"
    assert documented - served == set(), "documented but not served"


def test_the_document_validates(client):
    doc = client.get("/api/v1/openapi.json").json
    errors = [e.message for e in OpenAPIV31SpecValidator(doc).iter_errors()]
    assert errors == []


def test_every_operation_declares_its_shapes(client):
    doc = client.get("/api/v1/openapi.json").json
    for path, ops in doc["paths"].items():
        names = re.findall(r"\{([^}]+)\}", path)
        for method, op in ops.items():
            assert {p["name"] for p in op.get("parameters", []) if p["in"] == "path"} == set(names), (method, path)
            success = [c for c in op["responses"] if c.startswith("2")]
            assert success, (method, path)
            for code in success:
                (schema,) = [c["schema"] for c in op["responses"][code]["content"].values()]
                assert schema != {"type": "object"}, f"bare object answer: {method} {path}"
            if method in ("post", "put", "patch") and "requestBody" in op:
                assert "400" in op["responses"] and "413" in op["responses"], (method, path)
            if names:
                assert "404" in op["responses"], (method, path)
            if op.get("security"):
                assert {"401", "403"} <= set(op["responses"]), (method, path)


def test_path_parameters_are_typed_by_name(client):
    doc = client.get("/api/v1/openapi.json").json
    (param,) = doc["paths"]["/api/v1/demands/{id}"]["get"]["parameters"]
    assert {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}.items() <= param["schema"].items()
    month = doc["paths"]["/api/v1/finance/months/{month}"]["get"]["parameters"][0]
    assert month["schema"]["pattern"]


def test_the_catalog_feed_is_documented_as_json_ld(client):
    doc = client.get("/api/v1/openapi.json").json
    assert list(doc["paths"]["/catalog.jsonld"]["get"]["responses"]["200"]["content"]) == ["application/ld+json"]


def test_errors_in_the_document_use_the_contract_shape(client):
    doc = client.get("/api/v1/openapi.json").json
    error = doc["components"]["schemas"]["Error"]["properties"]["error"]
    assert {
        "validation_error",
        "query_refused",
        "not_found",
        "conflict",
        "forbidden",
        "unauthorized",
        "payload_too_large",
        "server_error",
    } <= set(error["properties"]["code"]["enum"])


def test_workflow_tables_are_published(client):
    tables = client.get("/api/v1/workflows").json
    assert {"demand", "demand_list", "demand_list_item", "authorisation", "listing", "agreement"} <= set(tables)
    grant = next(t for t in tables["authorisation"]["transitions"] if t["action"] == "grant")
    assert grant == {"action": "grant", "from": ["pending"], "to": "granted", "roles": ["steward"]}


# ---- requests are checked against the same declarations --------------------------------------------
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/demands/0",
        "/api/v1/demands/2147483648",
        "/api/v1/demands/99999999999999999999999",
        "/api/v1/demands/1e3",
    ],
)
def test_ids_outside_1_to_2_31_are_not_found(client, path):
    response = client.get(path)
    assert response.status_code == 404 and response.json["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    "query, field",
    [
        ({"page": "0"}, "page"),
        ({"per_page": "101"}, "per_page"),
        ({"page": "99999999999999999999999"}, "page"),
        ({"demand": "9223372036854775808"}, "demand"),
        ({"demand": "1e309"}, "demand"),
        ({"status": "nonsense"}, "status"),
    ],
)
def test_query_parameters_are_checked_against_their_declaration(client, query, field):
    response = client.get("/api/v1/listings", query_string=query)
    assert response.status_code == 400
    assert response.json["error"]["code"] == "validation_error" and field in response.json["error"]["fields"]


@pytest.mark.parametrize(
    "body, field",
    [
        ({"listing_id": 1e309, "message": "hi"}, "listing_id"),
        ({"listing_id": 2**63, "message": "hi"}, "listing_id"),
        ({"listing_id": "7", "message": "hi"}, "listing_id"),
        ({"listing_id": 1, "message": "hi", "amount": 12.5}, "amount"),
        ({"listing_id": 1, "message": "hi", "amount": "1_000"}, "amount"),
        ({"listing_id": 1, "message": "hi", "amount": "１２３"}, "amount"),
        ({"listing_id": 1, "message": "hi", "delivery_mode": "by_post"}, "delivery_mode"),
        ({"listing_id": 1}, "message"),
    ],
)
def test_bodies_are_checked_against_their_declaration_in_the_callers_language(client, ctx, body, field):
    headers = bearer(token_for(make_user("consumer")))
    response = client.post("/api/v1/negotiations", json=body, headers=headers)
    assert response.status_code == 400, response.json
    assert field in response.json["error"]["fields"]
    refresh()  # the test's app context outlives each request: forget the locale chosen for the last one
    zh = client.post("/api/v1/negotiations?lang=zh_CN", json=body, headers=headers)
    refresh()
    en = client.post("/api/v1/negotiations?lang=en", json=body, headers=headers)
    refresh()
    assert zh.json["error"]["fields"][field] != en.json["error"]["fields"][field]


def test_json_nested_5000_deep_is_a_400_not_a_500(client, ctx):
    headers = bearer(token_for(make_user("consumer")))
    deep = "[" * 5000 + "]" * 5000
    response = client.post("/api/v1/negotiations", data=deep, headers={**headers, "Content-Type": "application/json"})
    assert response.status_code == 400 and response.json["error"]["code"] == "validation_error"


def test_a_refused_caller_gets_403_before_any_field_messages(client, ctx):
    headers = bearer(token_for(make_user("consumer")))
    response = client.post("/api/v1/finance/remittances", json={"amount": 5}, headers=headers)
    assert response.status_code == 403
