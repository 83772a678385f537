"""The light request path's shortcuts give what the long way gives: links put together directly
(core.web.plain_url, core.web.variable_url) are Flask's url_for's, a query parameter passed by the quick check
(core.validation._quick_check) is one the schema accepts and the other way round, a body passed by the
quick body check (core.validation._quick_body) one the schema accepts, the kept page
fragments (core.web.fragment) follow the language, and hooks skipped for a catalog read still run
where they have work."""

import pytest
from flask import url_for

from core import openapi, validation
from core.web import plain_url, variable_url

VALUES = [
    {},
    {"q": "营业执照"},
    {"q": "a b&c=d/e?f#g%h+i", "page": 2},
    {"q": None, "page": 3, "per_page": "20"},
    {"department": ["SCJGJ", "GAJ"], "theme": "market"},
    {"q": "", "sort": "name"},
    {"q": "!$'()*,/:;?@~"},
]


@pytest.mark.parametrize("values", VALUES)
def test_a_plain_link_is_the_one_flask_builds(app, values):
    with app.test_request_context("/search?q=x", environ_base={"SCRIPT_NAME": "/pdp"}):
        for endpoint in ("catalog.search", "catalog.departments", "marketplace.board"):
            assert plain_url(endpoint, dict(values)) == url_for(endpoint, **values)
        # not plain: a variable in the rule, or one of url_for's own arguments
        assert plain_url("catalog.category", {"code": "X"}) is None
        assert plain_url("catalog.search", {"_external": True}) is None


@pytest.mark.parametrize("code", ["SCJGJ-001", "a b", "营业执照", "x/y", "!$&'()*+,;=:@%#?~", 7])
def test_a_link_with_one_variable_is_the_one_flask_builds(app, code):
    with app.test_request_context("/search?q=x", environ_base={"SCRIPT_NAME": "/pdp"}):
        for endpoint in ("catalog.category", "catalog.department"):
            assert variable_url(endpoint, {"code": code}) == url_for(endpoint, code=code)
        # not one plain variable: none, another argument beside it, or a plain rule
        assert variable_url("catalog.category", {"code": "X", "page": 2}) is None
        assert variable_url("catalog.category", {"other": "X"}) is None
        assert variable_url("catalog.search", {"q": "X"}) is None


RAW = ["", "1", "0", "-1", "10000", "10001", "100", "101", "2\n", "x", "1.5", " 3", "relevance", "name", "nonsense"]
RAW += ["a" * 256, "a" * 257, "营" * 256, "营" * 257, "a" * 500, "a" * 501]


def test_the_quick_query_check_agrees_with_the_schema():
    checked = 0
    for (path, method), contract in openapi.CONTRACTS.items():
        for param in contract["query"]:
            schema = param["schema"]
            quick = validation._quick_check(schema)
            if quick is None:
                continue
            for raw in RAW:
                value = validation._coerce(schema, raw)
                full = value is not validation._BAD and validation._validator(schema).is_valid(value)
                assert quick(raw) == full, (path, method, param["name"], raw)
                checked += 1
    assert checked > 100


VALUES_IN_BODIES = [None, 0, 1, -1, 7, 90, 91, 2**31 - 1, 2**31, True, False, 1.0, 2.5, "", "x", " ", "1234.50"]
VALUES_IN_BODIES += ["12.345", "-1.00", "abc", "a" * 2000, "a" * 2001, "a" * 4001, "营" * 4000, [], ["x"], {}, {"a": 1}]


def test_the_quick_body_check_passes_only_what_the_schema_accepts():
    """core.validation._quick_body: a body it passes is one the schema accepts (any other goes to the
    validator); tried on every declared body simple enough for it, each property varied over values of
    every kind, beside the body with each required property at a value the schema accepts."""
    tried = passed = 0
    for (path, method), contract in openapi.CONTRACTS.items():
        schema = contract["body"]
        quick = None if schema is None else validation._quick_body(schema)
        if quick is None:
            continue
        validator = validation._validator(schema)
        properties = schema.get("properties", {})
        fitting = {
            name: next((v for v in VALUES_IN_BODIES if validator.evolve(schema=p).is_valid(v)), None)
            for name, p in properties.items()
        }
        base = {name: fitting.get(name, "x") for name in schema.get("required", [])}
        bodies = [base, {}, [], "x", dict(base, unknown=1)]
        bodies += [{**base, name: value} for name in properties for value in VALUES_IN_BODIES]
        bodies += [{k: v for k, v in base.items() if k != name} for name in base]
        for body in bodies:
            tried += 1
            if quick(body):
                passed += 1
                assert validator.is_valid(body), (path, method, body)
    assert tried > 500 and passed > 100, (tried, passed)


def test_kept_fragments_follow_the_language(client):
    zh = client.get("/search?q=yyzz").get_data(as_text=True)
    en = client.get("/search?q=yyzz&lang=en").get_data(as_text=True)
    client.get("/search?lang=zh_CN")
    assert 'aria-label="主导航"' in zh and "数据目录" in zh and "登录" in zh
    assert 'aria-label="Main"' in en and "Data catalog" in en and "Sign in" in en and "Catalog as DCAT" in en
    # the navigation marks the page it is on: kept per page
    departments = client.get("/departments").get_data(as_text=True)
    assert '<a href="/departments" class="active">' in departments
    assert '<a href="/search" class="active">' in zh and '<a href="/departments" class="">' in zh


