"""Anonymous catalog reads, answered from a cache keyed by the search index's version.

An anonymous answer (no bearer token, no signed-in session, nothing flashed) depends only on the
request's path, query string and language, and on the catalog — and every catalog change (an edit,
a reindex) changes the search index, so its version is part of the key: an edit makes new keys and
the old entries are never read again (they age out). The version is the index directory's inode (a
rebuild swaps in a new directory), the index's generation (each per-category update commits a
new one) and its files' sizes and times, all read from the disk at each request, so every worker — and with RedisCache every
node — sees an edit at its next request.

Answers are sent with an ETag and Last-Modified and answered 304 when the client already has them.
Signed-in users' answers (which may show what only they may see) are never stored or taken from
the store, and are marked `Cache-Control: private`. An answer the index could not give (the SQL
fallback) is not stored either.

Flask-Caching holds the entries: in-process (SimpleCache) by default, Redis when REDIS_URL is set;
CACHE_TYPE=NullCache switches it off.
"""

import hashlib
import logging
import os
from datetime import UTC, datetime
from functools import wraps

from flask import current_app, g, request, session
from flask_babel import get_locale

from catalog import services
from catalog.search import index
from core.extensions import cache

log = logging.getLogger(__name__)
PUBLIC = "public, max-age=0, must-revalidate"
PRIVATE = "private, no-cache"


def index_version() -> tuple[str, datetime] | None:
    """(version, when it was made) of this node's search index; None when it cannot be read."""
    directory = current_app.config["SEARCH_INDEX_DIR"]
    try:
        searcher = index.searcher(directory)
        if searcher is None:
            return None
        generation = searcher.reader().generation()
        inode = os.stat(directory).st_ino
        # the files' sizes and times too: a file damaged in place (same generation) must not keep
        # being answered from the cache while search itself falls back to the database
        files = [(e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in os.scandir(directory) if e.is_file()]
    except Exception:  # no version, no cache: the request is answered as if there were none
        log.debug("search index version unavailable", exc_info=True)
        return None
    files.sort()
    version = hashlib.blake2b(repr((inode, generation, files)).encode(), digest_size=12).hexdigest()
    newest = max((mtime for _, _, mtime in files), default=0) // 1_000_000_000
    return version, datetime.fromtimestamp(newest, UTC)


def anonymous() -> bool:
    """No bearer token, no signed-in session, no flashed message waiting to be shown."""
    if request.headers.get("Authorization"):
        return False
    if not request.cookies:
        return True
    return "_user_id" not in session and "_flashes" not in session


def _key(version: str) -> str:
    args = "&".join(f"{k}={v}" for k, v in sorted(request.args.items(multi=True)))
    return f"catalog:{version}:{get_locale()}:{request.path}?{args}"


def cached_read(view):
    """Serve an anonymous GET from the cache (or store its answer); conditional answers either way."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if not anonymous():
            response = current_app.make_response(view(*args, **kwargs))
            response.headers["Cache-Control"] = PRIVATE
            response.vary.add("Cookie")
            response.vary.add("Authorization")
            return response
        services.catch_up_index(force=False)  # another node's edit first: the version then says so
        version = index_version()
        stored = cache.get(_key(version[0])) if version else None
        if stored is not None:
            body, mimetype, etag = stored
            response = current_app.response_class(body, mimetype=mimetype)
            g.catalog_cache = "hit"
        else:
            response = current_app.make_response(view(*args, **kwargs))
            etag = None
            if version and response.status_code == 200 and not g.pop("catalog_uncacheable", False):
                body = response.get_data()
                etag = hashlib.blake2b(body, digest_size=16).hexdigest()
                cache.set(_key(version[0]), (body, response.mimetype, etag))
            g.catalog_cache = "miss"
        if etag:
            response.set_etag(etag)
            response.last_modified = version[1]
            response.headers["Cache-Control"] = PUBLIC
            response.vary.add("Accept-Language")
            response.vary.add("Cookie")
            response.make_conditional(request)
        return response

    return wrapper


def uncacheable() -> None:
    """This answer must not be stored (e.g. it came from the SQL fallback, not the index)."""
    g.catalog_uncacheable = True
