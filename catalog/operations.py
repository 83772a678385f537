"""What operations see of the catalog: the search index's readiness check (/readyz) and its gauges
(/metrics). core.health and core.metrics run them; the app factory hands them over."""

import os
import time
from datetime import UTC, datetime

from flask import current_app
from prometheus_client.core import GaugeMetricFamily
from sqlalchemy import func, select

from catalog.models import Category
from catalog.search import index
from core.extensions import db


def check_search_index() -> None:
    directory = current_app.config["SEARCH_INDEX_DIR"]
    if index.searcher(directory) is None:
        raise RuntimeError(f"the search index at {directory} is missing or cannot be read")


def search_index_gauges(app):
    """The index's presence, generation, documents and age, then the catalog's lag behind it."""
    directory = app.config["SEARCH_INDEX_DIR"]
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
    yield from _catalog_gauges(changed)


def _catalog_gauges(index_changed: float | None):
    """The lag: categories in the database, and those changed after the index last changed (an
    edit whose index update was lost; 0 while the index keeps up)."""
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
