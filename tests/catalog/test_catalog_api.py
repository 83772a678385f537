"""The catalog's contract: departments, categories, facets, sorting, paging, DCAT, OpenAPI."""

import pytest

FACETS = ("department", "theme", "openness", "grade", "frequency")


def test_forty_departments_hold_457_categories_and_about_165_million_records(client):
    body = client.get("/api/v1/departments").json
    assert body["total"] == 40 and len(body["items"]) == 40 and body["page"] == 1
    assert sum(d["category_count"] for d in body["items"]) == 457
    assert 160_000_000 <= sum(d["record_count"] for d in body["items"]) <= 170_000_000
    for d in body["items"]:
        assert {"code", "name_zh", "name_en", "category_count", "record_count"} <= set(d)
    market = next(d for d in body["items"] if d["code"] == "SCJGJ")
    assert market["name_zh"] == "成都市市场监督管理局"


def test_departments_page(client):
    body = client.get("/api/v1/departments", query_string={"page": 2, "per_page": 15}).json
    assert (body["total"], body["page"], body["per_page"], len(body["items"])) == (40, 2, 15, 15)


def test_one_category_has_every_metadata_field(client):
    c = client.get("/api/v1/categories/SCJGJ-001").json
    for key in (
        "code",
        "department",
        "name_zh",
        "name_en",
        "description_zh",
        "description_en",
        "theme",
        "openness",
        "grade",
        "update_frequency",
        "record_count",
        "formats",
        "fields",
        "spatial_coverage_zh",
        "spatial_coverage_en",
        "time_coverage_start",
        "keywords_zh",
        "keywords_en",
        "updated_at",
    ):
        assert key in c, key
    assert c["department"]["code"] == "SCJGJ"
    assert c["fields"] and {"name", "label_zh", "label_en", "type"} <= set(c["fields"][0])
    assert client.get("/api/v1/categories/scjgj-001").json["code"] == "SCJGJ-001"


def test_listing_without_a_query_pages_through_everything(client):
    seen = set()
    for page in range(1, 6):
        body = client.get("/api/v1/categories", query_string={"per_page": 100, "page": page}).json
        assert body["total"] == 457
        seen |= {i["code"] for i in body["items"]}
    assert len(seen) == 457
    beyond = client.get("/api/v1/categories", query_string={"per_page": 100, "page": 6}).json
    assert beyond["items"] == [] and beyond["total"] == 457


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "信息"},
        {"q": "数据"},
        {"q": "企业"},
        {"q": "traffic"},
        {"q": "营业执照"},
        {"theme": "health"},
        {"q": "信息", "openness": "conditional"},
        {"q": "信息", "department": "SCJGJ,GJJZX"},
        {"q": "data", "grade": "general", "theme": "transport"},
    ],
)
def test_each_facet_count_equals_the_results_of_choosing_it(client, params):
    body = client.get("/api/v1/categories", query_string=params).json
    assert set(body["facets"]) >= {"department", "theme", "openness"}
    for facet in FACETS:
        entries = body["facets"][facet]
        chosen = params.get(facet)
        if not chosen:
            # every result has exactly one value per facet
            assert sum(e["count"] for e in entries) == body["total"], facet
        for e in entries[:6]:
            narrowed = client.get("/api/v1/categories", query_string={**params, facet: e["value"], "per_page": 1}).json
            assert narrowed["total"] == e["count"], (facet, e)
            assert {"value", "label", "count"} <= set(e)


def test_facet_labels_follow_the_language(client):
    zh = client.get("/api/v1/categories", query_string={"q": "营业执照"}).json["facets"]
    en = client.get("/api/v1/categories", query_string={"q": "营业执照"}, headers={"Accept-Language": "en"}).json[
        "facets"
    ]
    assert any(e["label"] == "有条件开放" for e in zh["openness"]) or any(
        e["label"] == "无条件开放" for e in zh["openness"]
    )
    assert all(not any("\u4e00" <= ch <= "\u9fff" for ch in e["label"]) for e in en["openness"])


@pytest.mark.parametrize(
    "sort, key, reverse",
    [
        ("records", lambda i: i["record_count"], True),
        ("updated", lambda i: i["updated_at"], True),
    ],
)
def test_sorting(client, sort, key, reverse):
    items = client.get("/api/v1/categories", query_string={"sort": sort, "per_page": 100}).json["items"]
    values = [key(i) for i in items]
    assert values == sorted(values, reverse=reverse)


def test_sort_by_name_in_english(client):
    items = client.get(
        "/api/v1/categories", query_string={"sort": "name", "per_page": 50}, headers={"Accept-Language": "en"}
    ).json["items"]
    names = [i["name_en"].lower() for i in items]
    assert names == sorted(names)


def test_sort_by_name_in_chinese_follows_pinyin(client):
    from pypinyin import lazy_pinyin

    items = client.get("/api/v1/categories", query_string={"sort": "name", "per_page": 50}).json["items"]
    keys = ["".join(lazy_pinyin(i["name_zh"])).lower() for i in items]
    assert keys == sorted(keys)


