"""Background jobs: long work (statement imports, search reindexing, bulk e-mail) leaves the request.

    @jobs.task("statement_import")
    def import_statement(job, *, path, user_id, **params):   # runs in a worker, app context pushed
        job.progress(0.5)                                     # a checkpoint: recorded and committed
        return {"statement_id": 7}                            # stored on the job

    job = jobs.submit("statement_import", user=current_user, path=...)
    return jobs.accepted(job)                                 # 202 + Location: /api/v1/jobs/{id}

The `jobs` table is the truth about a job (who started it, its status, progress, result, error); the
queue only carries its id. The queue is huey's: SQLite storage under instance/ by default (nothing
else to run), Redis when REDIS_URL is set. Without a separate worker (`flask --app wsgi jobs worker`),
each web process runs a consumer thread of its own, started after gunicorn forks (JOBS_INPROCESS=0
turns that off). A worker that dies mid-job (killed, restarted, out of memory) leaves its job
`running` under a process that no longer exists: the next consumer to look puts it back on the queue
until JOBS_MAX_ATTEMPTS is reached, then marks it failed with that reason. Tasks must therefore be
safe to start again (the statement import stages its rows and cleans up a dead attempt's).
"""

import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from zlib import crc32

from flask import current_app, jsonify, request, url_for
from flask_babel import force_locale, get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, DateTime, Float, ForeignKey, Integer, String, Text, event, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Mapped, Session, mapped_column

from core import locks, uow
from core import logging as request_logging
from core.errors import DomainError, NotFound
from core.extensions import db
from core.timeutil import utcnow

log = logging.getLogger(__name__)

STATUSES = ("queued", "running", "done", "failed")
TASKS: dict[str, Callable] = {}
CLEANUPS: dict[str, Callable] = {}
HOST = socket.gethostname()[:60]


