"""Item 4: no fixed development key. Outside debug and tests the app refuses to start without
SECRET_KEY; `make run` writes a random key once into instance/ and later runs reuse it; a cookie
signed with the old development key opens nothing."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from flask import Flask
from flask.sessions import SecureCookieSessionInterface

from accounts.models import User
from app import MissingSecretKey, create_app
from core import config
from core.extensions import db
from tests.factories import bearer
from tests.security.conftest import fresh_get

ROOT = Path(__file__).resolve().parents[2]
OLD_DEV_KEY = "dev-only-change-me"


def test_the_app_refuses_to_start_without_a_secret_key(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    monkeypatch.setattr(config, "secret_key", lambda _instance: None)
    with pytest.raises(MissingSecretKey, match="SECRET_KEY is not set"):
        create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite3'}"})


def test_tests_and_debug_get_a_random_key_of_their_own(monkeypatch, tmp_path):
    monkeypatch.setattr(config, "secret_key", lambda _instance: None)
    first = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"}).config["SECRET_KEY"]
    second = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"}).config["SECRET_KEY"]
    assert first != second and len(first) >= 40 and first != OLD_DEV_KEY


def test_the_instance_key_is_written_once_private_and_reused(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    path = config.write_secret_key(str(tmp_path))
    key = path.read_text().strip()
    assert len(key) >= 48 and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert config.write_secret_key(str(tmp_path)).read_text().strip() == key  # kept, not replaced
    assert config.secret_key(str(tmp_path)) == key
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    assert config.secret_key(str(tmp_path)) == "from-the-environment"


def test_the_command_line_starts_only_with_a_key(tmp_path):
    """The CLI the Makefile uses: without SECRET_KEY (and no instance file) it refuses with a clear
    message; with one it runs."""
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "FLASK_DEBUG")}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    script = (
        "import core, core.config as c; c.secret_key = lambda _i: __import__('os').environ.get('SECRET_KEY'); "
        "from app import create_app; create_app(); print('started')"
    )
    refused = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    assert refused.returncode != 0 and "SECRET_KEY is not set" in refused.stderr
    started = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env | {"SECRET_KEY": "k" * 40}, capture_output=True, text=True
    )
    assert started.returncode == 0 and "started" in started.stdout


def test_makefile_creates_the_key_before_serving():
    makefile = (ROOT / "Makefile").read_text()
    assert "serve-setup: install secret-key" in makefile and "write_secret_key" in makefile


def test_a_cookie_signed_with_the_old_development_key_opens_nothing(app, ctx, cast):
    forger = Flask("forger")
    forger.secret_key = OLD_DEV_KEY
    serializer = SecureCookieSessionInterface().get_signing_serializer(forger)
    finance = db.session.get(User, cast.finance.user_id)
    for user_id in (finance.get_id(), str(finance.id)):
        forged = serializer.dumps({"_user_id": user_id, "_fresh": True})
        client = app.test_client()
        client.set_cookie("session", forged)
        assert fresh_get(client, "/api/v1/finance/payments").status_code == 401
        assert fresh_get(client, "/audit").status_code == 302  # to the sign-in page
    # the same cookie signed with the app's real key does open it: the key is what refused it
    genuine = SecureCookieSessionInterface().get_signing_serializer(app).dumps({"_user_id": finance.get_id()})
    client = app.test_client()
    client.set_cookie("session", genuine)
    assert fresh_get(client, "/api/v1/finance/payments").status_code == 200
    assert app.config["SECRET_KEY"] != OLD_DEV_KEY
    assert client.get("/api/v1/finance/payments", headers=bearer("pdp_forged")).status_code == 401
