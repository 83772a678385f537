"""/healthz answers while the process lives; /readyz checks the database, the search index, the jobs
queue and DATA_DIR, and answers 503 naming what fails (tests run as root, so an unwritable place is a
path under a regular file, never a chmod)."""

import os

import pytest

from tests.conftest import make_app


@pytest.fixture()
def places(tmp_path, workdir):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    return {
        "index": str(workdir / "index"),  # the session's index: built by the `app` fixture
        "blocked": blocker,
        "queue": str(tmp_path / "queue.sqlite3"),
        "data": str(tmp_path / "data"),
    }


def ready_app(database_url, places, **overrides):
    # the SQLite queue unless a test names Redis (CI runs some legs with REDIS_URL in the environment)
    config = {"JOBS_QUEUE_FILE": places["queue"], "DATA_DIR": places["data"], "REDIS_URL": "", **overrides}
    return make_app(overrides.pop("SQLALCHEMY_DATABASE_URI", database_url), places["index"], **config)


def test_healthz_answers_without_touching_the_database(app, places):
    dead = make_app("postgresql+psycopg://postgres@127.0.0.1:1/nothing", places["index"])
    response = dead.test_client().get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "checks": {"process": "ok"}}


def test_readyz_lists_every_check_when_all_pass(app, database_url, places):
    response = ready_app(database_url, places).test_client().get("/readyz")
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body == {
        "status": "ok",
        "checks": {"database": "ok", "search_index": "ok", "queue": "ok", "data_dir": "ok"},
        "failing": [],
    }
    assert os.path.isdir(places["data"])


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://postgres@127.0.0.1:1/nothing?connect_timeout=2",  # nothing listens on port 1
        "sqlite:////nonexistent-directory-for-readyz/platform.sqlite3",
    ],
)
def test_readyz_is_503_when_the_database_is_down(app, places, url):
    response = ready_app(url, places, SQLALCHEMY_DATABASE_URI=url).test_client().get("/readyz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == "failing" and body["failing"] == ["database"]
    assert body["checks"]["search_index"] == "ok" and body["checks"]["queue"] == "ok"


def test_readyz_is_503_when_the_search_index_is_missing(app, database_url, places, tmp_path):
    application = ready_app(database_url, places)
    application.config["SEARCH_INDEX_DIR"] = str(tmp_path / "no-index-here")
    response = application.test_client().get("/readyz")
    assert response.status_code == 503 and response.get_json()["failing"] == ["search_index"]


def test_readyz_is_503_when_the_sqlite_queue_cannot_be_opened(app, database_url, places):
    queue = str(places["blocked"] / "queue.sqlite3")  # its parent is a file
    response = ready_app(database_url, places, JOBS_QUEUE_FILE=queue).test_client().get("/readyz")
    assert response.status_code == 503 and response.get_json()["failing"] == ["queue"]


def test_readyz_is_503_when_redis_is_unreachable(app, database_url, places):
    response = ready_app(database_url, places, REDIS_URL="redis://127.0.0.1:1/8").test_client().get("/readyz")
    assert response.status_code == 503 and response.get_json()["failing"] == ["queue"]


def test_readyz_with_redis_reachable(app, database_url, places):
    redis = pytest.importorskip("redis")
    url = "redis://127.0.0.1:6379/8"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("REQUIRE_REDIS") == "1":
            raise
        pytest.skip("no Redis on 127.0.0.1:6379")
    response = ready_app(database_url, places, REDIS_URL=url).test_client().get("/readyz")
    assert response.status_code == 200 and response.get_json()["checks"]["queue"] == "ok"


def test_readyz_is_503_when_data_dir_cannot_be_written(app, database_url, places):
    data = str(places["blocked"] / "data")  # cannot be made: its parent is a file
    response = ready_app(database_url, places, DATA_DIR=data).test_client().get("/readyz")
    assert response.status_code == 503 and response.get_json()["failing"] == ["data_dir"]


def test_readyz_names_every_failing_check_at_once(app, places, tmp_path):
    url = "sqlite:////nonexistent-directory-for-readyz/platform.sqlite3"
    application = ready_app(url, places, SQLALCHEMY_DATABASE_URI=url, DATA_DIR=str(places["blocked"] / "d"))
    application.config["SEARCH_INDEX_DIR"] = str(tmp_path / "none")
    body = application.test_client().get("/readyz").get_json()
    assert body["failing"] == ["data_dir", "database", "search_index"]
