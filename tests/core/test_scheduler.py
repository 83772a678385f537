"""One scheduler: each task runs once per slot however many schedulers run; the CLI runs what is due."""

import threading
from datetime import datetime, timedelta

from sqlalchemy import delete, select

from core import scheduler
from core.extensions import db
from core.scheduler import Scheduled, ScheduleRun

SLOT_TIME = datetime(2031, 5, 6, 7, 8, 9)


def counting_task(name, calls, every=timedelta(minutes=5), fail=False):
    def run():
        calls.append(threading.current_thread().name)
        if fail:
            raise RuntimeError("the task broke")
        return {"done": len(calls)}

    return {name: Scheduled(name, every, run)}


def _clear(name):
    db.session.execute(delete(ScheduleRun).where(ScheduleRun.task == name))
    db.session.commit()


def test_a_slot_runs_once_and_the_next_slot_runs_again(ctx):
    calls = []
    tasks = counting_task("test.tick", calls)
    _clear("test.tick")
    assert scheduler.once(SLOT_TIME, tasks) == {"test.tick": "done"}
    assert scheduler.once(SLOT_TIME + timedelta(minutes=1), tasks) == {}  # same 5-minute slot
    assert scheduler.once(SLOT_TIME + timedelta(minutes=5), tasks) == {"test.tick": "done"}
    runs = db.session.scalars(select(ScheduleRun).where(ScheduleRun.task == "test.tick").order_by(ScheduleRun.slot))
    assert [(r.slot, r.status) for r in runs] == [
        (datetime(2031, 5, 6, 7, 5), "done"),
        (datetime(2031, 5, 6, 7, 10), "done"),
    ]
    assert len(calls) == 2


def test_two_schedulers_racing_for_the_same_slot_run_it_once(app):
    calls = []
    tasks = counting_task("test.race", calls)
    with app.app_context():
        _clear("test.race")
    start = threading.Barrier(2)
    outcomes = []

    def node():
        with app.app_context():
            start.wait(10)
            outcomes.append(scheduler.once(SLOT_TIME, tasks))
            db.session.remove()

    nodes = [threading.Thread(target=node, name=f"node-{n}") for n in (1, 2)]
    for t in nodes:
        t.start()
    for t in nodes:
        t.join(60)
    assert sorted(outcomes, key=len) == [{}, {"test.race": "done"}]
    assert len(calls) == 1
    with app.app_context():
        assert db.session.scalar(select(ScheduleRun.status).where(ScheduleRun.task == "test.race")) == "done"


def test_a_failed_run_is_recorded_and_does_not_stop_the_others(ctx):
    calls = []
    tasks = {**counting_task("test.breaks", calls, fail=True), **counting_task("test.after", calls)}
    _clear("test.breaks")
    _clear("test.after")
    assert scheduler.once(SLOT_TIME, tasks) == {"test.breaks": "failed", "test.after": "done"}
    failed = db.session.scalar(select(ScheduleRun).where(ScheduleRun.task == "test.breaks"))
    assert failed.result == "RuntimeError: the task broke" and failed.finished_at is not None


def test_the_cli_runs_the_expiry_tasks_once_per_slot(app):
    with app.app_context():
        for name in scheduler.TASKS:
            _clear(name)
    runner = app.test_cli_runner()
    first = runner.invoke(args=["scheduler", "once"])
    assert first.exit_code == 0, first.output
    assert "marketplace.expire: done" in first.output and "pricing.expire: done" in first.output
    second = runner.invoke(args=["scheduler", "once"])
    assert second.exit_code == 0 and "not due" in second.output
    with app.app_context():
        statuses = db.session.scalars(select(ScheduleRun.status).where(ScheduleRun.task.in_(scheduler.TASKS)))
        assert sorted(statuses) == ["done", "done"]
