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

A stored answer is served by `LightReads` (wrapped around the app's WSGI callable by the app
factory) before Flask's request machinery runs: an anonymous GET or HEAD (no Authorization header, no
session or remember-me cookie, no ?lang=) of a catalog read whose key is in the cache is answered with the same
headers the full path gives (ETag, Last-Modified, 304, Cache-Control, Vary, the security headers,
X-Request-ID) and counted in the request metrics under the route stored with the entry. The key
holds the index version read from the disk as on the full path. Anything else — a miss, the cache
off, a signed-in caller, a process due to look at the catalog change log (other nodes' edits) — goes
through Flask as before, which computes the answer and stores it.
"""

import hashlib
import logging
import os
import time
from datetime import UTC, datetime
from functools import lru_cache, wraps

from flask import current_app, g, request, session
from flask.globals import _cv_app, _cv_request
from flask_babel import get_locale
from werkzeug.datastructures import Headers
from werkzeug.http import http_date
from werkzeug.wrappers import Response

from catalog import services
from catalog.search import index, sync
from core import i18n, metrics, security
from core import logging as request_logging
from core.extensions import cache

log = logging.getLogger(__name__)
PUBLIC = "public, max-age=0, must-revalidate"
PRIVATE = "private, no-cache"


def index_version(directory: str | None = None, keyed: bool = True) -> tuple[str | None, datetime] | None:
    """(version, when it was made) of this node's search index; None when it cannot be read. keyed=False
    (nothing is stored, so no key is made): the version is None, only the time is read."""
    found = _index_state(directory or current_app.config["SEARCH_INDEX_DIR"], keyed)
    return None if found is None else found[:2]


def _index_state(directory: str, keyed: bool):
    """(version, when it was made, the searcher) of the index at directory, or None: the directory's
    files are listed once, for the version and for the searcher's check that it is current."""
    try:
        inode = os.stat(directory).st_ino
        # the files' sizes and times too: a file damaged in place (same generation) must not keep
        # being answered from the cache while search itself falls back to the database
        files = sorted(_file_states(directory))
        searcher = index.searcher(directory, files=tuple(files), inode=inode)
        if searcher is None:
            return None
        generation = searcher.reader().generation()
    except Exception:  # no version, no cache: the request is answered as if there were none
        log.debug("search index version unavailable", exc_info=True)
        return None
    newest = max((mtime for _, _, mtime in files), default=0) // 1_000_000_000
    if not keyed:
        return None, _made_at(newest), searcher
    version = hashlib.blake2b(repr((inode, generation, files)).encode(), digest_size=12).hexdigest()
    return version, _made_at(newest), searcher


def _file_states(directory: str):
    for entry in os.scandir(directory):
        if entry.is_file():
            found = entry.stat()
            yield entry.name, found.st_size, found.st_mtime_ns


@lru_cache(maxsize=64)
def _made_at(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def anonymous(req=None) -> bool:
    """No bearer token, no signed-in session, no flashed message waiting to be shown."""
    req = req or _cv_request.get().request
    environ = req.environ
    if environ.get("HTTP_AUTHORIZATION"):  # request.headers.get("Authorization")
        return False
    if not environ.get("HTTP_COOKIE") or not req.cookies:
        return True
    return "_user_id" not in session and "_flashes" not in session


def _key(version: str, req=None, locale=None) -> str:
    req = req or request
    args = "&".join(f"{k}={v}" for k, v in sorted(req.args.items(multi=True)))
    return f"catalog:{version}:{locale or get_locale()}:{req.path}?{args}"


# Request headers that can make an answer conditional (304, 412) or partial; without any of them
# Werkzeug's make_conditional only dates the answer (and sizes it, already done for a body).
_CONDITIONS = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
    "HTTP_RANGE",
    "HTTP_IF_RANGE",
)


_SET_HERE = frozenset({"etag", "last-modified", "cache-control", "vary", "date"})


def _conditional(response, req, etag: str, modified: datetime):
    headers = response.headers
    environ = req.environ
    conditional = any(name in environ for name in _CONDITIONS)
    pairs = headers._list if type(headers) is Headers else None
    if pairs is not None and _SET_HERE.isdisjoint([name.lower() for name, _value in pairs]):
        # none of them there yet (every answer a view makes): appended in the order the assignments
        # below would append them, the values made here (a hex tag, dates, constants) already
        # what Werkzeug's checks would pass
        pairs += (
            ("ETag", f'"{etag}"'),
            ("Last-Modified", _http_date(modified)),
            ("Cache-Control", PUBLIC),
            ("Vary", "Accept-Language, Cookie"),
        )
        if conditional:
            return response.make_conditional(req)
        pairs.append(("Date", _now_http_date()))
        return response
    headers["ETag"] = f'"{etag}"'  # response.set_etag(etag), a strong tag
    headers["Last-Modified"] = _http_date(modified)
    headers["Cache-Control"] = PUBLIC
    if "Vary" in headers:
        response.vary.add("Accept-Language")
        response.vary.add("Cookie")
    else:
        headers["Vary"] = "Accept-Language, Cookie"
    if conditional:
        return response.make_conditional(req)
    if "date" not in headers:
        headers["Date"] = _now_http_date()
    return response


@lru_cache(maxsize=64)
def _http_date(moment: datetime) -> str:
    return http_date(moment)


_this_second = [0, ""]  # [the second, http_date() of it]: answers within a second share their Date


def _now_http_date() -> str:
    """http_date() (now, to the second as it is written), formatted once per second."""
    now = time.time()
    second = int(now)
    kept = _this_second
    if kept[0] != second:
        kept[1] = http_date(datetime.fromtimestamp(second, UTC))
        kept[0] = second
    return kept[1]


def stores(app) -> bool:
    """False with the cache switched off (CACHE_TYPE=NullCache): nothing is stored, so no key is made."""
    return type(app.extensions["cache"][cache]).__name__ != "NullCache"


def cached_read(view):
    """Serve an anonymous GET from the cache (or store its answer); conditional answers either way."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        # the request, g and the app once from their context variables (not through the proxies)
        req = _cv_request.get().request
        app_ctx = _cv_app.get()
        app, ctx_g = app_ctx.app, app_ctx.g
        if not anonymous(req):
            response = app.make_response(view(*args, **kwargs))
            response.headers["Cache-Control"] = PRIVATE
            response.vary.add("Cookie")
            response.vary.add("Authorization")
            return response
        services.catch_up_index(force=False)  # another node's edit first: the version then says so
        keeps = stores(app)
        state = _index_state(app.config["SEARCH_INDEX_DIR"], keeps)
        version = None if state is None else state[:2]
        ctx_g.catalog_searcher = None if state is None else state[2]  # the view's search uses it (checked_searcher)
        keeps = keeps and version is not None
        stored = cache.get(_key(version[0])) if keeps else None
        if stored is not None:
            body, mimetype, etag = stored[:3]  # (…, route) since the light path: older entries lack it
            response = app.response_class(body, mimetype=mimetype)
            ctx_g.catalog_cache = "hit"
        else:
            response = app.make_response(view(*args, **kwargs))
            etag = None
            if version and response.status_code == 200 and not ctx_g.__dict__.pop("catalog_uncacheable", False):
                body = response.get_data()
                etag = hashlib.blake2b(body, digest_size=16).hexdigest()
                if keeps:
                    route = req.url_rule.rule if req.url_rule is not None else req.path
                    cache.set(_key(version[0]), (body, response.mimetype, etag, route))
            ctx_g.catalog_cache = "miss"
        if etag:
            _conditional(response, req, etag, version[1])
        return response

    return wrapper


def checked_searcher():
    """The search index's searcher cached_read found current for this request, after catching up with
    the change log (services.search_categories then neither catches up nor checks the index again);
    None outside cached_read or without a usable index."""
    return g.pop("catalog_searcher", None)


def uncacheable() -> None:
    """This answer must not be stored (e.g. it came from the SQL fallback, not the index)."""
    g.catalog_uncacheable = True


class LightReads:
    """WSGI middleware: a stored anonymous catalog answer sent before Flask's request machinery (the
    module's docstring says when); everything else goes to the app."""

    PATHS = ("/api/v1/categories", "/search")

    def __init__(self, app, wsgi_app):
        self.app = app
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        if (
            stores(self.app)
            and environ.get("REQUEST_METHOD") in ("GET", "HEAD")
            and environ.get("PATH_INFO", "").startswith(self.PATHS)
            and "HTTP_AUTHORIZATION" not in environ
        ):
            started = time.perf_counter()
            response = self._stored(environ)
            if response is not None:
                answer, route = response
                metrics.observe_request(
                    environ["REQUEST_METHOD"], route, answer.status_code, time.perf_counter() - started
                )
                return answer(environ, start_response)
        return self.wsgi_app(environ, start_response)

    def _stored(self, environ):
        app = self.app
        config = app.config
        req = app.request_class(environ)
        cookies = req.cookies
        if (
            "lang" in req.args
            or app.session_interface.get_cookie_name(app) in cookies
            or config.get("REMEMBER_COOKIE_NAME", "remember_token") in cookies
        ):
            return None  # a session (maybe signed in, its language) or one to be made: the full path
        directory = config["SEARCH_INDEX_DIR"]
        if not sync.looked_recently(directory, float(config.get("SEARCH_SYNC_SECONDS", 1.0))):
            return None  # time to look for other nodes' edits: the full path does, then answers
        version = index_version(directory)
        if version is None:
            return None
        locale = i18n.locale_key(i18n.anonymous_locale_name(req, config["BABEL_DEFAULT_LOCALE"]))
        try:
            stored = app.extensions["cache"][cache].get(_key(version[0], req, locale))
        except Exception:  # the cache unreachable: the full path answers (and says so in its log)
            return None
        if stored is None or len(stored) != 4:
            return None
        body, mimetype, etag, route = stored
        answer = _conditional(Response(body, mimetype=mimetype), req, etag, version[1])
        security.add_headers(answer, config)
        answer.headers[request_logging.REQUEST_ID_HEADER] = request_logging.incoming_or_new(
            req.headers.get(request_logging.REQUEST_ID_HEADER)
        )
        return answer, route
