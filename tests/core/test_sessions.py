"""API calls with a bearer token open no session: no cookie is read or set."""

from tests.factories import bearer, make_user, token_for


def test_a_bearer_call_sets_no_cookie_even_when_it_asks_for_a_language(client, ctx):
    headers = bearer(token_for(make_user("consumer")))
    for path in ("/api/v1/inbox", "/api/v1/agreements", "/api/v1/categories?q=yyzz&lang=en"):
        answer = client.get(path, headers=headers)
        assert answer.status_code == 200, path
        assert "Set-Cookie" not in answer.headers, path
    english = client.get("/api/v1/categories?q=yyzz&lang=en", headers=headers).json
    assert english["facets"]["theme"][0]["label"].isascii()


def test_a_bearer_call_ignores_a_session_cookie_sent_with_it(app, ctx):
    from tests.factories import PASSWORD

    user, other = make_user("consumer"), make_user("operator")
    browser = app.test_client()
    assert browser.post("/login", data={"email": other.email, "password": PASSWORD}).status_code == 302
    me = browser.get("/api/v1/inbox", headers=bearer(token_for(user)))
    assert me.status_code == 200 and "Set-Cookie" not in me.headers
    # the session still works for the browser on its own
    assert browser.get("/account").status_code == 200


def test_a_browser_still_gets_its_session(client, ctx):
    answer = client.get("/search?lang=en")
    assert answer.status_code == 200 and "session=" in answer.headers.get("Set-Cookie", "")
