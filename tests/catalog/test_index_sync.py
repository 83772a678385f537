"""An edit updates the index in place and is searchable at once; every node's index follows the
change log, whether it was running (a search catches up) or down (it catches up as it starts)."""

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from catalog.models import CatalogChange, Category
from catalog.search import index, sync
from core.extensions import db
from tests.conftest import make_app
from tests.factories import bearer, make_user, token_for

CODE = "SCJGJ-002"


def _search(client, **params):
    return client.get("/api/v1/categories", query_string=params).json


def _codes(client, **params):
    return [item["code"] for item in _search(client, **params)["items"]]


def _theme_count(client, theme: str, **params) -> int:
    return {e["value"]: e["count"] for e in _search(client, **params)["facets"]["theme"]}.get(theme, 0)


@pytest.fixture()
def editor(app, client):
    """PATCH a category through the API as an operator; every category it touched is put back."""
    with app.app_context():
        headers = bearer(token_for(make_user("operator")))
    originals: dict[str, dict] = {}

    def edit(changes: dict, code: str = CODE, through=None):
        current = client.get(f"/api/v1/categories/{code}").json
        originals.setdefault(code, {k: current[k] for k in changes})
        response = (through or client).patch(f"/api/v1/categories/{code}", headers=headers, json=changes)
        assert response.status_code == 200, response.json
        return current

    yield edit
    for code, values in originals.items():
        assert client.patch(f"/api/v1/categories/{code}", headers=headers, json=values).status_code == 200


def test_an_edit_is_searchable_at_once_and_removed_words_no_longer_match(client, editor):
    before = editor({"keywords_zh": ["翠鸟甲词"], "keywords_en": ["kingfisheralpha"]})
    assert _codes(client, q="kingfisheralpha") == [CODE]
    assert _codes(client, q="翠鸟甲词") == [CODE]

    editor({"keywords_zh": ["翠鸟乙词"], "keywords_en": ["kingfisherbeta"]})
    assert _search(client, q="kingfisheralpha")["total"] == 0
    assert _search(client, q="翠鸟甲词")["total"] == 0
    assert _codes(client, q="kingfisherbeta") == [CODE]
    # what did not change still matches, and only once
    name_word = before["name_en"].split()[0]
    assert _codes(client, q=name_word, per_page=100).count(CODE) == 1


def test_facet_counts_follow_an_edit(client, editor):
    current = client.get(f"/api/v1/categories/{CODE}").json
    old_theme = current["theme"]
    new_theme = "weather" if old_theme != "weather" else "credit"
    total = _search(client)["total"]
    old_count, new_count = _theme_count(client, old_theme), _theme_count(client, new_theme)

    editor({"theme": new_theme, "openness": "unconditional"})
    assert _theme_count(client, old_theme) == old_count - 1
    assert _theme_count(client, new_theme) == new_count + 1
    assert _search(client)["total"] == total  # replaced, not added
    assert CODE in _codes(client, theme=new_theme, per_page=100)
    assert CODE not in _codes(client, theme=old_theme, per_page=100)
    by_records = _search(client, sort="records", per_page=100)
    assert sum(e["count"] for e in by_records["facets"]["theme"]) == total


def test_every_edit_is_logged_in_its_transaction_and_the_index_records_it(app, client, editor):
    with app.app_context():
        logged = db.session.scalar(select(func.count()).select_from(CatalogChange))
    editor({"record_count": 4242})
    with app.app_context():
        last = db.session.scalars(select(CatalogChange).order_by(CatalogChange.id.desc())).first()
        assert db.session.scalar(select(func.count()).select_from(CatalogChange)) == logged + 1
        assert last.category_code == CODE
        assert sync.index_version() == last.id == sync.latest_change()


def test_a_refused_edit_logs_no_change(app, client):
    with app.app_context():
        headers = bearer(token_for(make_user("operator")))
        logged = sync.latest_change()
    assert client.patch(f"/api/v1/categories/{CODE}", headers=headers, json={"theme": "astrology"}).status_code == 400
    with app.app_context():
        assert sync.latest_change() == logged


def _node(app, database_url, workdir, name: str, **config):
    """A second node: its own copy of the index as it is now (then left alone), same database."""
    directory = workdir / name
    shutil.rmtree(directory, ignore_errors=True)
    shutil.copytree(app.config["SEARCH_INDEX_DIR"], directory)
    return directory


def test_an_edit_on_node_a_is_found_by_a_search_on_node_b(app, client, editor, database_url, workdir):
    directory = _node(app, database_url, workdir, "index-node-b")
    node_b = make_app(database_url, str(directory), SEARCH_SYNC_SECONDS=1.0)
    b = node_b.test_client()
    assert _search(b, q="herondelta")["total"] == 0  # B looks at the log now, and not again for a second

    editor({"keywords_en": ["herondelta"], "keywords_zh": ["苍鹭丁词"]})  # through node A
    assert _codes(client, q="herondelta") == [CODE]
    time.sleep(1.05)  # B's next look at the log; a search then applies what B has not seen
    assert _codes(b, q="herondelta") == [CODE]
    assert _codes(b, q="苍鹭丁词") == [CODE]
    with node_b.app_context():
        assert sync.index_version() == sync.latest_change()


