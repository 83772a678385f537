"""Request size limits: every request body up to MAX_REQUEST_BYTES (JSON, forms), except the routes
marked as taking a large upload, each up to its own setting (a bank statement: MAX_STATEMENT_BYTES).
Larger answers 413 before the body is read: the contract's `payload_too_large` on the API, an error
page on the web. Large uploads are streamed to a file (see spool()), never held in memory whole."""

import hashlib
import os
import tempfile

from flask import current_app
from flask.globals import _cv_request

from core.errors import PayloadTooLarge

_ATTRIBUTE = "upload_limit_setting"
CHUNK = 1024 * 1024


def large_upload(setting: str):
    """Mark a view as taking a body up to app.config[setting] bytes."""

    def mark(view):
        setattr(view, _ATTRIBUTE, setting)
        return view

    return mark


def limit_for(app, endpoint: str | None) -> int:
    setting = getattr(app.view_functions.get(endpoint or ""), _ATTRIBUTE, None)
    return int(app.config[setting or "MAX_REQUEST_BYTES"])


def register(app) -> None:
    def refuse_large_bodies():
        req = _cv_request.get().request  # once, not through the proxy at each look
        limit = limit_for(app, req.endpoint)
        # werkzeug stops a body without Content-Length (chunked) at the same limit while reading it
        req.max_content_length = limit
        length = req.content_length
        if length is not None and length > limit:
            raise PayloadTooLarge(limit)

    # before anything else reads the body (CSRF protection reads the form)
    app.before_request_funcs.setdefault(None, []).insert(0, refuse_large_bodies)


def spool(stream, suffix: str = ".upload") -> tuple[str, int, str]:
    """(path, size, sha256) of a stream copied in chunks into a new file under UPLOAD_DIR."""
    folder = current_app.config["UPLOAD_DIR"]
    os.makedirs(folder, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    handle, path = tempfile.mkstemp(suffix=suffix, dir=folder)
    try:
        with os.fdopen(handle, "wb") as target:
            while chunk := stream.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                target.write(chunk)
    except BaseException:
        os.unlink(path)
        raise
    return path, size, digest.hexdigest()
