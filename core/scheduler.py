"""One scheduler for the periodic work: `flask --app wsgi scheduler run` (a loop) or `scheduler once`
(from cron or a systemd timer). Each task runs once per slot (its interval, counted from the epoch in
UTC): before running, a scheduler inserts (task, slot) into `schedule_runs`, whose unique key lets only
one insert succeed, so several nodes may run the scheduler and each due run still happens once. A
run that failed is recorded with its error and tried again in the next slot; every task is safe to
run at any time (they are the same functions as `flask marketplace expire`, `flask pricing expire`).
"""

import logging
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import click
from flask import current_app
from sqlalchemy import DateTime, Integer, String, Text, UniqueConstraint, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from core import uow
from core.extensions import db
from core.jobs import worker_id
from core.timeutil import utcnow
from core.uow import AppGroup

log = logging.getLogger(__name__)
EPOCH = datetime(1970, 1, 1)


class ScheduleRun(db.Model):
    __tablename__ = "schedule_runs"
    __table_args__ = (UniqueConstraint("task", "slot"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    task: Mapped[str] = mapped_column(String(60), nullable=False)
    slot = mapped_column(DateTime, nullable=False)  # the start of the interval this run is for (UTC)
    status: Mapped[str] = mapped_column(String(10), nullable=False)  # running | done | failed
    runner: Mapped[str] = mapped_column(String(80), nullable=False, default="")  # host:pid
    result: Mapped[str] = mapped_column(Text, nullable=False, default="")
    started_at = mapped_column(DateTime, nullable=False, default=utcnow)
    finished_at = mapped_column(DateTime)


@dataclass(frozen=True)
class Scheduled:
    name: str
    every: timedelta
    run: Callable[[], object]


# The periodic tasks by name. core knows none of the domains: the app factory adds theirs
# (app/schedule.py: marketplace.expire, pricing.expire).
TASKS: dict[str, Scheduled] = {}


def slot_of(task: Scheduled, now: datetime) -> datetime:
    every = int(task.every.total_seconds())
    elapsed = int((now - EPOCH).total_seconds())
    return EPOCH + timedelta(seconds=elapsed - elapsed % every)


def _claim(name: str, slot: datetime) -> int | None:
    """The id of a new run of the task in this slot, or None when another scheduler has it."""
    run = ScheduleRun(task=name, slot=slot, status="running", runner=worker_id(), result="", started_at=utcnow())
    db.session.add(run)
    try:
        uow.commit()
    except IntegrityError:
        uow.rollback()
        return None
    return run.id


def once(now: datetime | None = None, tasks: dict[str, Scheduled] | None = None) -> dict[str, str]:
    """Run every task due in its current slot that no scheduler has run yet; their outcomes by name."""
    now = now or utcnow()
    outcomes = {}
    for name, task in (tasks or TASKS).items():
        slot = slot_of(task, now)
        run_id = _claim(name, slot)
        if run_id is None:
            continue
        try:
            result, status = task.run(), "done"
            uow.commit()
        except Exception as exc:  # noqa: BLE001 — one task's failure must not stop the others
            uow.rollback()
            log.exception("scheduled task %s (slot %s) failed", name, slot.isoformat())
            result, status = f"{type(exc).__name__}: {exc}", "failed"
        db.session.execute(
            update(ScheduleRun)
            .where(ScheduleRun.id == run_id)
            .values(status=status, result=str(result)[:2000], finished_at=utcnow())
        )
        uow.commit()
        log.info("scheduled task %s (slot %s): %s %s", name, slot.isoformat(), status, result)
        outcomes[name] = status
    return outcomes


def loop(app, tick: float, stopping: threading.Event) -> None:
    while not stopping.is_set():
        with app.app_context():
            try:
                once()
            except Exception:  # noqa: BLE001 — the database may be down for a while; try again next tick
                log.exception("the scheduler's round failed")
            finally:
                db.session.remove()
        stopping.wait(tick)


scheduler_cli = AppGroup("scheduler", help="Periodic work (expiry), once per slot across all nodes.")


@scheduler_cli.command("once")
def scheduler_once():
    """Run what is due now and not yet run by any scheduler, then exit."""
    outcomes = once()
    for name in TASKS:
        click.echo(f"{name}: {outcomes.get(name, 'not due (already run in this slot)')}")


@scheduler_cli.command("run")
@click.option("--tick", type=float, default=None, help="Seconds between rounds (default SCHEDULER_TICK_SECONDS).")
def scheduler_run(tick):
    """Run due work every tick until SIGINT or SIGTERM."""
    app = current_app._get_current_object()
    tick = tick or float(app.config.get("SCHEDULER_TICK_SECONDS", 30))
    stopping = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stopping.set())
    log.info("scheduler running every %.0f s: %s", tick, ", ".join(TASKS))
    loop(app, tick, stopping)


def register(app) -> None:
    app.cli.add_command(scheduler_cli)
