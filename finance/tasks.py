"""Finance work that runs as background jobs (core.jobs): the import of an uploaded bank statement."""

import contextlib
import os

from sqlalchemy.exc import OperationalError

from accounts.models import User
from core import jobs
from core.extensions import db
from finance.services import statements


def _discard(job_id: int) -> None:
    """After a job that failed for good: its staged statement and its upload go."""
    statements.discard_staged(job_id)
    job = db.session.get(jobs.Job, job_id)
    if job is not None and (job.params or {}).get("path"):
        _remove(job.params["path"])


@jobs.task("statement_import", cleanup=_discard)
def import_statement(job, *, path, user_id, filename="statement.csv", **_upload):
    """The uploaded file (spooled under UPLOAD_DIR) imported by the statement service, which stages
    it in chunks and reports progress; the file is removed once the import has an outcome."""
    actor = db.session.get(User, user_id)
    try:
        with open(path, "rb") as upload:
            raw = upload.read()
        statement, duplicate = statements.import_statement(actor, filename, raw, job=job)
    except OperationalError:
        raise  # tried again: keep the file
    except BaseException:
        _remove(path)
        raise
    _remove(path)
    return {
        "statement_id": statement.id,
        "duplicate": duplicate,
        "line_count": statement.line_count,
        "new_lines": statement.new_lines,
        "summary": statement.summary or {},
    }


def _remove(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
