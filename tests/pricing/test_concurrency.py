"""Races between service calls in threads of one process, outside any request, on whichever database
the suite runs on: here SQLite transactions begin DEFERRED and lock() must upgrade them (core/locks.py),
PostgreSQL locks rows. Concurrent accepts of one offer give one agreement and one invoice; agreements
reached at once on different threads get invoice numbers with no gap and no duplicate. (The same
races through gunicorn are in tests/concurrency.)"""

import contextlib
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from accounts.models import User
from core import uow
from core.errors import Conflict
from core.extensions import db
from finance.models import Invoice
from marketplace.models import Agreement
from pricing.models import Thread
from pricing.services import negotiation
from tests.conftest import make_app
from tests.pricing.conftest import published_listing


@pytest.fixture(scope="module")
def race_app(database_url, workdir, app):
    options = {"pool_size": 30, "max_overflow": 10, "pool_pre_ping": True}
    return make_app(database_url, str(workdir / "index"), SQLALCHEMY_ENGINE_OPTIONS=options)


def _in_parallel(race_app, calls, workers=20):
    barrier = threading.Barrier(min(workers, len(calls)))

    def run(call):
        with race_app.app_context():
            with contextlib.suppress(threading.BrokenBarrierError):  # the last, smaller batch
                barrier.wait(timeout=30)
            try:
                with uow.unit():  # each thread is an edge: its call commits, or rolls back when refused
                    return ("ok", call())
            except Conflict as exc:
                db.session.rollback()
                return ("conflict", str(exc.message))
            finally:
                db.session.remove()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(run, calls))


def test_twenty_concurrent_accepts_make_one_agreement_and_one_invoice(cast, race_app):
    listing, _demand = published_listing(cast, category="SCJGJ-019")
    opened = cast.consumer.post(
        "/api/v1/negotiations", {"listing_id": listing["id"], "message": "报价", "amount": "1234.56"}
    ).json
    operators = [cast.operator.user_id, cast.admin.user_id]

    def accept(n):
        return lambda: negotiation.accept(
            db.session.get(User, operators[n % 2]), opened["id"], {"offer_id": opened["standing_offer"]["id"]}
        ).number

    outcomes = _in_parallel(race_app, [accept(n) for n in range(20)])
    assert [o[0] for o in outcomes].count("ok") == 1, outcomes
    assert [o[0] for o in outcomes].count("conflict") == 19
    with race_app.app_context():
        thread = db.session.get(Thread, opened["id"])
        assert thread.status == "agreed"
        assert (
            db.session.scalar(select(func.count()).select_from(Agreement).where(Agreement.id == thread.agreement_id))
            == 1
        )
        assert (
            db.session.scalar(
                select(func.count()).select_from(Invoice).where(Invoice.agreement_id == thread.agreement_id)
            )
            == 1
        )


def test_two_hundred_concurrent_agreements_get_gapless_invoice_numbers(cast, race_app):
    listing, _demand = published_listing(cast, category="SCJGJ-020")
    threads = []
    with race_app.app_context():
        consumer = db.session.get(User, cast.consumer.user_id)
        for n in range(200):
            t = negotiation.open_thread(
                consumer, {"listing_id": listing["id"], "message": f"第{n}号", "amount": f"{100 + n}.00"}
            )
            threads.append((t.id, t.offers[0].id))
        db.session.commit()  # this setup is its own edge (core/uow.py)
        before = set(db.session.scalars(select(Invoice.number)))
    operator_id = cast.operator.user_id

    def accept(tid, oid):
        return lambda: negotiation.accept(db.session.get(User, operator_id), tid, {"offer_id": oid}).number

    outcomes = _in_parallel(race_app, [accept(t, o) for t, o in threads])
    assert all(o[0] == "ok" for o in outcomes), [o for o in outcomes if o[0] != "ok"][:3]
    with race_app.app_context():
        numbers = sorted(set(db.session.scalars(select(Invoice.number))) - before)
    assert len(numbers) == 200
    serials = sorted(int(n.rsplit("-", 1)[1]) for n in numbers)
    assert serials == list(range(serials[0], serials[0] + 200)), "gap or duplicate in invoice numbers"
    # and nothing else took a number in between
    all_serials = sorted(int(n.rsplit("-", 1)[1]) for n in before | set(numbers) if n.startswith(numbers[0][:9]))
    assert all_serials == list(range(1, len(all_serials) + 1))
