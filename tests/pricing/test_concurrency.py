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
from tests.pricing.conftest import fresh_category, published_listing


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


def _serial(number: str) -> tuple[str, int]:
    prefix, serial = number.rsplit("-", 1)
    return prefix, int(serial)


def test_an_accept_that_fails_after_drawing_its_numbers_gives_them_back(cast, race_app, monkeypatch):
    """The numbers are drawn last, after the agreement and the invoice are written under provisional
    numbers: a transaction that fails after drawing them leaves no gap and no provisional row."""
    from core import audit

    listing, _demand = published_listing(cast, category=fresh_category())
    first, second, third = (
        cast.consumer.post(
            "/api/v1/negotiations", {"listing_id": listing["id"], "message": "报价", "amount": f"{n}00.00"}
        ).json
        for n in (1, 2, 3)
    )
    operator_id = cast.operator.user_id

    def accept(opened):
        with race_app.app_context():
            try:
                with uow.unit():
                    thread = negotiation.accepted_thread(
                        db.session.get(User, operator_id), opened["id"], {"offer_id": opened["standing_offer"]["id"]}
                    )
                    return thread.agreement.number, thread.invoice.number
            finally:
                db.session.remove()

    agreed = accept(first)
    drawn = []
    write_all = audit.write_all

    def fail_after_the_numbers(entries):
        drawn.extend(e["object_id"] for e in entries[:2])  # the agreement's and the invoice's numbers
        raise RuntimeError("the transaction fails after its numbers were drawn")

    monkeypatch.setattr(audit, "write_all", fail_after_the_numbers)
    with pytest.raises(RuntimeError):
        accept(second)
    monkeypatch.setattr(audit, "write_all", write_all)
    # the failed accept had drawn the next numbers, and they were given back
    assert [_serial(n) for n in drawn] == [(p, s + 1) for p, s in map(_serial, agreed)]
    assert [_serial(n) for n in accept(third)] == [(p, s + 1) for p, s in map(_serial, agreed)]
    with race_app.app_context():
        assert db.session.get(Thread, second["id"]).status == "open"
        provisional = [
            db.session.scalar(select(func.count()).select_from(model).where(model.number.like("~%")))
            for model in (Agreement, Invoice)
        ]
        db.session.remove()
    assert provisional == [0, 0]


def test_invoices_issued_at_once_share_the_month_but_a_closing_waits_for_them(cast, race_app):
    """An invoice's posting locks its month in share mode: accepts do not queue for the month's row
    one behind another, but closing the month (FOR UPDATE) waits until they commit."""
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    from finance import periods

    with race_app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("SQLite has one writer: postings into a month queue for it whatever the row lock")
        month = periods.month_of(periods.today())
        periods.period_row(month)
        db.session.commit()
        db.session.remove()
    held, release, errors = threading.Event(), threading.Event(), []

    def issuing():
        with race_app.app_context():
            try:
                periods.locked_posting(periods.today(), share=True)
                held.set()
                release.wait(30)
                db.session.commit()
            except Exception as exc:  # noqa: BLE001 - asserted below
                errors.append(repr(exc))
            finally:
                held.set()
                db.session.remove()

    worker = threading.Thread(target=issuing)
    worker.start()
    try:
        assert held.wait(30) and not errors, errors
        with race_app.app_context():
            db.session.execute(text("SET LOCAL lock_timeout = '500ms'"))
            # a second invoice's posting takes the month at once
            assert periods.locked_posting(periods.today(), share=True).period == month
            db.session.rollback()
            # closing's lock waits for the invoices (here: gives up after 0.5 s)
            db.session.execute(text("SET LOCAL lock_timeout = '500ms'"))
            with pytest.raises(OperationalError, match="lock timeout"):
                periods.period_row(month, lock=True)
            db.session.rollback()
            release.set()
            worker.join(30)
            db.session.execute(text("SET LOCAL lock_timeout = '5s'"))
            assert periods.period_row(month, lock=True).status == "open"  # once they committed
            db.session.rollback()
            db.session.remove()
    finally:
        release.set()
        worker.join(30)
    assert not errors, errors
