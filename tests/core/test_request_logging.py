"""Every request has an id (the caller's X-Request-ID when sane, else a new one), echoed in the
response and carried by its log records and by the jobs it submits; LOG_FORMAT=json writes one JSON
object per line."""

import io
import json
import logging

import pytest

from core import jobs
from core import logging as request_logging
from core.extensions import db
from tests.conftest import make_app

seen = {}


@jobs.task("test.request_id")
def remember_request_id(job, *, user_id):
    seen["request_id"] = request_logging.current_request_id()
    logging.getLogger("tests.jobs").warning("job running")
    return None


@pytest.fixture()
def captured():
    """The root handler's output while the test runs (its format as the app configured it)."""
    request_logging.configure("text")  # (alembic's logging setup, run by the `app` fixture, drops it)
    handler = next(h for h in logging.getLogger().handlers if getattr(h, "_pdp", False))
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)
    request_logging.configure("text")


def test_a_sane_incoming_request_id_is_echoed(client):
    response = client.get("/healthz", headers={"X-Request-ID": "edge-7f3a.42:1"})
    assert response.headers["X-Request-ID"] == "edge-7f3a.42:1"


@pytest.mark.parametrize("incoming", [None, "", "has spaces", "x" * 65, "<script>", "-leading-dash", "a\u00e9b"])
def test_a_missing_or_odd_request_id_is_replaced_by_a_new_one(client, incoming):
    headers = {"X-Request-ID": incoming} if incoming is not None else {}
    first = client.get("/healthz", headers=headers).headers["X-Request-ID"]
    second = client.get("/healthz", headers=headers).headers["X-Request-ID"]
    assert first != incoming and len(first) == 32 and int(first, 16) >= 0
    assert first != second


def test_json_logs_carry_time_level_logger_message_and_request_id(app, database_url, tmp_path, captured):
    application = make_app(database_url, str(tmp_path / "no-index"), LOG_FORMAT="json")
    response = application.test_client().get("/readyz", headers={"X-Request-ID": "trace-json-1"})
    assert response.status_code == 503  # the missing index is logged as a warning
    records = [json.loads(line) for line in captured.getvalue().splitlines() if line.strip()]
    warning = next(r for r in records if "readiness check search_index failed" in r["message"])
    assert warning["request_id"] == "trace-json-1"
    assert warning["level"] == "WARNING" and warning["logger"] == "core.health"
    assert {"time", "level", "logger", "message", "request_id"} <= set(warning)


def test_plain_logs_carry_the_request_id_too(app, database_url, tmp_path, captured):
    application = make_app(database_url, str(tmp_path / "no-index"))
    application.test_client().get("/readyz", headers={"X-Request-ID": "trace-text-1"})
    line = next(x for x in captured.getvalue().splitlines() if "readiness check search_index failed" in x)
    assert "[trace-text-1]" in line and "WARNING core.health" in line


def test_a_job_submitted_during_a_request_runs_under_its_request_id(app, database_url, tmp_path, captured):
    # no consumer in this app and a queue of its own: the job runs here, when this test runs it
    quiet = make_app(
        database_url, str(tmp_path / "index"), JOBS_INPROCESS=False, JOBS_QUEUE_FILE=str(tmp_path / "q.sqlite3")
    )
    request_logging.configure("json")
    with quiet.test_request_context("/api/v1/anything", headers={"X-Request-ID": "job-origin-9"}):
        quiet.preprocess_request()
        job = jobs.submit("test.request_id")
        job_id = job.id
        assert job.request_id == "job-origin-9"
        db.session.commit()  # as the request's edge would (core/uow.py)
    assert request_logging.current_request_id() is None  # the request's id ended with it
    seen.clear()
    jobs.run(quiet, job_id)
    with quiet.app_context():
        assert jobs.wait(job_id, timeout=5).status == "done"
    assert seen["request_id"] == "job-origin-9"
    records = [json.loads(line) for line in captured.getvalue().splitlines() if line.strip()]
    assert any(r["message"] == "job running" and r["request_id"] == "job-origin-9" for r in records)


def test_a_job_outside_any_request_has_no_request_id(app):
    with app.app_context():
        job = jobs.submit("test.request_id")
        assert job.request_id == ""


def test_a_request_refused_before_the_id_hook_still_gets_an_id(client):
    big = b"x" * (2 * 1024 * 1024)  # over MAX_REQUEST_BYTES: core/limits.py answers first
    response = client.post(
        "/api/v1/demands", data=big, content_type="application/json", headers={"X-Request-ID": "too-big-1"}
    )
    assert response.status_code == 413
    assert response.headers["X-Request-ID"] == "too-big-1"
