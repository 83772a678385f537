"""Test fixtures: one migrated, seeded and indexed database per test session (SQLite by default,
PostgreSQL when DATABASE_URL says so), apps made by the real factory, small factory functions."""

import os
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import create_engine, text

from app import create_app
from core.extensions import db

ARTIFACTS = Path(__file__).parent / "artifacts"


def _reset_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def workdir():
    path = Path(tempfile.mkdtemp(prefix="pdp-tests-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def database_url(workdir):
    url = os.environ.get("DATABASE_URL")
    if url and url.startswith("postgresql"):
        _reset_postgres(url)
        return url
    return f"sqlite:///{workdir / 'test.sqlite3'}"


def make_app(database_url: str, index_dir: str, **overrides):
    config = {
        "TESTING": True,
        "WTF_CSRF_ENABLED": False,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SEARCH_INDEX_DIR": index_dir,
        "DATA_DIR": str(Path(index_dir).parent / "data"),
        "SECRET_KEY": "test-secret",
        "LOGIN_RATE_LIMIT": "100000 per minute",
        # a fast hash keeps the many test users cheap; production keeps the default (scrypt)
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        # the jobs queue and uploads beside the test database, never in the project's instance/
        "JOBS_QUEUE_FILE": str(Path(index_dir).parent / "jobs-queue.sqlite3"),
        "UPLOAD_DIR": str(Path(index_dir).parent / "uploads"),
    }
    config.update(overrides)
    return create_app(config)


@pytest.fixture(scope="session")
def app(database_url, workdir):
    """The shared app: migrations applied, the shipped catalog seeded and indexed."""
    from flask_migrate import upgrade

    from catalog import services

    application = make_app(database_url, str(workdir / "index"))
    with application.app_context():
        upgrade()
        services.seed_catalog()
        db.session.commit()  # the test session's setup is its own edge (core/uow.py)
        services.reindex()
    return application


@pytest.fixture()
def ctx(app):
    with app.app_context():
        yield app
        db.session.rollback()
        db.session.remove()


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def csrf_app(database_url, workdir, app):
    """The same database with CSRF protection and rate limiting switched on, as in production."""
    return make_app(database_url, str(workdir / "index"), WTF_CSRF_ENABLED=True, LOGIN_RATE_LIMIT="5 per minute")


@pytest.fixture(scope="session", autouse=True)
def compiled_translations():
    """`make` compiles the message catalogs; compile them here too so a bare `pytest` works."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    root = Path(__file__).resolve().parent.parent / "translations"
    for po in root.glob("*/LC_MESSAGES/messages.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            with po.open("rb") as source, mo.open("wb") as target:
                write_mo(target, read_po(source))


@pytest.fixture()
def smtp_sink():
    """A local SMTP server that keeps what it receives (aiosmtpd)."""
    from email import message_from_bytes, policy

    from aiosmtpd.controller import Controller

    class Sink:
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):
            self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
            return "250 OK"

    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = Sink()
    handler.port = port
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler
    controller.stop()


@pytest.fixture(scope="module")
def november_2026():
    """For modules whose business is dated: statement lines and refunds in November 2026, months
    closed and a month report checked to the cent, beside invoices issued "now". The clock is moved
    to 27 November 2026 (and runs on from there) for the whole module, so they hold whatever today is;
    use with pytestmark = pytest.mark.usefixtures("november_2026")."""
    with time_machine.travel(datetime(2026, 11, 27, 2, 0, tzinfo=UTC), tick=True):
        yield
