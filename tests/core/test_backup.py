"""deploy/backup.sh and deploy/restore.sh: the database (SQLite through its online backup API, PostgreSQL
through pg_dump/pg_restore — whichever this run's DATABASE_URL names), DATA_DIR and instance/ backed up
while in place, restored into a new place, and the app starts on the restored copy and finds its data."""

import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from core.extensions import db
from tests.conftest import make_app

ROOT = Path(__file__).resolve().parents[2]
COUNTED = ("categories", "departments", "users", "audit_entries", "journal_lines", "alembic_version")


def run(script, *args, env):
    return subprocess.run(
        ["bash", str(ROOT / "deploy" / script), *args], env=env, capture_output=True, text=True, timeout=300
    )


def counts(url: str) -> dict:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in COUNTED}  # nosec B608 - fixed names
    finally:
        engine.dispose()


@pytest.fixture()
def live(app, database_url, workdir, tmp_path):
    """A running installation's places: the session's database (SQLite: copied; PostgreSQL: the session's
    database itself, which pg_dump reads while it is in use), its index and some data."""
    instance = tmp_path / "live" / "instance"
    instance.mkdir(parents=True)
    if database_url.startswith("sqlite"):
        source = sqlite3.connect(database_url.removeprefix("sqlite:///"))
        target = sqlite3.connect(instance / "platform.sqlite3")
        source.backup(target)
        source.close()
        target.close()
        url = f"sqlite:///{instance / 'platform.sqlite3'}"
    else:
        url = database_url
    (instance / "secret_key").write_text("restored-secret\n")
    shutil.copytree(workdir / "index", instance / "search-index")
    data = tmp_path / "live" / "data"
    (data / "versions").mkdir(parents=True)
    (data / "versions" / "v1.parquet").write_bytes(b"PAR1 pretend")
    return {"instance": instance, "data": data, "db": url}


@pytest.fixture()
def new_database(database_url, tmp_path):
    """Where a restore goes: a new SQLite file, or a new empty PostgreSQL database beside the session's
    (pg_restore needs an existing database), dropped afterwards."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'new' / 'db' / 'platform.sqlite3'}"
        return
    name = f"pdp_restore_{uuid.uuid4().hex[:10]}"
    admin = create_engine(database_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(database_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def env_for(places: dict, **more) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "PROMETHEUS_MULTIPROC_DIR")}
    env.update(
        DATABASE_URL=places["db"],
        DATA_DIR=str(places["data"]),
        INSTANCE_DIR=str(places["instance"]),
        PYTHON=sys.executable,
        **more,
    )
    return env


def test_a_backup_restores_into_a_new_place_and_the_app_starts_on_it(live, new_database, tmp_path):
    before = counts(live["db"])
    made = run("backup.sh", str(tmp_path / "backups"), env=env_for(live))
    assert made.returncode == 0, made.stderr
    archive = Path(made.stdout.strip().splitlines()[-1])
    assert archive.is_file() and archive.stat().st_mode & 0o777 == 0o600

    new = tmp_path / "new"
    places = {"instance": new / "instance", "data": new / "data", "db": new_database}
    restored = run("restore.sh", str(archive), env=env_for(places))
    assert restored.returncode == 0, restored.stderr
    assert (places["data"] / "versions" / "v1.parquet").read_bytes() == b"PAR1 pretend"
    assert (places["instance"] / "secret_key").read_text() == "restored-secret\n"
    assert counts(new_database) == before  # the same rows came back, the migration head included

    application = make_app(
        places["db"],
        str(places["instance"] / "search-index"),
        DATA_DIR=str(places["data"]),
        JOBS_QUEUE_FILE=str(places["instance"] / "jobs-queue.sqlite3"),
        JOBS_INPROCESS=False,  # no consumer threads left polling the copy after this test
    )
    client = application.test_client()
    ready = client.get("/readyz")
    assert ready.status_code == 200, ready.get_json()
    found = client.get("/api/v1/categories?q=yyzz").get_json()
    assert found["total"] >= 1  # the restored database and index answer a search
    with application.app_context():
        db.engine.dispose()  # nothing of this app keeps the restored database open

    # the real entry point starts on it too (wsgi, settings from the environment)
    cli = subprocess.run(
        [str(Path(sys.executable).parent / "flask"), "--app", "wsgi", "db", "current"],
        cwd=ROOT,
        env=env_for(places, SECRET_KEY="x" * 40),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert cli.returncode == 0 and "(head)" in cli.stdout, cli.stderr + cli.stdout


def test_restore_refuses_to_write_over_an_installation(live, tmp_path):
    archive = run("backup.sh", str(tmp_path / "b"), env=env_for(live)).stdout.strip().splitlines()[-1]
    refused = run("restore.sh", archive, env=env_for(live))
    assert refused.returncode != 0 and "not empty" in refused.stderr
    assert (live["data"] / "versions" / "v1.parquet").exists()


def test_restore_refuses_what_is_not_a_backup(tmp_path):
    bogus = tmp_path / "x.tar.gz"
    subprocess.run(["tar", "-C", str(tmp_path), "-czf", str(bogus), "--files-from", "/dev/null"], check=True)
    places = {"instance": tmp_path / "i", "data": tmp_path / "d", "db": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    refused = run("restore.sh", str(bogus), env=env_for(places))
    assert refused.returncode != 0 and "not a pdp backup" in refused.stderr
