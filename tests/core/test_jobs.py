"""Background jobs through the real queue (huey's SQLite storage beside the test database, a consumer
thread in this process): submitted, run elsewhere, progress seen while running, the outcome recorded,
visible to its owner and admins only, a job whose worker died queued again or failed."""

import os
import subprocess
import threading

import pytest
from flask_babel import force_locale
from sqlalchemy import update

from core import jobs
from core.errors import ValidationError
from core.extensions import db
from tests.factories import bearer, make_user, token_for
from tests.interleave import commits_between_reads

gate = threading.Event()
seen = {}


@jobs.task("test.steps")
def steps(job, *, user_id, n, hold=False):
    seen["thread"], seen["pid"] = threading.current_thread().name, os.getpid()
    job.progress(0.5)
    if hold:
        gate.wait(60)
    return {"n": n, "user_id": user_id, "attempt": job.attempt}


@jobs.task("test.refuses")
def refuses(job, *, user_id):
    raise ValidationError("Check the highlighted fields.", {"file": ["Not a statement."]})


@jobs.task("test.breaks")
def breaks(job, *, user_id):
    raise RuntimeError("boom")


def _submitted(kind, **params):
    """Submitted and committed (the test is the edge, core/uow.py): on the queue at once."""
    job = jobs.submit(kind, **params)
    db.session.commit()
    return job


@pytest.fixture()
def people(ctx):
    jobs.ensure_consumer(ctx)  # as a web process does on its first request
    owner, other, admin = make_user("finance"), make_user("finance"), make_user("admin")
    db.session.commit()
    return {"owner": owner, "other": other, "admin": admin}


def test_a_job_runs_in_a_consumer_thread_and_its_progress_and_result_are_seen(ctx, client, people):
    gate.clear()
    # the token first: once the job runs, this test's session may only write after ending its snapshot
    headers = bearer(token_for(people["owner"]))
    db.session.commit()
    job = jobs.submit("test.steps", user=people["owner"], n=3, hold=True)
    db.session.commit()  # the test is the edge: the job is put on the queue once it commits
    # (a consumer already started by an earlier test may have claimed it by the time we look)
    assert job.status in ("queued", "running") and job.progress == 0.0
    try:
        for _ in range(600):  # (a loaded machine may take a while to start it)
            db.session.rollback()  # the requests share this test's session: end its snapshot
            body = client.get(f"/api/v1/jobs/{job.id}", headers=headers).get_json()
            if body["progress"] == 0.5:
                break
            threading.Event().wait(0.05)
        assert body["status"] == "running" and body["progress"] == 0.5 and body["result"] is None
    finally:
        gate.set()  # never leave the consumer thread held for the tests after this one
    finished = jobs.wait(job.id, timeout=20)
    assert finished.status == "done" and finished.progress == 1.0
    assert finished.result == {"n": 3, "user_id": people["owner"].id, "attempt": 1}
    assert seen["thread"].startswith("jobs-") and seen["pid"] == os.getpid()
    body = client.get(f"/api/v1/jobs/{job.id}", headers=headers).get_json()
    assert body == {
        "id": job.id,
        "kind": "test.steps",
        "status": "done",
        "progress": 1.0,
        "result": finished.result,
        "error": None,
    }


def test_only_the_owner_and_admins_see_a_job(ctx, client, people):
    job = _submitted("test.steps", user=people["owner"], n=1)
    jobs.wait(job.id, timeout=20)
    for who, status in (("owner", 200), ("admin", 200), ("other", 404)):
        answer = client.get(f"/api/v1/jobs/{job.id}", headers=bearer(token_for(people[who])))
        assert answer.status_code == status, who
    db.session.commit()
    assert client.get(f"/api/v1/jobs/{job.id}").status_code == 401
    missing = client.get("/api/v1/jobs/999999", headers=bearer(token_for(people["admin"])))
    assert missing.status_code == 404 and missing.get_json()["error"]["code"] == "not_found"
    assert client.get("/api/v1/jobs/abc", headers=bearer(token_for(people["admin"]))).status_code == 404


