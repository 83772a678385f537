"""The index is built by `catalog seed`/`catalog reindex`; without it, search still answers from SQL."""

import logging
import shutil

from tests.conftest import make_app


def test_seed_is_idempotent(app, ctx):
    result = app.test_cli_runner().invoke(args=["catalog", "seed"])
    assert result.exit_code == 0, result.output
    assert "created 0, updated 0" in result.output
    assert "categories: 457" in result.output


def test_reindex_shows_progress_and_rebuilds(app, database_url, workdir):
    other = make_app(database_url, str(workdir / "reindex-test"))
    result = other.test_cli_runner().invoke(args=["catalog", "reindex"])
    assert result.exit_code == 0, result.output
    assert "457/457" in result.output and "Search index ready: 457" in result.output
    body = other.test_client().get("/api/v1/categories", query_string={"q": "yyzz"}).json
    assert body["source"] == "index" and body["total"] > 0


def test_missing_index_falls_back_to_the_database_and_logs_it(database_url, workdir, caplog):
    other = make_app(database_url, str(workdir / "no-index-here"))
    with caplog.at_level(logging.WARNING):
        body = other.test_client().get("/api/v1/categories", query_string={"q": "营业执照"}).json
    assert body["source"] == "database"
    assert body["total"] > 0 and any("营业执照" in i["name_zh"] for i in body["items"])
    assert sum(e["count"] for e in body["facets"]["theme"]) == body["total"]
    assert any("answering from the database" in r.message for r in caplog.records)
    page = other.test_client().get("/search", query_string={"q": "营业执照"})
    assert page.status_code == 200


def test_broken_index_falls_back_to_the_database(database_url, workdir, app, caplog):
    broken = workdir / "broken-index"
    shutil.copytree(app.config["SEARCH_INDEX_DIR"], broken)
    for f in broken.iterdir():
        if f.suffix in (".seg", ".toc"):
            f.write_bytes(b"garbage" * 10)
    other = make_app(database_url, str(broken))
    with caplog.at_level(logging.WARNING):
        response = other.test_client().get("/api/v1/categories", query_string={"q": "公积金", "theme": "finance_tax"})
    assert response.status_code == 200
    assert response.json["source"] == "database"


def test_fallback_filters_and_pages_like_the_index(database_url, workdir, client):
    other = make_app(database_url, str(workdir / "no-index-here"))
    params = {"q": "信息", "openness": "unconditional", "per_page": 5, "page": 2}
    from_db = other.test_client().get("/api/v1/categories", query_string=params).json
    assert from_db["page"] == 2 and len(from_db["items"]) <= 5
    assert all(i["openness"] == "unconditional" for i in from_db["items"])