class Job(db.Model):
    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), nullable=False)
    status: Mapped[str] = mapped_column(String(10), nullable=False, default="queued", index=True)
    progress: Mapped[float] = mapped_column(Float, nullable=False, default=0.0)
    params = mapped_column(JSON)  # the task's keyword arguments, kept so a retry can run it again
    result = mapped_column(JSON)
    error: Mapped[str] = mapped_column(Text, nullable=False, default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    locale: Mapped[str] = mapped_column(String(10), nullable=False, default="")
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    worker: Mapped[str] = mapped_column(String(80), nullable=False, default="")  # host:pid running it
    request_id: Mapped[str] = mapped_column(String(64), nullable=False, default="")  # core/logging.py
    created_at = mapped_column(DateTime, nullable=False, default=utcnow)
    started_at = mapped_column(DateTime)
    heartbeat_at = mapped_column(DateTime)
    finished_at = mapped_column(DateTime)


def task(kind: str, cleanup: Callable | None = None):
    """Register the function that runs jobs of this kind: fn(job, *, user_id, **params) -> JSON-able.
    cleanup(job_id), if given, removes what a failed job's earlier checkpoints committed."""

    def register(fn):
        TASKS[kind] = fn
        if cleanup is not None:
            CLEANUPS[kind] = cleanup
        return fn

    return register


class JobHandle:
    """What a task sees of its job."""

    def __init__(self, job: Job):
        self.id, self.kind, self.user_id, self.attempt = job.id, job.kind, job.user_id, job.attempts
        self._last = 0.0

    def progress(self, fraction: float) -> None:
        """A checkpoint: the fraction done (0.0–1.0, never going back) is recorded and the task's
        session committed, so GET /api/v1/jobs/{id} sees it and a chunk's work is kept."""
        self._last = max(self._last, min(max(float(fraction), 0.0), 1.0))
        db.session.execute(update(Job).where(Job.id == self.id).values(progress=self._last, heartbeat_at=utcnow()))
        uow.commit_now("a job's checkpoint: its progress is seen by others and its chunk's work is kept")


# --- submitting -------------------------------------------------------------------------------


def submit(kind: str, *, user=None, **params) -> Job:
    """A queued job, part of the caller's unit of work: the task is put on the queue once that
    commits (core.uow: the request, the command, the job), and never if it rolls back."""
    if kind not in TASKS:
        raise ValueError(f"unknown job kind {kind!r}")
    if "commit" in params:  # the old keyword: submitting never commits now (the edge does)
        raise TypeError("jobs.submit() commits nothing: drop commit=, the caller's edge commits (core/uow.py)")
    job = Job(kind=kind, status="queued", progress=0.0, params=params, user_id=getattr(user, "id", None))
    job.locale = str(get_locale() or "")[:10]
    job.request_id = (request_logging.current_request_id() or "")[:64]
    db.session.add(job)
    db.session.flush()
    db.session.info.setdefault("jobs_to_enqueue", []).append((current_app._get_current_object(), job.id))
    return job


@event.listens_for(Session, "after_commit")
def _enqueue_committed(session) -> None:
    for app, job_id in session.info.pop("jobs_to_enqueue", []):
        try:
            _queue(app).enqueue_job(job_id)
        except Exception:  # the queue is down: the job stays queued, and recover() enqueues it again later
            log.exception("job %s could not be put on the queue", job_id)


@event.listens_for(Session, "after_rollback")
def _drop_rolled_back(session) -> None:
    session.info.pop("jobs_to_enqueue", None)


def shape(job: Job) -> dict:
    return {
        "id": job.id,
        "kind": job.kind,
        "status": job.status,
        "progress": round(float(job.progress or 0.0), 4),
        "result": job.result,
        "error": job.error or None,
    }


def accepted(job: Job):
    """The 202 answer of an API route that started a job."""
    short = {k: v for k, v in shape(job).items() if k in ("id", "kind", "status", "progress")}
    response = jsonify({"job": short})
    response.status_code = 202
    response.headers["Location"] = url_for("api.job_get", job_id=job.id)
    return response


def visible_job(actor, job_id) -> Job:
    """The job, to the user who started it and to admins; 404 to anyone else."""
    job = db.session.get(Job, int(job_id)) if str(job_id).isdigit() else None
    if job is None or actor is None or (job.user_id != actor.id and getattr(actor, "role", None) != "admin"):
        raise NotFound(_l("No such job."))
    return job


def wait(job_id: int, timeout: float = 60.0, interval: float = 0.1) -> Job:
    """Block until the job is done or failed (tests, the CLI, the bench); it runs in a consumer."""
    deadline = time.monotonic() + timeout
    while True:
        db.session.rollback()  # see other connections' commits
        job = db.session.get(Job, job_id)
        db.session.refresh(job)
        if job.status in ("done", "failed") or time.monotonic() > deadline:
            return job
        time.sleep(interval)


# --- running ----------------------------------------------------------------------------------


def worker_id() -> str:
    return f"{HOST}:{os.getpid()}"


def run(app, job_id: int) -> None:
    """Run one job: claim it (only a queued job is claimed, so a job is never run twice at once),
    call its task, record the outcome."""
    with app.app_context():
        now = utcnow()
        claimed = db.session.execute(
            update(Job)
            .where(Job.id == job_id, Job.status == "queued")
            .values(status="running", attempts=Job.attempts + 1, started_at=now, heartbeat_at=now, worker=worker_id())
        )
        uow.commit()
        if claimed.rowcount != 1:
            return
        job = db.session.get(Job, job_id)
        handle, fn = JobHandle(job), TASKS.get(job.kind)
        # the log records of the run carry the id of the request that submitted it
        with request_logging.request_id_context(job.request_id or None):
            try:
                with force_locale(job.locale or app.config.get("BABEL_DEFAULT_LOCALE", "zh_CN")):
                    if fn is None:
                        raise DomainError(f"No task is registered for jobs of kind {job.kind!r}.")
                    result = fn(handle, user_id=job.user_id, **(job.params or {}))
                    _finish(job_id, "done", result=result)
            except DomainError as exc:
                uow.rollback()
                with force_locale(job.locale or "zh_CN"):
                    message = str(exc.message) or exc.code
                    fields = {k: [str(m) for m in v] for k, v in exc.fields.items()}
                # a task may attach what the caller needs to see with the refusal (e.g. an upload's report)
                extra = getattr(exc, "result", None) if isinstance(getattr(exc, "result", None), dict) else {}
                _finish(job_id, "failed", error=message, result={**extra, "code": exc.code, "fields": fields})
            except OperationalError as exc:
                uow.rollback()
                log.warning("job %s (%s) met a database error, it will be tried again: %s", job_id, job.kind, exc)
                _requeue_or_fail(app, job_id, _l("The database was busy."))
            except Exception as exc:
                uow.rollback()
                log.exception("job %s (%s) failed", job_id, job.kind)
                _finish(job_id, "failed", error=f"{type(exc).__name__}: {exc}"[:2000])
            finally:
                db.session.remove()


def _finish(job_id: int, status: str, result=None, error: str = "") -> None:
    if status == "failed":
        _clean_up(job_id)
    values = {"status": status, "result": result, "error": error, "finished_at": utcnow(), "heartbeat_at": utcnow()}
    if status == "done":
        values["progress"] = 1.0
    db.session.execute(update(Job).where(Job.id == job_id).values(**values))
    uow.commit()


def _requeue_or_fail(app, job_id: int, reason, worker: str | None = None) -> None:
    """A job whose run did not finish: queued again while attempts remain, else failed with the reason."""
    # its attempts and status are read, then changed: on SQLite a read snapshot that someone's commit
    # overtook cannot write ("database is locked" at once), and a failure here would leave the job
    # "running" under a live worker until JOBS_STALE_SECONDS
    locks.take_write_lock()
    job = db.session.get(Job, job_id)
    condition = [Job.id == job_id, Job.status == "running"]
    if worker is not None:
        condition.append(Job.worker == worker)
    if job.attempts < app.config["JOBS_MAX_ATTEMPTS"]:
        moved = db.session.execute(update(Job).where(*condition).values(status="queued", worker="", progress=0.0))
        uow.commit()
        if moved.rowcount == 1:
            log.warning("job %s (%s) is queued again after: %s", job_id, job.kind, reason)
            _queue(app).enqueue_job(job_id)
        return
    with force_locale(job.locale or "zh_CN"):
        message = str(
            _l(
                "The job stopped before it finished (%(reason)s); it was tried %(n)d times.",
                reason=str(reason),
                n=job.attempts,
            )
        )
    if db.session.scalar(select(Job.id).where(*condition)) is None:
        return  # someone else has seen to it
    _clean_up(job_id)  # before the job says it failed: whoever reads "failed" finds nothing left
    db.session.execute(
        update(Job).where(*condition).values(status="failed", error=message, finished_at=utcnow(), worker="")
    )
    uow.commit()


def _clean_up(job_id: int) -> None:
    kind = db.session.scalar(select(Job.kind).where(Job.id == job_id))
    if kind in CLEANUPS:
        try:
            CLEANUPS[kind](job_id)
            uow.commit()
        except Exception:
            db.session.rollback()
            log.exception("cleaning up after job %s (%s) failed", job_id, kind)


def _gone(worker: str) -> bool:
    host, _, pid = worker.rpartition(":")
    if host != HOST or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def recover(app) -> int:
    """Running jobs whose worker is gone (a process of this host that no longer exists, or no sign of
    life for JOBS_STALE_SECONDS) are queued again or failed; jobs queued that long are put on the
    queue again. Returns how many dead ones were found."""
    with app.app_context():
        try:
            stale = utcnow() - timedelta(seconds=app.config["JOBS_STALE_SECONDS"])
            rows = db.session.execute(select(Job.id, Job.worker, Job.heartbeat_at).where(Job.status == "running")).all()
            dead = [(i, w) for i, w, beat in rows if _gone(w) or (beat is not None and beat < stale)]
            for job_id, worker in dead:
                _requeue_or_fail(app, job_id, _l("its worker stopped"), worker=worker)
            # queued long ago and never started (the queue was down when it was submitted): put it on the
            # queue again; a copy already there finds it claimed and does nothing
            for job_id in db.session.scalars(select(Job.id).where(Job.status == "queued", Job.created_at < stale)):
                _queue(app).enqueue_job(job_id)
            return len(dead)
        finally:
            db.session.remove()


# --- the queue --------------------------------------------------------------------------------


class _Queue:
    """One app's huey queue in one process, and the consumer threads this process runs."""

    def __init__(self, app):
        from huey import RedisHuey, SqliteHuey

        self.app = app
        config = app.config
        if config.get("REDIS_URL"):
            self.huey = RedisHuey(config["JOBS_QUEUE_NAME"], url=config["REDIS_URL"], results=False, utc=True)
        else:
            os.makedirs(os.path.dirname(config["JOBS_QUEUE_FILE"]) or ".", exist_ok=True)
            self.huey = SqliteHuey(config["JOBS_QUEUE_NAME"], filename=config["JOBS_QUEUE_FILE"], results=False)
        self.run_job = self.huey.task(name="run_job")(lambda job_id: run(app, job_id))
        self.stopping = threading.Event()
        self.threads: list[threading.Thread] = []

    def enqueue_job(self, job_id: int) -> None:
        self.run_job(job_id)

    def start(self, workers: int = 1) -> None:
        from huey.consumer import Worker

        if self.threads:
            return
        for n in range(workers):
            worker = Worker(self.huey, self.stopping, default_delay=0.1, max_delay=1.0, backoff=1.3)
            self.threads.append(threading.Thread(target=self._work, args=(worker,), name=f"jobs-{n + 1}", daemon=True))
        self.threads.append(threading.Thread(target=self._watch, name="jobs-recover", daemon=True))
        for thread in self.threads:
            thread.start()

    def _work(self, worker) -> None:
        while not self.stopping.is_set():
            try:
                worker.loop()
            except Exception:
                log.exception("the jobs consumer met an error")
                self.stopping.wait(1.0)

    def _watch(self) -> None:
        interval = self.app.config["JOBS_RECOVER_SECONDS"]
        while not self.stopping.is_set():
            try:
                recover(self.app)
            except Exception:
                log.debug("looking for dead jobs failed", exc_info=True)
            self.stopping.wait(interval)

    def stop(self, timeout: float = 5.0) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout)
        self.threads = []
        self.huey.storage.close()


