"""`flask --app wsgi jobs worker`: run background jobs in the foreground."""

import click
from flask import current_app

from core import jobs
from core.uow import AppGroup

jobs_cli = AppGroup("jobs", help="Background jobs.")


@jobs_cli.command("worker")
@click.option("--threads", default=1, show_default=True, help="Jobs run at once by this worker.")
def jobs_worker(threads):
    """Run jobs in the foreground until stopped (then set JOBS_INPROCESS=0 for the web processes)."""
    jobs.work(current_app._get_current_object(), threads)
