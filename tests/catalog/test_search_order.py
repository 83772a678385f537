"""Results come in one order whatever the page size, and the index keeps answering correctly after
edits that leave it in several segments and when it was built by an older schema."""

import shutil
from types import SimpleNamespace

import pytest
from sqlalchemy import select
from whoosh.fields import TEXT

from catalog import services
from catalog.models import Category
from catalog.search import index
from core.extensions import db
from tests.conftest import make_app

QUERIES = ["business licence", "housing provident fund", "medical insurance", "信息", "成都市 数据", "企业 信用"]


def _codes(client, **params):
    return [item["code"] for item in client.get("/api/v1/categories", query_string=params).json["items"]]


@pytest.mark.parametrize("q", QUERIES)
def test_a_small_page_starts_like_a_large_one(client, q):
    twenty = _codes(client, q=q, per_page=20)
    assert len(twenty) >= 6
    assert _codes(client, q=q, per_page=3) == twenty[:3]
    assert _codes(client, q=q, per_page=2, page=2) == twenty[2:4]


@pytest.mark.parametrize("sort", ["name", "records", "updated"])
def test_sorted_pages_follow_on_from_each_other(client, sort):
    whole = _codes(client, q="信息", sort=sort, per_page=100)
    pages = [code for page in (1, 2, 3) for code in _codes(client, q="信息", sort=sort, per_page=7, page=page)]
    assert pages == whole[:21]


def _copy_of(category: Category, **changes) -> SimpleNamespace:
    """What the index reads from a category, changed, without touching the database."""
    values = {c.name: getattr(category, c.name) for c in Category.__table__.columns}
    return SimpleNamespace(**{**values, **changes}, department=category.department)


def test_search_after_edits_leave_the_index_in_several_segments(app, database_url, workdir):
    directory = workdir / "segmented-index"
    shutil.copytree(app.config["SEARCH_INDEX_DIR"], directory)
    other = make_app(database_url, str(directory))
    with other.app_context():
        first, second = db.session.scalars(select(Category).order_by(Category.code).limit(2)).all()
        index.update(str(directory), _copy_of(first, name_en=first.name_en + " Zorblatt", record_count=10**12))
        index.update(str(directory), _copy_of(second, name_en=second.name_en + " Zorblatt"))
        edited = [first.code, second.code]
    client = other.test_client()

    found = client.get("/api/v1/categories", query_string={"q": "zorblatt"}).json
    assert found["source"] == "index" and found["total"] == 2
    assert sorted(i["code"] for i in found["items"]) == sorted(edited)
    by_records = client.get("/api/v1/categories", query_string={"sort": "records", "per_page": 100}).json
    assert by_records["total"] == 457 and by_records["items"][0]["code"] == edited[0]
    assert sum(e["count"] for e in by_records["facets"]["theme"]) == 457
    every = [code for page in range(1, 6) for code in _codes(client, sort="name", per_page=100, page=page)]
    assert len(every) == len(set(every)) == 457


def test_an_index_built_with_positions_answers_the_same(database_url, workdir, monkeypatch):
    """Indexes built before text fields dropped their positions keep working until rebuilt."""
    current = make_app(database_url, str(workdir / "index-now"))
    older = make_app(database_url, str(workdir / "index-with-positions"))
    with current.app_context():
        services.reindex()
    monkeypatch.setattr(index, "TEXT", lambda **kwargs: TEXT(**{**kwargs, "phrase": True}))
    with older.app_context():
        services.reindex()
    monkeypatch.undo()
    assert index.current(current.config["SEARCH_INDEX_DIR"]) and not index.current(older.config["SEARCH_INDEX_DIR"])
    client, old_client = current.test_client(), older.test_client()
    for params in [{"q": q} for q in QUERIES] + [
        {"q": "公积金", "sort": "records"},
        {"q": "gjj", "openness": "conditional"},
    ]:
        assert old_client.get("/api/v1/categories", query_string=params).json == (
            client.get("/api/v1/categories", query_string=params).json
        )


def test_an_index_built_before_shapes_were_stored_answers_the_same_and_takes_edits(
    app, database_url, workdir, monkeypatch
):
    """An index without the stored shapes answers from the rows, the same answer; an edit applied to
    it in place (the shape left out) is found."""
    current = make_app(database_url, str(workdir / "index-shapes"))
    older = make_app(database_url, str(workdir / "index-without-shapes"))
    with current.app_context():
        services.reindex()
    schema, document = index.make_schema, index.document_for

    def without_shape():
        made = schema()
        made.remove("shape")
        return made

    monkeypatch.setattr(index, "make_schema", without_shape)
    monkeypatch.setattr(index, "document_for", lambda c: {k: v for k, v in document(c).items() if k != "shape"})
    with older.app_context():
        services.reindex()
    monkeypatch.undo()
    assert not index.current(older.config["SEARCH_INDEX_DIR"])
    client, old_client = current.test_client(), older.test_client()
    for params in [{"q": q} for q in QUERIES] + [{"q": "gjj", "openness": "conditional"}, {"sort": "name"}]:
        assert old_client.get("/api/v1/categories", query_string=params).json == (
            client.get("/api/v1/categories", query_string=params).json
        )
    with older.app_context():
        first = db.session.scalars(select(Category).order_by(Category.code).limit(1)).one()
        index.update(older.config["SEARCH_INDEX_DIR"], _copy_of(first, name_en=first.name_en + " Quillbeam"))
    assert _codes(old_client, q="quillbeam") == [first.code]
