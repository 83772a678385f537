"""gunicorn settings for the web process (`gunicorn --config deploy/gunicorn.conf.py wsgi:app`).

Prometheus multiprocess mode: every worker writes its samples under PROMETHEUS_MULTIPROC_DIR; the
directory must be empty when gunicorn starts (the systemd unit empties it) and a dead worker's live
gauges are dropped here."""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "4"))
# sync workers; > 1 makes them gthread workers (docs/deploy.md says why 1 stays the default)
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
# the delivery gateway's DuckDB queries are bounded by DELIVERY_TIME_LIMIT; uploads stream to disk
graceful_timeout = 30
forwarded_allow_ips = "127.0.0.1"
accesslog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(L)ss rid=%({x-request-id}o)s'


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
