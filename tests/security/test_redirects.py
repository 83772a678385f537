"""Item 2: after sign-in, `next` leads only to a same-site path; anything else (other hosts, schemes,
`//host`, backslashes, control characters) goes to the home page, never a 500."""

import pytest

from tests.factories import PASSWORD, make_user
from tests.security.conftest import fresh_address

HOSTILE = [
    "/%09/evil.example",  # the reported case: tab dropped by the browser -> //evil.example
    "/%0d/evil.example",  # was a 500
    "/%0a/evil.example",  # was a 500
    "/%0d%0aSet-Cookie:%20x=1",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/%5Cevil.example",
    "https://evil.example/",
    "http:/evil.example",
    "javascript:alert(1)",
    "evil.example",
    "%2F%2Fevil.example",
    "/%E2%80%A8/evil.example",  # a Unicode line separator
    "/%00/evil.example",
    "/%20/evil.example",
]


@pytest.fixture()
def user(ctx):
    return make_user("consumer")


@pytest.mark.parametrize("target", HOSTILE)
def test_sign_in_never_redirects_off_site(client, user, target):
    response = client.post(
        f"/login?next={target}", data={"email": user.email, "password": PASSWORD}, environ_base=fresh_address()
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("target", ["/search?q=yyzz", "/demands/new", "/categories/SCJGJ-001#fields"])
def test_sign_in_keeps_a_same_site_path(client, user, target):
    response = client.post(
        "/login",
        query_string={"next": target},
        data={"email": user.email, "password": PASSWORD},
        environ_base=fresh_address(),
    )
    assert response.status_code == 302 and response.headers["Location"] == target
