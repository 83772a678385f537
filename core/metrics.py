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

from flask import Blueprint, Response, current_app, g, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily

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


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    REQUEST_SECONDS.labels(method=method, route=route, status=str(status)).observe(seconds)


class StateCollector:
    """Gauges read from the database and the index when scraped (never kept in a process)."""

    def __init__(self, app):
        self.app = app

    def collect(self):
        with self.app.app_context():
            yield from self._jobs()
            yield from self._search_index()

    def _jobs(self):
        from sqlalchemy import func, select

        from core.extensions import db
        from core.jobs import Job
        from core.timeutil import utcnow

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

    def _search_index(self):
        from catalog.search import index

        directory = self.app.config["SEARCH_INDEX_DIR"]
        present = GaugeMetricFamily("pdp_search_index_present", "1 when the search index opens, else 0.")
        searcher = index.searcher(directory)
        present.add_metric([], 1 if searcher is not None else 0)
        yield present
        if searcher is None:
            return
        reader = searcher.reader()
        generation = GaugeMetricFamily(
            "pdp_search_index_generation", "The index's generation (goes up with every committed change)."
        )
        generation.add_metric([], reader.generation())
        docs = GaugeMetricFamily("pdp_search_index_documents", "Categories in the search index.")
        docs.add_metric([], searcher.doc_count())
        age = GaugeMetricFamily(
            "pdp_search_index_age_seconds", "Seconds since the index last changed (a rebuild or an update)."
        )
        try:
            changed = max(e.stat().st_mtime for e in os.scandir(directory))
            age.add_metric([], max(time.time() - changed, 0.0))
        except (OSError, ValueError):
            age, changed = None, None
        yield from (m for m in (generation, docs, age) if m is not None)
        yield from self._catalog(changed)

    def _catalog(self, index_changed: float | None):
        """The lag: categories in the database, and those changed after the index last changed (an
        edit whose index update was lost; 0 while the index keeps up)."""
        from datetime import UTC, datetime

        from sqlalchemy import func, select

        from catalog.models import Category
        from core.extensions import db

        try:
            total = db.session.scalar(select(func.count()).select_from(Category)) or 0
            behind = 0
            if index_changed is not None:
                since = datetime.fromtimestamp(index_changed, UTC).replace(tzinfo=None)
                behind = db.session.scalar(select(func.count()).where(Category.updated_at > since)) or 0
        except Exception:  # noqa: BLE001 — the database is down: no catalog gauges in this scrape
            db.session.rollback()
            return
        finally:
            db.session.remove()
        categories = GaugeMetricFamily("pdp_catalog_categories", "Categories in the database.")
        categories.add_metric([], total)
        stale = GaugeMetricFamily(
            "pdp_search_index_stale_categories", "Categories changed after the search index last changed."
        )
        stale.add_metric([], behind)
        yield from (categories, stale)


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
        from core.errors import NotFound

        raise NotFound()
    g.skip_request_metric = True
    return Response(generate_latest(_registry(current_app._get_current_object())), mimetype=CONTENT_TYPE_LATEST)


def register(app) -> None:
    app.register_blueprint(bp)
    from core.extensions import csrf, limiter

    csrf.exempt(bp)
    limiter.exempt(bp)
    app.extensions["gateway_metrics"] = observe_gateway_query

    @app.before_request
    def _start_timer():
        g._request_started = time.perf_counter()

    @app.after_request
    def _observe(response):
        started = g.pop("_request_started", None)
        if started is not None and not g.get("skip_request_metric"):
            rule = request.url_rule.rule if request.url_rule is not None else "<unmatched>"
            observe_request(request.method, rule, response.status_code, time.perf_counter() - started)
        return response
