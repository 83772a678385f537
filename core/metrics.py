"""Prometheus metrics at /metrics (prometheus_client): request latency per route (the URL rule, never
the raw path, so ids do not blow up the series) and status; the jobs queue's depth and oldest queued
age (the jobs table); the search index's generation, documents and age; the delivery gateway's query
times. Under gunicorn set PROMETHEUS_MULTIPROC_DIR (an empty directory, emptied at each start) so the
workers' numbers add up; the queue and index gauges are read at scrape time by the process scraped.

/metrics is not for the internet: it answers a loopback address, or a caller with
`Authorization: Bearer <METRICS_TOKEN>`; anyone else gets a 404. (Behind a reverse proxy the peer is
the proxy: keep /metrics off the proxy, see docs/deploy.md.)"""

import hmac
import os
import time
from collections.abc import Callable

from flask import Blueprint, Response, current_app, g, request
from flask.globals import _cv_app, _cv_request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from sqlalchemy import func, select

from core.errors import NotFound
from core.extensions import csrf, db, limiter
from core.jobs import Job
from core.timeutil import utcnow

bp = Blueprint("metrics", __name__)

REQUEST_SECONDS = Histogram(
    "pdp_request_duration_seconds",
    "Time to answer an HTTP request, by route (URL rule) and status.",
    ["method", "route", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
    registry=None,
)
GATEWAY_SECONDS = Histogram(
    "pdp_gateway_query_duration_seconds",
    "Time of a delivery gateway call (check, run, make safe, log), by kind and outcome.",
    ["kind", "outcome"],
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0),
    registry=None,
)


def observe_gateway_query(kind: str, outcome: str, seconds: float) -> None:
    """Called by delivery/services/queries.py for every gateway call, whatever its outcome."""
    GATEWAY_SECONDS.labels(kind=str(kind), outcome=str(outcome)).observe(max(float(seconds), 0.0))


_request_series: dict[tuple, object] = {}  # (method, route, status) -> its histogram child


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    # labels() checks and joins the label values at every call; each series' child is looked up once
    # (the histogram keeps its children for good anyway; routes are URL rules, so they are few)
    key = (method, route, status)
    series = _request_series.get(key)
    if series is None:
        series = _request_series[key] = REQUEST_SECONDS.labels(method=method, route=route, status=str(status))
    series.observe(seconds)


# More gauges read when scraped, from the packages above core: each a function of the app yielding
# metric families (the app factory adds catalog's search-index gauges).
STATE_SOURCES: list[Callable] = []


def add_state_source(source: Callable) -> None:
    if source not in STATE_SOURCES:
        STATE_SOURCES.append(source)


class StateCollector:
    """Gauges read from the database and the index when scraped (never kept in a process)."""

    def __init__(self, app):
        self.app = app

    def collect(self):
        with self.app.app_context():
            yield from self._jobs()
            for source in STATE_SOURCES:
                yield from source(self.app)

    def _jobs(self):
        depth = GaugeMetricFamily("pdp_jobs_queued", "Jobs waiting to run (status queued), by kind.", labels=["kind"])
        oldest = GaugeMetricFamily("pdp_jobs_oldest_queued_age_seconds", "Age of the oldest queued job.")
        running = GaugeMetricFamily("pdp_jobs_running", "Jobs running now.")
        try:
            rows = db.session.execute(
                select(Job.kind, func.count(), func.min(Job.created_at))
                .where(Job.status == "queued")
                .group_by(Job.kind)
            ).all()
            busy = db.session.scalar(select(func.count()).where(Job.status == "running")) or 0
        except Exception:  # noqa: BLE001 — a scrape while the database is down shows no job gauges
            db.session.rollback()
            return
        finally:
            db.session.remove()
        first = None
        for kind, count, created in rows:
            depth.add_metric([kind], count)
            first = created if first is None or (created and created < first) else first
        if not rows:
            depth.add_metric(["all"], 0)
        oldest.add_metric([], (utcnow() - first).total_seconds() if first else 0.0)
        running.add_metric([], busy)
        yield from (depth, oldest, running)


def _registry(app) -> CollectorRegistry:
    state = app.extensions.setdefault("metrics", {})
    if state.get("pid") != os.getpid():
        registry = CollectorRegistry()
        if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            # every worker writes its samples to files there; a scrape adds them up
            from prometheus_client import multiprocess

            multiprocess.MultiProcessCollector(registry)
        else:
            for collector in (REQUEST_SECONDS, GATEWAY_SECONDS):
                registry.register(collector)
        registry.register(StateCollector(app))
        state.update(pid=os.getpid(), registry=registry)
    return state["registry"]


def allowed() -> bool:
    token = current_app.config.get("METRICS_TOKEN") or ""
    header = request.headers.get("Authorization", "")
    if token and header.startswith("Bearer ") and hmac.compare_digest(header[7:].strip(), token):
        return True
    # request.remote_addr is the TCP peer (no ProxyFix here): a proxied internet caller is the proxy
    return (request.remote_addr or "") in ("127.0.0.1", "::1") or (request.remote_addr or "").startswith("127.")


@bp.get("/metrics")
def scrape():
    if not allowed():
        raise NotFound()
    g.skip_request_metric = True
    return Response(generate_latest(_registry(current_app._get_current_object())), mimetype=CONTENT_TYPE_LATEST)


def register(app) -> None:
    app.register_blueprint(bp)
    csrf.exempt(bp)
    limiter.exempt(bp)
    app.extensions["gateway_metrics"] = observe_gateway_query

    # at every request: g and the request from their context variables, not through the proxies
    @app.before_request
    def _start_timer():
        _cv_app.get().g._request_started = time.perf_counter()

    @app.after_request
    def _observe(response):
        kept = _cv_app.get().g.__dict__
        started = kept.pop("_request_started", None)
        if started is not None and not kept.get("skip_request_metric"):
            req = _cv_request.get().request
            rule = req.url_rule.rule if req.url_rule is not None else "<unmatched>"
            observe_request(req.method, rule, response.status_code, time.perf_counter() - started)
        return response