def test_a_new_request_id_is_a_version_4_uuid_in_hex():
    import uuid

    from core.logging import new_request_id

    made = {new_request_id() for _ in range(2000)}
    assert len(made) == 2000
    for value in made:
        parsed = uuid.UUID(hex=value)
        assert len(value) == 32 and parsed.hex == value
        assert parsed.version == 4 and parsed.variant == uuid.RFC_4122


def test_the_date_kept_for_a_second_is_the_one_werkzeug_writes():
    import time

    from werkzeug.http import http_date

    from catalog.cache import _now_http_date

    compared = 0
    while compared < 50:
        before = int(time.time())
        kept, fresh = _now_http_date(), http_date()
        if int(time.time()) == before:  # the same second all along
            assert kept == fresh
            compared += 1
        time.sleep(0.01)


VARY = [
    None,
    "",
    "Cookie",
    "cookie",
    "Accept-Language, Cookie",
    "Accept-Language",
    "Accept, Cookie ",
    "Cookies",
    '"Cookie"',
    "Accept-Language,Cookie,Authorization",
    "*",
]


@pytest.mark.parametrize("vary", VARY)
@pytest.mark.parametrize("accessed", [False, True])
def test_an_empty_session_is_saved_as_flask_saves_it(app, vary, accessed):
    """core.sessions' shortcut for an empty, unchanged session (every cookie-less request): the
    answer's headers are those Flask's own save_session leaves."""
    from flask.sessions import SecureCookieSessionInterface

    from core.sessions import SessionInterface

    answers = []
    for interface in (SessionInterface(), SecureCookieSessionInterface()):
        with app.test_request_context("/search"):
            session = interface.session_class()
            session.accessed = accessed
            response = app.response_class("x")
            if vary is not None:
                response.headers["Vary"] = vary
            interface.save_session(app, session, response)
            answers.append(list(response.headers.items()))
    assert answers[0] == answers[1]


def _remember_hooks(app):
    """(Flask-Login's remember-cookie hook, the app's stand-in for it: app._skip_idle_hooks)"""
    for hook in app.after_request_funcs[None]:
        for cell in hook.__closure__ or ():
            inner = cell.cell_contents
            if getattr(inner, "__name__", "") == "_update_remember_cookie":
                return inner, hook
    raise AssertionError("the remember-cookie hook is not wrapped")


@pytest.mark.parametrize("refresh", [False, True])
@pytest.mark.parametrize(
    "contents", [{}, {"_remember": "set", "_user_id": "1"}, {"_remember": "clear"}, {"lang": "en"}]
)
def test_the_remember_cookie_hook_skipped_for_an_empty_session_changes_what_it_would(app, refresh, contents):
    original, stand_in = _remember_hooks(app)
    seen = []
    app.config["REMEMBER_COOKIE_REFRESH_EACH_REQUEST"] = refresh
    try:
        for hook in (original, stand_in):
            with app.test_request_context("/search") as ctx:
                ctx.session.update(contents)
                ctx.session.accessed = ctx.session.modified = False
                response = hook(app.response_class("x"))
                app.session_interface.save_session(app, ctx.session, response)
                seen.append(
                    (dict(ctx.session), ctx.session.accessed, ctx.session.modified, list(response.headers.items()))
                )
    finally:
        app.config.pop("REMEMBER_COOKIE_REFRESH_EACH_REQUEST", None)
    assert seen[0] == seen[1]


def _conditional_the_long_way(response, req, etag, modified):
    """catalog.cache._conditional as it was before its shortcut: one header at a time."""
    from catalog import cache

    headers = response.headers
    headers["ETag"] = f'"{etag}"'
    headers["Last-Modified"] = cache._http_date(modified)
    headers["Cache-Control"] = cache.PUBLIC
    if "Vary" in headers:
        response.vary.add("Accept-Language")
        response.vary.add("Cookie")
    else:
        headers["Vary"] = "Accept-Language, Cookie"
    if any(name in req.environ for name in cache._CONDITIONS):
        return response.make_conditional(req)
    if "date" not in headers:
        headers["Date"] = cache._now_http_date()
    return response


@pytest.mark.parametrize(
    "present",
    [{}, {"Vary": "Accept"}, {"Cache-Control": "no-store"}, {"ETag": '"x"', "X-Other": "1"}, {"Date": "then"}],
)
@pytest.mark.parametrize(
    "asked", [{}, {"If-None-Match": '"abc"'}, {"If-None-Match": '"other"'}, {"Range": "bytes=0-3"}]
)
def test_a_catalog_answer_is_made_conditional_as_the_long_way_makes_it(app, present, asked):
    from datetime import UTC, datetime

    from catalog import cache

    modified = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    answers = []
    for conditional in (cache._conditional, _conditional_the_long_way):
        with app.test_request_context("/api/v1/categories?q=x", headers=asked) as ctx:
            response = app.response_class('{"items":[]}\n', mimetype="application/json", headers=present)
            response = conditional(response, ctx.request, "abc", modified)
            # the time of day in Date may turn a second between the two: compared where it stands
            headers = [(k, "<now>" if k == "Date" and v != "then" else v) for k, v in response.headers.items()]
            answers.append((response.status_code, headers, response.get_data()))
    assert answers[0] == answers[1]