def test_a_node_that_was_down_catches_up_as_it_starts(app, client, editor, database_url, workdir):
    directory = _node(app, database_url, workdir, "index-node-down")  # node B stopped with this index
    editor({"keywords_en": ["ospreyepsilon"]})
    editor({"keywords_en": ["ospreyzeta"]}, code="SCJGJ-003")
    editor({"keywords_en": ["ospreyeta"]})  # replaces epsilon

    node_b = make_app(database_url, str(directory), SEARCH_SYNC_SECONDS=3600)  # searches never look
    with node_b.app_context():
        assert index.applied_change(str(directory)) == sync.latest_change()
    b = node_b.test_client()
    assert _codes(b, q="ospreyeta") == [CODE]
    assert _codes(b, q="ospreyzeta") == ["SCJGJ-003"]
    assert _search(b, q="ospreyepsilon")["total"] == 0


def test_a_category_that_is_gone_leaves_the_index_of_every_node(app, database_url, workdir):
    """No service deletes categories today; a change whose category is gone removes its document."""
    directory = _node(app, database_url, workdir, "index-node-gone")
    node = make_app(database_url, str(directory), SEARCH_SYNC_SECONDS=3600)
    with node.app_context():
        category = db.session.scalar(select(Category).where(Category.code == CODE))
        searcher = index.searcher(str(directory))
        assert searcher.document_number(code=CODE) is not None
        with index.node_lock(str(directory)):
            index.apply(str(directory), {CODE: None})
        assert index.searcher(str(directory)).document_number(code=CODE) is None
        with index.node_lock(str(directory)):
            index.apply(str(directory), {CODE: index.document_for(category)})
        assert index.searcher(str(directory)).document_number(code=CODE) is not None


def test_a_rebuilt_index_records_the_last_change_it_includes(app, database_url, workdir):
    node = make_app(database_url, str(workdir / "index-rebuilt"))
    with node.app_context():
        from catalog import services

        services.reindex()
        assert sync.index_version() == sync.latest_change()
        assert sync.catch_up(force=True) == 0  # nothing left to apply


def test_a_node_without_an_index_starts_and_searches_from_the_database(database_url, workdir):
    node = make_app(database_url, str(workdir / "index-never-built"))
    with node.app_context():
        assert sync.index_version() is None and sync.catch_up(force=True) == 0
    assert node.test_client().get("/api/v1/categories", query_string={"q": "yyzz"}).json["source"] == "database"


def test_an_edit_stands_when_the_index_cannot_take_it_and_a_later_search_applies_it(client, editor, monkeypatch):
    real = sync.catch_up

    def broken(*args, **kwargs):
        raise OSError("no space left on device")

    monkeypatch.setattr(sync, "catch_up", broken)
    editor({"keywords_en": ["grebelambda"]})  # 200: the edit is committed and logged
    assert _search(client, q="grebelambda")["total"] == 0  # this node has not applied it yet
    monkeypatch.setattr(sync, "catch_up", real)
    time.sleep(1.05)  # the shared app looks at the log at most every second
    assert _codes(client, q="grebelambda") == [CODE]


def test_a_process_that_starts_with_an_index_has_loaded_what_searching_needs(app, database_url):
    """A web worker's first search must not wait for jieba's dictionary (about 0.4 s, and seconds on a
    busy machine): starting the app loads it and teaches it the catalog's words kept with the index."""
    script = (
        "import jieba\n"
        "from catalog.search import analysis\n"
        "from tests.conftest import make_app\n"
        "assert not jieba.dt.initialized\n"
        f"make_app({database_url!r}, {app.config['SEARCH_INDEX_DIR']!r})\n"
        "print(jieba.dt.initialized, len(analysis._taught))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    initialized, taught = done.stdout.split()
    assert initialized == "True"
    assert int(taught) > 100  # the shipped catalog's Chinese keywords


def test_an_app_started_before_its_database_is_migrated_says_so_in_one_line(app, tmp_path, caplog):
    """`flask db upgrade` (or a bench) on a new database beside an existing index: the catch-up at
    start cannot read the change log, and says so in one line, with the reason, not a traceback."""
    import logging

    with caplog.at_level(logging.INFO, logger="catalog.search.sync"):
        make_app(f"sqlite:///{tmp_path / 'new.sqlite3'}", app.config["SEARCH_INDEX_DIR"])
    (record,) = [r for r in caplog.records if "not caught up at start" in r.getMessage()]
    assert record.levelno == logging.INFO and record.exc_info is None
    assert "no such table: catalog_changes" in record.getMessage()
