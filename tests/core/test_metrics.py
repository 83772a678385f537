"""/metrics: Prometheus text with the request histogram (by URL rule and status), the jobs queue's
depth and oldest age, the search index's gauges and gateway query times; loopback or a bearer token
only."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from core import jobs
from core.extensions import db
from tests.conftest import make_app

OUTSIDE = {"REMOTE_ADDR": "203.0.113.7"}  # a documentation address: some caller on the internet


@jobs.task("test.metrics_idle")
def idle(job, *, user_id):
    return None


def scrape(client, **kwargs) -> str:
    response = client.get("/metrics", **kwargs)
    assert response.status_code == 200, response.status_code
    assert response.mimetype == "text/plain"
    return response.get_data(as_text=True)


def test_a_scrape_finds_the_request_histogram_by_route_and_the_queue_depth(ctx, client):
    assert client.get("/categories/no-such-code").status_code == 404
    assert client.get("/healthz").status_code == 200
    text = scrape(client)
    assert 'pdp_request_duration_seconds_bucket{le="0.005",method="GET",route="/healthz",status="200"}' in text
    # the URL rule, never the raw path: ids and codes do not make new series
    assert 'route="/categories/<code>",status="404"' in text
    assert "no-such-code" not in text
    assert "pdp_jobs_queued{" in text and "pdp_jobs_oldest_queued_age_seconds " in text
    assert "pdp_search_index_present 1.0" in text and "pdp_search_index_documents " in text
    documents = next(x for x in text.splitlines() if x.startswith("pdp_search_index_documents "))
    categories = next(x for x in text.splitlines() if x.startswith("pdp_catalog_categories "))
    assert documents.split()[1] == categories.split()[1]  # the index holds every category
    assert "pdp_search_index_stale_categories " in text


def test_queued_jobs_are_counted_with_their_age(ctx, client):
    # a row written directly is never put on the queue (only jobs.submit enqueues): it stays queued
    job = jobs.Job(kind="test.metrics_idle", status="queued", params={}, locale="en")
    db.session.add(job)
    db.session.commit()
    try:
        text = scrape(client)
        assert 'pdp_jobs_queued{kind="test.metrics_idle"} 1.0' in text
        age = next(line for line in text.splitlines() if line.startswith("pdp_jobs_oldest_queued_age_seconds "))
        assert float(age.split()[1]) >= 0.0
    finally:
        db.session.delete(db.session.get(jobs.Job, job.id))
        db.session.commit()


def test_gateway_query_times_are_observed(ctx, client):
    ctx.extensions["gateway_metrics"]("query", "ok", 0.2)
    text = scrape(client)
    assert 'pdp_gateway_query_duration_seconds_count{kind="query",outcome="ok"}' in text


def test_metrics_refuse_callers_off_this_machine_without_the_token(app, client):
    assert client.get("/metrics", environ_base=OUTSIDE).status_code == 404
    assert client.get("/metrics", environ_base={"REMOTE_ADDR": "::1"}).status_code == 200


def test_metrics_answer_the_bearer_token(app, database_url, workdir):
    guarded = make_app(database_url, str(workdir / "index"), METRICS_TOKEN="scrape-secret-42")
    client = guarded.test_client()
    assert client.get("/metrics", environ_base=OUTSIDE).status_code == 404
    wrong = {"Authorization": "Bearer not-the-token"}
    assert client.get("/metrics", environ_base=OUTSIDE, headers=wrong).status_code == 404
    right = {"Authorization": "Bearer scrape-secret-42"}
    assert "pdp_jobs_queued" in scrape(client, environ_base=OUTSIDE, headers=right)


def test_multiprocess_mode_adds_up_the_workers(app, database_url, workdir, tmp_path):
    """With PROMETHEUS_MULTIPROC_DIR (gunicorn), samples go to files there and every process's scrape
    sees the requests that the others answered."""
    multiproc = tmp_path / "prom"
    multiproc.mkdir()
    script = textwrap.dedent(
        f"""
        import os, sys
        sys.path.insert(0, {str(Path(__file__).resolve().parents[2])!r})
        from tests.conftest import make_app
        app = make_app({database_url!r}, {str(workdir / "index")!r})
        client = app.test_client()
        if sys.argv[1] == "serve":
            for _ in range(3):
                assert client.get("/healthz").status_code == 200
        else:
            print(client.get("/metrics").get_data(as_text=True))
        """
    )
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(multiproc)}
    subprocess.run([sys.executable, "-c", script, "serve"], env=env, check=True, timeout=120)
    out = subprocess.run(
        [sys.executable, "-c", script, "scrape"], env=env, check=True, timeout=120, capture_output=True, text=True
    ).stdout
    assert 'pdp_request_duration_seconds_count{method="GET",route="/healthz",status="200"} 3.0' in out
    assert "pdp_jobs_queued" in out
