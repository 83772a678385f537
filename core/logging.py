"""Logs: plain lines by default, one JSON object per line with LOG_FORMAT=json (time, level, logger,
message, request_id, plus any `extra=`). Every request has an id: the caller's X-Request-ID when it
looks like one (letters, digits, `-_.:`, at most 64), else a new one; it is echoed in the response's
X-Request-ID, stamped on every log record written while the request runs, and stored with the jobs
the request submits (core/jobs.py), whose log records carry it while they run."""

import contextvars
import logging
import os
import re
import time
from contextlib import contextmanager

from flask import request
from flask.globals import _cv_app, _cv_request

REQUEST_ID_HEADER = "X-Request-ID"
_SANE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")
_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)
PLAIN_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"


def current_request_id() -> str | None:
    return _request_id.get()


@contextmanager
def request_id_context(request_id: str | None):
    """Log records written inside carry this id (a job run, a CLI command)."""
    token = _request_id.set(request_id)
    try:
        yield
    finally:
        _request_id.reset(token)


def sane_request_id(value: str | None) -> str | None:
    if value and _SANE.fullmatch(value):
        return value
    return None


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = _request_id.get() or "-"
        return True


def json_formatter() -> logging.Formatter:
    from pythonjsonlogger.json import JsonFormatter

    formatter = JsonFormatter(
        "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
        rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
        datefmt="%Y-%m-%dT%H:%M:%SZ",
    )
    formatter.converter = time.gmtime  # UTC, as everything stored
    return formatter


def configure(log_format: str = "text", level: int = logging.INFO) -> None:
    """The root logger's one handler on stderr, in the chosen format; every record gets a request_id."""
    root = logging.getLogger()
    handler = next((h for h in root.handlers if getattr(h, "_pdp", False)), None)
    if handler is None:
        handler = logging.StreamHandler()
        handler._pdp = True
        handler.addFilter(RequestIdFilter())
        root.addHandler(handler)
    handler.setFormatter(json_formatter() if log_format == "json" else logging.Formatter(PLAIN_FORMAT))
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)


def _incoming_or_new() -> str:
    return incoming_or_new(request.headers.get(REQUEST_ID_HEADER))


def incoming_or_new(value: str | None) -> str:
    """The caller's request id when it looks like one, else a new one."""
    return sane_request_id(value) or new_request_id()


# uuid.uuid4().hex without the UUID object (its checks were most of a new id's cost): 16 random
# bytes with the version (4) and variant (RFC 4122) bits set as UUID(bytes=…, version=4) sets them
_VERSION_CLEAR = ~((0xC000 << 48) | (0xF000 << 64))
_VERSION_SET = (0x8000 << 48) | (4 << 76)


def new_request_id() -> str:
    return f"{int.from_bytes(os.urandom(16)) & _VERSION_CLEAR | _VERSION_SET:032x}"


def register(app) -> None:
    configure(app.config.get("LOG_FORMAT", "text"))

    # the hooks run at every request: the request and g taken from their context variables once
    # each, not through Flask's proxies at every attribute
    @app.before_request
    def _assign_request_id():
        incoming = _cv_request.get().request.environ.get("HTTP_X_REQUEST_ID")  # headers.get(REQUEST_ID_HEADER)
        ctx_g = _cv_app.get().g
        ctx_g.request_id = request_id = incoming_or_new(incoming)
        ctx_g._request_id_token = _request_id.set(request_id)

    @app.after_request
    def _echo_request_id(response):
        # an earlier hook may have answered before ours ran (a 413 from core/limits.py): id it anyway
        response.headers[REQUEST_ID_HEADER] = _cv_app.get().g.__dict__.get("request_id") or _incoming_or_new()
        return response

    @app.teardown_request
    def _forget_request_id(_exc=None):
        token = _cv_app.get().g.__dict__.pop("_request_id_token", None)
        if token is not None:
            try:
                _request_id.reset(token)
            except ValueError:  # set in another context (a streamed response): just clear it
                _request_id.set(None)
