"""Bad input never gives a 500 and never changes data."""

import hashlib
import json

import pytest
from sqlalchemy import func, select

from accounts.models import Organisation, User
from catalog.models import Category
from core.audit import AuditEntry
from core.extensions import db

HUGE = "营业执照" * 2600  # over 10 kB
BAD_SEARCHES = [
    {"department": "NOSUCHDEPT"},
    {"theme": "astrology"},
    {"openness": "sometimes"},
    {"grade": "top-secret"},
    {"frequency": "hourly"},
    {"page": "-1"},
    {"page": "0"},
    {"page": "abc"},
    {"page": "99999999999999999999"},
    {"per_page": "10000"},
    {"per_page": "0"},
    {"per_page": "1.5"},
    {"sort": "price"},
    {"q": HUGE},
]
ODD_BUT_VALID = [
    {"q": "营业\x00执照\x07\x1b[31m"},
    {"q": "name:*"},
    {"q": '"'},
    {"q": "AND OR NOT"},
    {"q": "*"},
    {"q": "?"},
    {"q": "(((("},
    {"q": "营业执照 AND"},
    {"q": "\\"},
    {"q": "%_%"},
    {"q": "'; DROP TABLE categories; --"},
    {"q": "🙂🚀"},
    {"q": "   "},
    {"q": "a" * 256},
    {"page": "1000"},
]


def _fingerprint():
    counts = tuple(
        db.session.scalar(select(func.count()).select_from(m)) for m in (Category, User, Organisation, AuditEntry)
    )
    rows = db.session.execute(
        select(Category.code, Category.name_zh, Category.record_count).order_by(Category.code)
    ).all()
    return counts, hashlib.sha256(json.dumps([list(r) for r in rows], ensure_ascii=False).encode()).hexdigest()


@pytest.mark.parametrize("params", BAD_SEARCHES, ids=lambda p: json.dumps(p, ensure_ascii=False)[:40])
def test_api_refuses_bad_search_parameters_with_field_messages(client, ctx, params):
    before = _fingerprint()
    response = client.get("/api/v1/categories", query_string=params)
    assert response.status_code == 400
    body = response.json["error"]
    assert body["code"] == "validation_error" and body["message"]
    assert set(body["fields"]) == {next(iter(params))}
    assert _fingerprint() == before


@pytest.mark.parametrize("params", ODD_BUT_VALID, ids=lambda p: json.dumps(p, ensure_ascii=False)[:40])
def test_api_treats_query_syntax_and_control_characters_as_plain_text(client, ctx, params):
    before = _fingerprint()
    response = client.get("/api/v1/categories", query_string=params)
    assert response.status_code == 200, response.data[:300]
    assert {"items", "total", "page", "per_page", "facets"} <= set(response.json)
    assert _fingerprint() == before


@pytest.mark.parametrize("params", BAD_SEARCHES + ODD_BUT_VALID, ids=lambda p: json.dumps(p, ensure_ascii=False)[:40])
def test_search_page_never_fails_on_bad_input(client, ctx, params):
    before = _fingerprint()
    assert client.get("/search", query_string=params).status_code == 200
    assert _fingerprint() == before


def test_control_characters_are_stripped_not_searched(client):
    clean = client.get("/api/v1/categories", query_string={"q": "营业执照"}).json
    dirty = client.get("/api/v1/categories", query_string={"q": "营业\x00执照"}).json
    assert clean["total"] > 0
    assert dirty["total"] >= 1


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/categories/NOPE-999",
        "/api/v1/departments/NOPE",
        "/api/v1/nothing-here",
        "/api/v1/categories/%00",
        "/api/v1/categories/" + "x" * 5000,
    ],
)
def test_unknown_things_are_404_in_the_contract_shape(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.json["error"]["code"] == "not_found"


@pytest.mark.parametrize("path", ["/categories/NOPE-999", "/departments/NOPE"])
def test_unknown_pages_are_friendly_404s(client, path):
    response = client.get(path)
    assert response.status_code == 404 and "<html" in response.get_data(as_text=True)


@pytest.mark.parametrize("params", [{"page": "0"}, {"per_page": "101"}, {"page": "x"}])
def test_departments_list_checks_paging(client, params):
    response = client.get("/api/v1/departments", query_string=params)
    assert response.status_code == 400 and response.json["error"]["fields"]
