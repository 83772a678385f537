"""A real site for the race tests: a fresh database (a SQLite file, or a PostgreSQL database when
DATABASE_URL says so) migrated and seeded, served by `gunicorn -w 2 wsgi:app` exactly as the README's
production line, and clients that call it over HTTP with API tokens, many at once."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from sqlalchemy.engine import make_url

from core.extensions import db
from tests.conftest import ARTIFACTS, make_app
from tests.finance.conftest import _drop_database, _fresh_database
from tests.marketplace.conftest import _make_cast

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Site:
    """The served site: its base URL, an in-process app on the same database (for setting up and
    for reading what the races left behind), and a cast of users with API tokens."""

    def __init__(self, app, base_url, cast):
        self.app, self.base_url, self.cast = app, base_url, cast
        self.notes, self.failures = [], []

    def expect(self, ok, what, trial: int) -> None:
        """A trial's outcome is checked and the test goes on to its other trials; settle() fails it."""
        if not ok:
            self.failures.append(f"trial {trial + 1}: {what}")

    def settle(self) -> None:
        failures, self.failures = self.failures, []
        assert not failures, failures

    def note(self, case: str, trial: int, outcomes: list, **rows) -> None:
        """What one trial measured, written to tests/artifacts/races-<database>.txt at the end."""
        statuses = " ".join(f"{n}×{s}" for s, n in sorted(Counter(s for s, _ in outcomes).items()))
        self.notes.append(f"{case} · trial {trial + 1}: {statuses}; " + ", ".join(f"{k} {v}" for k, v in rows.items()))

    def race(self, requests_to_make: list[tuple], workers: int = 20) -> list[tuple[int, dict]]:
        """Fire (method, path, actor, json) requests at once (released together by a barrier);
        returns (status, body) per request in the order given."""
        barrier = threading.Barrier(len(requests_to_make))

        def one(spec):
            method, path, actor, body = spec
            with requests.Session() as http:
                prepared = http.prepare_request(
                    requests.Request(method, self.base_url + path, headers=actor.headers, json=body)
                )
                barrier.wait(timeout=60)
                answer = http.send(prepared, timeout=120)
            try:
                payload = answer.json()
            except ValueError:
                payload = {"raw": answer.text[:500]}
            return answer.status_code, payload

        with ThreadPoolExecutor(max_workers=max(workers, len(requests_to_make))) as pool:
            return list(pool.map(one, requests_to_make))


def _wait_until_serving(base_url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 180  # a loaded machine (other suites on its 2 cores) starts gunicorn slowly
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        try:
            if requests.get(base_url + "/api/v1/departments", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not start serving within 180 s")


@pytest.fixture(scope="session")
def site(database_url, workdir, app):
    from flask_migrate import upgrade

    from catalog import services

    # named after the suite's database, so suites running side by side on one server do not collide
    name = "race_" + (make_url(database_url).database or "site").rsplit("/", 1)[-1].split(".")[0][:40]
    url = _fresh_database(database_url, workdir, name)
    index_dir = str(workdir / "index-race")
    # data versions of its own (file names are per category and number, and this database numbers from 1)
    data_dir = str(workdir / "data-race")
    served = make_app(url, index_dir, DATA_DIR=data_dir)
    with served.app_context():
        upgrade()
        services.seed_catalog()
        db.session.commit()
        cast = _make_cast(served.test_client())
        db.session.remove()
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SEARCH_INDEX_DIR": index_dir,
        "DATA_DIR": data_dir,
        "SECRET_KEY": "race-secret",
    }
    log = open(workdir / "gunicorn-race.log", "wb")  # noqa: SIM115 (open as long as the server runs)
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}", "--timeout", "120", "wsgi:app"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_serving(base_url, process)
        served_site = Site(served, base_url, cast)
        yield served_site
        ARTIFACTS.mkdir(exist_ok=True)
        dialect = make_url(url).get_backend_name()
        (ARTIFACTS / f"races-{dialect}.txt").write_text("\n".join(served_site.notes) + "\n", encoding="utf-8")
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        with served.app_context():
            db.session.remove()
            db.engine.dispose()
        _drop_database(database_url, name)
