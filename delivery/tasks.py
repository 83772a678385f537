"""Delivery work that runs as background jobs (core.jobs): checking and accepting an uploaded version;
making an approved export's fingerprinted file."""

import contextlib
import os

from sqlalchemy.exc import OperationalError

from accounts.models import User
from core import jobs
from core.extensions import db
from delivery.services import exports, versions


@jobs.task("data_version_upload")
def upload_version(job, *, path, user_id, code, filename, **_upload):
    """The spooled file checked against the category's declared columns: accepted as a new version
    (the result names it, with the quality report), or refused (the job fails with the problems as
    field messages) leaving nothing behind."""
    actor = db.session.get(User, user_id)
    try:
        with open(path, "rb") as upload:
            raw = upload.read()
        version = versions.upload(actor, code, raw, filename, progress=job.progress)
    except OperationalError:
        raise  # tried again: keep the file
    except BaseException:
        _remove(path)
        raise
    _remove(path)
    return {"version": versions.shape(version)}


@jobs.task("export_file", cleanup=exports.file_failed)
def make_export_file(job, *, export_id, **_params):
    """The export, finally approved, run and fingerprinted; `ready` for the enterprise when done."""
    export = exports.make_file(int(export_id))
    if export is None:
        return {"export": int(export_id), "status": "not made (no longer approved)"}
    return {"export": export.id, "status": export.status, "rows": export.row_count}


def _remove(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
