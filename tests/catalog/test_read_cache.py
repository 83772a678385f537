"""Anonymous catalog reads come from a cache keyed by the index version: conditional answers (ETag,
Last-Modified, 304), a new answer after an edit, and nothing shared with signed-in users."""

from urllib.parse import quote

import pytest

from tests.factories import PASSWORD, bearer, make_user, token_for

CODE = "SCJGJ-001"
SEARCH = "/api/v1/categories?q=" + quote("营业执照")


@pytest.fixture()
def anon(app):
    return app.test_client()


def test_anonymous_answers_carry_validators_and_a_second_read_is_the_same(anon):
    first = anon.get(SEARCH)
    assert first.status_code == 200 and first.json["total"] > 0
    assert first.headers["ETag"] and first.headers["Last-Modified"]
    assert "public" in first.headers["Cache-Control"]
    assert "Set-Cookie" not in first.headers
    second = anon.get(SEARCH)
    assert second.get_data() == first.get_data() and second.headers["ETag"] == first.headers["ETag"]


@pytest.mark.parametrize("path", [SEARCH, "/api/v1/categories?q=yyzz", f"/api/v1/categories/{CODE}", "/search?q=yyzz"])
def test_if_none_match_and_if_modified_since_answer_304(anon, path):
    first = anon.get(path)
    assert first.status_code == 200
    again = anon.get(path, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.get_data() == b""
    assert anon.get(path, headers={"If-Modified-Since": first.headers["Last-Modified"]}).status_code == 304
    assert anon.get(path, headers={"If-None-Match": '"something-else"'}).status_code == 200


def test_the_language_is_part_of_the_key(anon):
    zh = anon.get(SEARCH, headers={"Accept-Language": "zh-CN"})
    en = anon.get(SEARCH, headers={"Accept-Language": "en"})
    assert zh.headers["ETag"] != en.headers["ETag"]
    assert zh.json["facets"]["theme"][0]["label"] != en.json["facets"]["theme"][0]["label"]
    assert "Accept-Language" in en.headers["Vary"]


def _found(client, words):
    return [i["code"] for i in client.get("/api/v1/categories?q=" + quote(words)).json["items"]]


def test_an_edit_changes_the_index_version_and_so_the_cached_answer(anon, client, ctx):
    headers = bearer(token_for(make_user("operator")))
    before = anon.get(f"/api/v1/categories/{CODE}")
    assert CODE not in _found(anon, "蓝鲸缓存词")
    keywords = before.json["keywords_zh"]
    try:
        edited = client.patch(
            f"/api/v1/categories/{CODE}", headers=headers, json={"keywords_zh": keywords + ["蓝鲸缓存词"]}
        )
        assert edited.status_code == 200
        after = anon.get(f"/api/v1/categories/{CODE}", headers={"If-None-Match": before.headers["ETag"]})
        assert after.status_code == 200 and "蓝鲸缓存词" in after.json["keywords_zh"]
        assert CODE in _found(anon, "蓝鲸缓存词")
    finally:
        client.patch(f"/api/v1/categories/{CODE}", headers=headers, json={"keywords_zh": keywords})
    assert CODE not in _found(anon, "蓝鲸缓存词")


def _signed_in(app, email):
    browser = app.test_client()
    assert browser.post("/login", data={"email": email, "password": PASSWORD}).status_code == 302
    return browser


def test_signed_in_pages_are_private_and_never_served_to_or_from_others(app):
    # no shared app context here: Flask-Login keeps the request's user in g, which lives as long as it
    with app.app_context():
        users = make_user("consumer"), make_user("operator")
        first, second = ((u.email, u.display_name) for u in users)
    anon = app.test_client()
    cached = anon.get("/search?q=yyzz")  # the anonymous page is in the cache now
    assert cached.status_code == 200 and first[1].encode() not in cached.get_data()
    a, b = _signed_in(app, first[0]), _signed_in(app, second[0])
    page_a, page_b = a.get("/search?q=yyzz"), b.get("/search?q=yyzz")
    assert first[1].encode() in page_a.get_data() and second[1].encode() not in page_a.get_data()
    assert second[1].encode() in page_b.get_data() and first[1].encode() not in page_b.get_data()
    for page in (page_a, page_b):
        assert "private" in page.headers["Cache-Control"] and "ETag" not in page.headers
    # and nothing of theirs reached the anonymous entry
    again = anon.get("/search?q=yyzz")
    assert again.get_data() == cached.get_data()


def test_a_bearer_call_gets_a_private_answer_outside_the_cache(client, ctx):
    headers = bearer(token_for(make_user("consumer")))
    answer = client.get(SEARCH, headers=headers)
    assert answer.status_code == 200 and "private" in answer.headers["Cache-Control"]
    assert "ETag" not in answer.headers and "Set-Cookie" not in answer.headers


def test_the_cache_can_be_switched_off(app, database_url, workdir):
    from tests.conftest import make_app

    uncached = make_app(database_url, str(workdir / "index"), CACHE_TYPE="NullCache").test_client()
    first = uncached.get(SEARCH)
    assert first.status_code == 200 and first.json["total"] > 0
    # still conditional: the ETag is of the answer itself
    assert uncached.get(SEARCH, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304


def _comparable(response) -> dict:
    return {k: v for k, v in response.headers.items() if k not in ("Date", "X-Request-ID")}


@pytest.mark.parametrize("path", [SEARCH + "&per_page=7", "/search?q=yyzz&page=1", f"/api/v1/categories/{CODE}?x=1"])
def test_a_stored_answer_goes_out_before_the_request_hooks_with_the_same_headers(app, database_url, workdir, path):
    """The light path (catalog/cache.py, LightReads): a hit runs none of the app's request hooks and
    answers what the full path answered, with its security headers, request id and metrics."""
    from core import metrics
    from tests.conftest import make_app

    light = make_app(database_url, str(workdir / "index"))
    # the change log is looked at by the first request; the next ones, within this interval, may be
    # answered before Flask (a loaded machine took more than the default second between two requests)
    light.config["SEARCH_SYNC_SECONDS"] = 60
    hooks = []
    light.before_request(lambda: hooks.append(1))
    anon = light.test_client()
    first = anon.get(path, headers={"X-Request-ID": "first-1"})
    assert first.status_code == 200 and hooks == [1]
    route = "/search" if path.startswith("/search") else path.split("?")[0].replace(CODE, "<code>")
    counted = metrics.REQUEST_SECONDS.labels(method="GET", route=route, status="200")._sum.get()
    second = anon.get(path, headers={"X-Request-ID": "second-2"})
    assert hooks == [1], "the stored answer went through Flask"
    assert second.get_data() == first.get_data()
    assert _comparable(second) == _comparable(first)
    assert second.headers["X-Request-ID"] == "second-2"
    assert second.headers["Content-Security-Policy"] and second.headers["X-Frame-Options"] == "DENY"
    assert metrics.REQUEST_SECONDS.labels(method="GET", route=route, status="200")._sum.get() > counted
    conditional = anon.get(path, headers={"If-None-Match": first.headers["ETag"]})
    assert conditional.status_code == 304 and hooks == [1]
    assert len(anon.get(path, headers={"X-Request-ID": "bad id!"}).headers["X-Request-ID"]) == 32


def test_a_session_a_language_or_a_bearer_token_takes_the_full_path(app, database_url, workdir):
    from tests.conftest import make_app

    light = make_app(database_url, str(workdir / "index"))
    hooks = []
    light.before_request(lambda: hooks.append(1))
    anon = light.test_client()
    assert anon.get(SEARCH + "&per_page=9").status_code == 200 and len(hooks) == 1
    with_token = anon.get(SEARCH + "&per_page=9", headers={"Authorization": "Bearer nothing"})
    assert "private" in with_token.headers["Cache-Control"] and len(hooks) == 2
    with_lang = anon.get(SEARCH + "&per_page=9&lang=en")
    assert with_lang.status_code == 200 and "Set-Cookie" in with_lang.headers and len(hooks) == 3
    # the client keeps the session cookie (its language) now: its reads are not the cookie-less ones
    again = anon.get(SEARCH + "&per_page=9")
    assert again.status_code == 200 and len(hooks) == 4
    assert again.json["facets"]["theme"][0]["label"] == with_lang.json["facets"]["theme"][0]["label"]
    # a remember-me cookie may sign someone in: the full path decides
    remembered = light.test_client()
    remembered.set_cookie("remember_token", "someone|signature")
    assert remembered.get(SEARCH + "&per_page=9").status_code == 200 and len(hooks) == 5
