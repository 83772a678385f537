"""Termination reaches a query running in another process. The served site runs gunicorn's sync
workers (-w 2): a worker busy with a query accepts no other request, so the terminate request sent
while the slow query runs is always served by the other worker, whose own registry of running
queries is empty — only the running query's watchdog, polling the agreement, can stop it."""

import threading
import time

import requests
from sqlalchemy import select

from catalog.models import Category
from core.extensions import db
from delivery.models import AgreementLedger
from delivery.services import versions
from tests.delivery.conftest import active_agreement

TRIALS = 3
ROWS = 12_000
# a self-join that runs far past the gateway's time limit (10 s) unless something stops it
SLOW = (
    "SELECT COUNT(*) FROM SCJGJ_001 a JOIN SCJGJ_001 b ON a.reg_status = b.reg_status "
    "JOIN SCJGJ_001 c ON b.reg_status = c.reg_status"
)


def _data(site) -> None:
    with site.app.app_context():
        category = db.session.scalars(select(Category).where(Category.code == "SCJGJ-001")).one()
        if versions.latest(category.id) is None:
            versions.generate_version(category, ROWS, seed=7)
        db.session.commit()  # the test is the edge (core/uow.py): the served site reads it
        db.session.remove()


def _calls_used(site, agreement_id) -> int:
    with site.app.app_context():
        used = db.session.scalar(select(AgreementLedger.calls_used).where(AgreementLedger.agreement_id == agreement_id))
        db.session.remove()
    return used or 0


def test_a_termination_served_by_another_worker_interrupts_the_running_query(site):
    _data(site)
    cast = site.cast
    for trial in range(TRIALS):
        agreement_id = active_agreement(cast, mode="in_platform")
        answer = {}

        def slow_query(agreement_id=agreement_id, answer=answer):
            answer["response"] = requests.post(
                f"{site.base_url}/api/v1/agreements/{agreement_id}/queries",
                json={"sql": SLOW},
                headers=cast.consumer.headers,
                timeout=120,
            )
            answer["at"] = time.monotonic()

        runner = threading.Thread(target=slow_query)
        runner.start()
        # the call is counted (its transaction committed) just before DuckDB starts
        for _ in range(3000):
            if _calls_used(site, agreement_id) or not runner.is_alive():
                break
            time.sleep(0.02)
        time.sleep(0.3)
        site.expect(runner.is_alive(), "the slow query ended before the termination was sent", trial)
        ended = requests.post(
            f"{site.base_url}/api/v1/agreements/{agreement_id}/terminate",
            json={"reason": "违约使用"},
            headers=cast.steward.headers,
            timeout=60,
        )
        terminated_at = time.monotonic()
        runner.join(timeout=120)
        response = answer["response"]
        site.expect(ended.status_code == 200 and ended.json()["status"] == "terminated", ended.text[:300], trial)
        # 409 "stopped: the agreement has ended", not the time limit's 400 query_refused
        site.expect(response.status_code == 409, (response.status_code, response.text[:300]), trial)
        site.expect(response.json()["error"]["code"] == "conflict", response.text[:300], trial)
        log = cast.consumer.get(f"/api/v1/agreements/{agreement_id}/usage").json["items"]
        site.expect(
            [(e["outcome"], e["rule"]) for e in log] == [("interrupted", "terminated")],
            [(e["outcome"], e["rule"]) for e in log],
            trial,
        )
        after = cast.consumer.post(
            f"/api/v1/agreements/{agreement_id}/queries", {"sql": "SELECT COUNT(*) FROM SCJGJ_001"}
        )
        site.expect(after.status_code == 409, after.status_code, trial)
        site.note(
            "terminate served by the other worker",
            trial,
            [(response.status_code, None)],
            stopped_after_terminate_s=round(answer["at"] - terminated_at, 2),
            query_ran_s=round(log[0]["duration_ms"] / 1000, 2) if log else None,
        )
    site.settle()