def test_a_refused_or_broken_job_fails_with_its_reason(ctx, people):
    refused = jobs.wait(_submitted("test.refuses", user=people["owner"]).id, timeout=20)
    assert refused.status == "failed" and refused.error == "Check the highlighted fields."
    assert refused.result == {"code": "validation_error", "fields": {"file": ["Not a statement."]}}
    broken = jobs.wait(_submitted("test.breaks", user=people["owner"]).id, timeout=20)
    assert broken.status == "failed" and "boom" in broken.error


def test_a_job_rolled_back_with_its_transaction_is_never_enqueued(ctx, people):
    job = jobs.submit("test.steps", user=people["owner"], n=2)
    job_id = job.id
    db.session.rollback()
    assert db.session.get(jobs.Job, job_id) is None
    later = _submitted("test.steps", user=people["owner"], n=4)
    assert jobs.wait(later.id, timeout=20).result["n"] == 4


def _dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_a_job_whose_worker_died_is_run_again_then_failed_when_attempts_run_out(ctx, app, people):
    with force_locale("en"):  # the job keeps its submitter's language for its messages
        job = jobs.submit("test.steps", user=people["owner"], n=5)
    db.session.info.pop("jobs_to_enqueue")  # as if the worker had dequeued it and then been killed
    job.status, job.attempts, job.worker = "running", 1, f"{jobs.HOST}:{_dead_pid()}"
    db.session.commit()
    jobs.recover(app)  # (or the consumer's own watcher, whichever looks first)
    rerun = jobs.wait(job.id, timeout=20)
    assert rerun.status == "done" and rerun.result["attempt"] == 2

    db.session.execute(
        update(jobs.Job)
        .where(jobs.Job.id == job.id)
        .values(status="running", attempts=app.config["JOBS_MAX_ATTEMPTS"], worker=f"{jobs.HOST}:{_dead_pid()}")
    )
    db.session.commit()
    jobs.recover(app)
    failed = jobs.wait(job.id, timeout=5)
    assert failed.status == "failed" and failed.error == (
        f"The job stopped before it finished (its worker stopped); it was tried {app.config['JOBS_MAX_ATTEMPTS']} times."
    )


def test_a_live_workers_job_is_left_alone(ctx, app, people):
    job = jobs.submit("test.steps", user=people["owner"], n=6)
    db.session.info.pop("jobs_to_enqueue")
    job.status, job.attempts, job.worker = "running", 1, jobs.worker_id()
    db.session.commit()
    assert jobs.recover(app) == 0
    db.session.refresh(job)
    assert job.status == "running"
    job.status = "failed"
    db.session.commit()


def test_a_dead_workers_job_is_queued_again_though_others_commit_while_it_is_looked_at(ctx, app, people):
    """SQLite: putting a job back reads it (attempts, status), then changes it. Begun DEFERRED, that
    write failed at once ("database is locked") when another connection had committed since the read,
    and after a failed attempt this left the job "running" under its live worker for JOBS_STALE_SECONDS.
    Here another connection commits after every read (whenever the write lock is free); on PostgreSQL
    the same recovery goes through the same way."""
    job = jobs.submit("test.steps", user=people["owner"], n=7)
    db.session.info.pop("jobs_to_enqueue")  # as if the worker had dequeued it and then been killed
    job.status, job.attempts, job.worker = "running", 1, f"{jobs.HOST}:{_dead_pid()}"
    db.session.commit()
    with commits_between_reads(people["other"].id) as interleaved:
        assert jobs.recover(app) == 1
    assert interleaved, "no commit came between the reads"
    rerun = jobs.wait(job.id, timeout=20)
    assert rerun.status == "done" and rerun.result["attempt"] == 2