def test_matches_are_highlighted(client):
    body = client.get("/api/v1/categories", query_string={"q": "营业执照"}).json
    assert "<mark>营业执照</mark>" in body["items"][0]["highlights"]["name_zh"]
    pinyin = client.get("/api/v1/categories", query_string={"q": "yyzz"}).json
    assert "<mark>营业执照</mark>" in pinyin["items"][0]["highlights"]["name_zh"]
    english = client.get("/api/v1/categories", query_string={"q": "business licenses"}).json
    assert "<mark>" in english["items"][0]["highlights"]["name_en"].lower()


def test_highlights_escape_html(client, ctx):
    from catalog.search.highlight import highlight
    from catalog.search.query import query_words

    marked = highlight("<script>营业执照</script>", query_words("营业执照"))
    assert "<script>" not in marked and "&lt;script&gt;" in marked and "<mark>营业执照</mark>" in marked


def test_dcat_catalog(client):
    response = client.get("/catalog.jsonld")
    assert response.status_code == 200 and response.mimetype == "application/ld+json"
    graph = response.json["@graph"]
    datasets = [n for n in graph if n.get("@type") == "dcat:Dataset"]
    catalog = next(n for n in graph if n.get("@type") == "dcat:Catalog")
    publishers = {n["@id"] for n in graph if "foaf:Agent" in n.get("@type", [])}
    assert len(datasets) == 457 and len(catalog["dcat:dataset"]) == 457
    for d in datasets:
        assert d["dct:publisher"]["@id"] in publishers
        assert {t["@language"] for t in d["dct:title"]} == {"zh", "en"}
    assert "dcat" in response.json["@context"]


def test_openapi_document_lists_the_catalog_routes(client):
    doc = client.get("/api/v1/openapi.json").json
    assert doc["openapi"].startswith("3.")
    for path in ("/api/v1/departments", "/api/v1/categories", "/api/v1/categories/{code}", "/catalog.jsonld"):
        assert path in doc["paths"], path
    assert "Error" in doc["components"]["schemas"]


@pytest.mark.parametrize(
    "args",
    [
        {"q": "营业执照"},
        {"q": "yyzz", "lang": "en"},
        {"q": "weather data"},
        {"theme": "market", "sort": "name", "page": 2, "per_page": 7},
        {"q": "no such thing at all"},
        {"q": "licnese"},
    ],
)
def test_the_search_answers_json_is_jsonifys_byte_for_byte(app, args):
    """catalog.api.search_json reuses the encoding of a hit's stored parts: the same bytes as jsonify,
    the first time and again (parts kept) and with its per-request parts changed."""
    from flask import jsonify, request

    from catalog import services
    from catalog.api import search_json

    for _ in range(2):
        with app.test_request_context("/api/v1/categories", query_string=args):
            answer = services.search_categories(services.parse_search_params(request.args))
            assert search_json(answer).get_data() == jsonify(answer).get_data()
            for item in answer["items"]:
                item["highlights"] = {"name_zh": "<x>", "description": "\"'\u2028"}
                item["labels"]["theme"] = "changed"
            assert search_json(answer).get_data() == jsonify(answer).get_data()
            # the answer's own values written directly (None, int, str) or by the encoder (others)
            answer.update(suggestion='营业"执照\u2028</', page=True, per_page=2**70, total=-3, extra=1.5, more=[None])
            assert search_json(answer).get_data() == jsonify(answer).get_data()


def _spans_term_by_term(text, words):
    """catalog.search.highlight._spans as it was: every term of the text tested against the query."""
    from catalog.search.analysis import display_terms, pinyin_forms

    texts = {w.text for w in words}
    pinyin = {w.raw for w in words if not w.chinese}
    spans = sorted(
        (t.start, t.end)
        for t in display_terms(text)
        if t.text in texts or (pinyin and t.chinese and not pinyin.isdisjoint(pinyin_forms(t.text)))
    )
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(a, b) for a, b in merged]


def test_highlighting_by_looking_up_the_query_words_marks_what_testing_every_term_did(ctx):
    from sqlalchemy import select

    from catalog.models import Category
    from catalog.search.highlight import _spans
    from catalog.search.query import query_words
    from core.extensions import db

    queries = [
        "营业执照",
        "yyzz",
        "yingyezhizhao",
        "企业 登记",
        "business license",
        "weather 天气",
        "qy",
        "data",
        "2024",
        "公安",
    ]
    texts = [
        t
        for c in db.session.scalars(select(Category))
        for t in (c.name_zh, c.name_en, c.description_zh, c.description_en)
    ]
    marked = 0
    for q in queries:
        words = query_words(q)
        for text in texts:
            expected = _spans_term_by_term(text or "", words)
            assert _spans(text or "", words) == expected, (q, text)
            marked += bool(expected)
    assert marked > 100


@pytest.mark.parametrize(
    "text", ["", "plain", "<b>&amp;</b>", "a'b\"c", "&&<<>>''\"\"", "营业执照 & <mark>", "\x00<\u2028>"]
)
def test_highlights_escape_as_markupsafe_does(text):
    from markupsafe import escape

    from catalog.search.highlight import _escape, highlight

    assert _escape(text) == str(escape(text))
    assert str(highlight(text, [])) == str(escape(text))
