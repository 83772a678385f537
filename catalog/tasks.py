"""Catalog work that runs as background jobs (core.jobs): rebuilding the search index."""

import time

from catalog import services
from core import jobs


@jobs.task("search_reindex")
def reindex(job, *, user_id):
    """The whole index rebuilt from the database; progress as categories are indexed."""
    last = [0.0]

    def progress(done: int, total: int) -> None:
        if time.monotonic() - last[0] >= 0.5 or done == total:
            last[0] = time.monotonic()
            job.progress(0.95 * done / max(total, 1))

    return {"indexed": services.reindex(progress=progress)}


def reindex_later(actor=None):
    """Queue a rebuild of the search index (after an import, or an admin asking for one), once the
    caller's unit of work commits."""
    return jobs.submit("search_reindex", user=actor)
