"""GET /api/v1/jobs/{id} (declared in core.api): a job's state for the user who started it or an admin.
It lives here, on core's API blueprint, because it needs the API caller (accounts.auth), which core
may not import."""

from flask import jsonify

from accounts.auth import require_api_user
from core import jobs
from core.api import bp


@bp.get("/jobs/<job_id>")
def job_get(job_id):
    return jsonify(jobs.shape(jobs.visible_job(require_api_user(), job_id)))
