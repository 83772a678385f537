"""`/healthz` (the process answers; touches nothing) and `/readyz` (what a request needs is there: the
database, the search index, the jobs queue, a writable DATA_DIR). A load balancer sends traffic only to
ready nodes; an orchestrator restarts a node that is not alive. Both answer JSON naming each check;
/readyz answers 503 naming the failing ones. Neither is behind sign-in nor rate limiting, and neither
says more than which check failed (the reason goes to the log)."""

import logging
import os
import tempfile
from collections.abc import Callable

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text

from core.extensions import csrf, db, limiter

bp = Blueprint("health", __name__)
log = logging.getLogger(__name__)


def check_database() -> None:
    try:
        db.session.execute(text("SELECT 1"))
    finally:
        db.session.rollback()


def check_queue() -> None:
    """The jobs queue answers: Redis PING, or huey's SQLite file opened and counted."""
    config = current_app.config
    if config.get("REDIS_URL"):
        import redis

        client = redis.Redis.from_url(config["REDIS_URL"], socket_connect_timeout=2, socket_timeout=2)
        try:
            client.ping()
        finally:
            client.close()
        return
    import sqlite3

    path = config["JOBS_QUEUE_FILE"]
    if not os.path.isdir(os.path.dirname(os.path.abspath(path))):
        raise RuntimeError(f"the directory of the jobs queue {path} does not exist")
    connection = sqlite3.connect(path, timeout=2)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        connection.close()


def check_data_dir() -> None:
    """DATA_DIR exists (or can be made) and a file can be written in it."""
    directory = current_app.config["DATA_DIR"]
    os.makedirs(directory, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=directory, prefix=".ready-", delete=True) as probe:
        probe.write(b"ok")
        probe.flush()


# The checks by name; the app factory adds those of the packages above core ("search_index": catalog).
CHECKS: dict[str, Callable[[], None]] = {
    "database": check_database,
    "queue": check_queue,
    "data_dir": check_data_dir,
}


def readiness() -> dict[str, str]:
    """Each check's outcome: "ok" or "failing"."""
    outcome = {}
    for name, check in CHECKS.items():
        try:
            check()
            outcome[name] = "ok"
        except Exception as exc:  # noqa: BLE001 — any failure means not ready, whatever it is
            log.warning("readiness check %s failed: %s", name, exc)
            outcome[name] = "failing"
    return outcome


@bp.get("/healthz")
def healthz():
    return jsonify({"status": "ok", "checks": {"process": "ok"}})


@bp.get("/readyz")
def readyz():
    checks = readiness()
    failing = sorted(name for name, state in checks.items() if state != "ok")
    body = {"status": "failing" if failing else "ok", "checks": checks, "failing": failing}
    return jsonify(body), (503 if failing else 200)


def register(app) -> None:
    app.register_blueprint(bp)
    csrf.exempt(bp)
    limiter.exempt(bp)