_lock = threading.Lock()


def _queue(app) -> _Queue:
    """This process's queue for the app, made anew after a fork (gunicorn forks its workers: a
    connection or thread inherited from the master would be shared or dead)."""
    state = app.extensions.setdefault("jobs", {})
    with _lock:
        if state.get("pid") != os.getpid():
            state.clear()
            state.update(pid=os.getpid(), queue=_Queue(app))
        return state["queue"]


def ensure_consumer(app) -> None:
    """Start this process's in-process consumer unless a separate worker is configured."""
    if not app.config["JOBS_INPROCESS"]:
        return
    queue = _queue(app)
    if not queue.threads:
        with _lock:
            queue.start(app.config["JOBS_THREADS"])


def stop(app) -> None:
    state = app.extensions.get("jobs") or {}
    if state.get("pid") == os.getpid():
        state["queue"].stop()
        state.clear()


def init_app(app) -> None:
    queue_name = app.config.get("JOBS_QUEUE_NAME") or f"pdp-{crc32(app.config['SQLALCHEMY_DATABASE_URI'].encode()):08x}"
    app.config["JOBS_QUEUE_NAME"] = queue_name

    @app.before_request
    def _consumer_after_fork():
        # probes answer even when the queue cannot start; no queue in this process, nothing to start
        if app.config["JOBS_INPROCESS"] and request.blueprint not in ("health", "metrics"):
            ensure_consumer(app)


def work(app, threads: int = 1) -> None:
    """`flask jobs worker`: consume in the foreground until SIGINT or SIGTERM."""
    import signal

    queue = _queue(app)
    recovered = recover(app)
    if recovered:
        log.warning("%d job(s) left by a stopped worker were queued again or failed", recovered)
    done = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: done.set())
    queue.start(threads)
    log.info("jobs worker %s consuming queue %s with %d thread(s)", worker_id(), queue.huey.name, threads)
    done.wait()
    queue.stop()
