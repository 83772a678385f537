"""The OpenAPI document lists exactly the API that is served."""

import re


def test_every_api_route_is_documented(app, client):
    doc = client.get("/api/v1/openapi.json").json
    documented = {(path, method) for path, ops in doc["paths"].items() for method in ops}
    served = set()
    for rule in app.url_map.iter_rules():
        if not (rule.rule.startswith("/api/v1/") or rule.rule in ("/catalog.jsonld",)):
            continue
        if rule.rule in ("/api/v1/openapi.json", "/api/v1/<path:anything>"):
            continue
        path = re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule.rule)
        path = re.sub(r"\{[a-z_]*_id\}|\{code\}", lambda m: m.group(0), path)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            served.add((path, method.lower()))
    normalise = lambda pairs: {(re.sub(r"\{[^}]+\}", "{}", p), m) for p, m in pairs}  # noqa: E731
    assert normalise(served) <= normalise(documented), sorted(normalise(served) - normalise(documented))


def test_errors_in_the_document_use_the_contract_shape(client):
    doc = client.get("/api/v1/openapi.json").json
    error = doc["components"]["schemas"]["Error"]["properties"]["error"]
    assert set(error["properties"]["code"]["enum"]) == {
        "validation_error",
        "not_found",
        "conflict",
        "forbidden",
        "unauthorized",
        "payload_too_large",
        "query_refused",  # the delivery gateway's refusal names its rule
    }


def test_workflow_tables_are_published(client):
    tables = client.get("/api/v1/workflows").json
    assert {"demand", "demand_list", "demand_list_item", "authorisation", "listing", "agreement"} <= set(tables)
    grant = next(t for t in tables["authorisation"]["transitions"] if t["action"] == "grant")
    assert grant == {"action": "grant", "from": ["pending"], "to": "granted", "roles": ["steward"]}
