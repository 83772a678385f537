"""Item 1: security headers on every response; Secure, __Host- cookies and HSTS when the public
address is https; templates carry no inline script, style attribute or event handler."""

import re
from pathlib import Path

import pytest

from tests.conftest import make_app
from tests.factories import PASSWORD, make_user

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/search?q=yyzz",
        "/login",
        "/api/v1/departments",
        "/api/v1/openapi.json",
        "/no-such-page",
        "/static/css/app.css",
    ],
)
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]
    # plain http (the default PUBLIC_URL): no HSTS, the cookie is not Secure
    assert "Strict-Transport-Security" not in response.headers


def test_templates_have_no_inline_script_style_or_handlers():
    offenders = []
    for template in ROOT.glob("*/templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        for pattern in (
            r"<script(?![^>]*\bsrc=)(?![^>]*application/json)",
            r"\son[a-z]+\s*=",
            r"\sstyle\s*=",
            r"<style",
            r"javascript:",
        ):
            if re.search(pattern, text, re.IGNORECASE):
                offenders.append(f"{template.relative_to(ROOT)}: {pattern}")
    assert offenders == []


def test_https_public_url_makes_cookies_secure_with_the_host_prefix_and_sends_hsts(
    monkeypatch, database_url, workdir, app
):
    monkeypatch.setenv("PUBLIC_URL", "https://data.example.cn")
    secure_app = make_app(database_url, str(workdir / "index"))
    assert secure_app.config["SESSION_COOKIE_NAME"] == "__Host-session"
    with secure_app.app_context():
        email = make_user("consumer").email
    client = secure_app.test_client()
    response = client.post("/login", data={"email": email, "password": PASSWORD}, base_url="https://data.example.cn")
    assert response.status_code == 302
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-session=") and "Secure" in cookie and "HttpOnly" in cookie
    assert "Path=/" in cookie and "Domain=" not in cookie
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_secure_cookies_can_be_switched_by_setting(monkeypatch, database_url, workdir, app):
    monkeypatch.setenv("PUBLIC_URL", "http://127.0.0.1:5000")
    monkeypatch.setenv("SECURE_COOKIES", "1")
    forced = make_app(database_url, str(workdir / "index"))
    assert forced.config["SESSION_COOKIE_SECURE"] is True and forced.config["SESSION_COOKIE_NAME"] == "__Host-session"
    monkeypatch.setenv("PUBLIC_URL", "https://data.example.cn")
    monkeypatch.setenv("SECURE_COOKIES", "0")
    behind_proxy = make_app(database_url, str(workdir / "index"))
    assert behind_proxy.config["SESSION_COOKIE_SECURE"] is False and behind_proxy.config["HSTS_SECONDS"] == 0
